import { describe, expect, it } from 'vitest';
import { analyzeTextStructure } from './text-structure.ts';

/** The sentences of `text` as strings (trimmed). */
function sentences(text: string): string[] {
  const starts = analyzeTextStructure(text).sentenceStarts;
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length).trim());
}

/** The text from each clause break to the end of the word or mark there. */
function breaks(text: string, kind: 'clauseBreaks' | 'contrastBreaks'): string[] {
  return analyzeTextStructure(text)[kind].map((at) => text.slice(at).match(/^(\p{L}+|.)/u)?.[0] ?? '');
}

describe('analyzeTextStructure', () => {
  it.each<[string, string, string[]]>([
    [
      'full stops, question and exclamation marks',
      'Act now. Why? Because!',
      ['Act now.', 'Why?', 'Because!'],
    ],
    ['a closing quote after the stop', 'He said "go." Then he left.', ['He said "go."', 'Then he left.']],
    ['an abbreviation before a name', 'Ask Dr. Lee today. Then rest.', ['Ask Dr. Lee today.', 'Then rest.']],
    [
      '"e.g." before a lower-case word',
      'Some say e.g. act now to rush you.',
      ['Some say e.g. act now to rush you.'],
    ],
    ['a decimal number', 'It costs 3.5 dollars. Cheap.', ['It costs 3.5 dollars.', 'Cheap.']],
    ['line breaks always end a sentence', 'First line\nsecond line', ['First line', 'second line']],
    ['an ellipsis', 'Wait… There is more.', ['Wait…', 'There is more.']],
  ])('sentences: %s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('finds clause breaks, and the contrast breaks among them', () => {
    const text = "No rush, so wait; but it's 1,000 dollars — well-known (sort of): however, fine - ok.";
    expect(breaks(text, 'clauseBreaks')).toEqual([
      ',',
      'so',
      ';',
      'but',
      '—',
      '(',
      ')',
      ':',
      'however',
      ',',
      '-',
    ]);
    expect(breaks(text, 'contrastBreaks')).toEqual([';', 'but', 'however']);
  });

  it('counts words with inner apostrophes as one', () => {
    const text = "You're right, don't  wait—users' data.";
    expect(
      analyzeTextStructure(text).wordStarts.map((at) => text.slice(at).match(/^[\p{L}']+/u)?.[0]),
    ).toEqual(["You're", 'right', "don't", 'wait', "users'", 'data']);
  });

  it('marks list items, introducing lines and blank lines', () => {
    const structure = analyzeTextStructure('Red flags:\n- act now\n\n2) today only\n**Watch for:**\nplain');
    expect(structure.lineIsListItem).toEqual([false, true, false, true, false, false]);
    expect(structure.lineEndsWithColon).toEqual([true, false, false, false, true, false]);
    expect(structure.lineIsBlank).toEqual([false, false, true, false, false, false]);
  });
});
