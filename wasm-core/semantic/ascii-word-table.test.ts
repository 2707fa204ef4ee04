import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsciiWordTable } from './ascii-word-table.ts';

const WORDS = ['but', 'however', 'so', 'then', 'therefore', 'mr', 'approx', 'no'];

describe('AsciiWordTable', () => {
  const table = new AsciiWordTable(WORDS);

  it.each<[string, string | undefined]>([
    ['but', 'but'],
    ['However', 'however'],
    ['THEREFORE', 'therefore'],
    ['So', 'so'],
    ['sO', 'so'],
    ['s', undefined],
    ['soo', undefined],
    ["don't", undefined],
    ['th3n', undefined],
    ['İnstead', undefined],
    ['ſo', undefined],
    ['', undefined],
  ])('%j is %j', (word, expected) => {
    expect(table.find(`(${word})`, 1, word.length + 1)).toBe(expected);
  });

  it('refuses words it could not look up exactly', () => {
    expect(() => new AsciiWordTable(['Mr'])).toThrow();
    expect(() => new AsciiWordTable(['kelvin'])).toThrow();
  });

  it('agrees with a set of the lower-cased slice on any text', () => {
    const set = new Set(WORDS);
    const unit = fc.constantFrom(
      'b',
      'u',
      't',
      'T',
      'S',
      'o',
      'O',
      'n',
      'h',
      'e',
      'm',
      'r',
      "'",
      'İ',
      'K',
      'ſ',
      ' ',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.nat(12), fc.nat(12), (text, a, b) => {
        const start = Math.min(a, b, text.length);
        const end = Math.min(Math.max(a, b), text.length);
        const word = text.slice(start, end).toLowerCase();
        expect(table.find(text, start, end)).toBe(set.has(word) ? word : undefined);
      }),
      { numRuns: 3000 },
    );
  });
});
