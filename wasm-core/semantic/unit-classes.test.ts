import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLetterOrDigitUnit, isLowerCaseUnit } from './unit-classes.ts';

describe('unit classes', () => {
  it.each<[string, boolean, boolean]>([
    ['a', true, true],
    ['Z', true, false],
    ['7', true, false],
    ['é', true, true],
    ['Ж', true, false],
    ['ж', true, true],
    ['٣', true, false],
    ['’', false, false],
    ['—', false, false],
    [' ', false, false],
    ['\ud83d', false, false],
  ])('%s: letter or digit %s, lower case %s', (unit, letterOrDigit, lower) => {
    const code = unit.charCodeAt(0);
    expect(isLetterOrDigitUnit(code)).toBe(letterOrDigit);
    expect(isLowerCaseUnit(code)).toBe(lower);
  });

  it('agrees with the Unicode property regexes on every code unit, asked twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (code) => {
        const unit = String.fromCharCode(code);
        for (let round = 0; round < 2; round++) {
          expect(isLetterOrDigitUnit(code)).toBe(/[\p{L}\p{N}]/u.test(unit));
          expect(isLowerCaseUnit(code)).toBe(/\p{Ll}/u.test(unit));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
