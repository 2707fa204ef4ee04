import { describe, expect, it } from 'vitest';
import { exportPassphraseProblem } from './export-passphrase.ts';

describe('exportPassphraseProblem', () => {
  it.each([
    ['', '', null],
    ['long enough words', 'long enough words', null],
    ['caf\u00e9 au lait', 'cafe\u0301 au lait', null],
    ['short', 'short', 'at least 8 characters'],
    ['', 'long enough words', 'at least 8 characters'],
    ['long enough words', 'long enough word', 'do not match'],
    ['long enough words', '', 'do not match'],
  ])('%j and %j: %s', (passphrase, confirmation, problem) => {
    const found = exportPassphraseProblem(passphrase, confirmation);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
