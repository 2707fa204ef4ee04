import { describe, expect, it } from 'vitest';
import { buildExcerpts, EXCERPT_MAX_LENGTH } from './excerpts.ts';
import { finding } from './testing/analysis-fixtures.ts';

const filler = (words: number, word = 'lorem') => Array.from({ length: words }, () => word).join(' ');
const positions = (text: string, phrase: string) =>
  [...text.matchAll(new RegExp(phrase, 'g'))].map((m) => ({ start: m.index, end: m.index + phrase.length }));
const highlighted = (excerpt: { text: string; highlights: { start: number; end: number }[] }) =>
  excerpt.highlights.map((h) => excerpt.text.slice(h.start, h.end));

describe('buildExcerpts', () => {
  const short = 'Act now, this offer ends today.';

  it.each([
    { name: 'one span in a short reply', spans: [{ start: 0, end: 7 }], expected: [['Act now']] },
    {
      name: 'two spans close together share one excerpt',
      spans: [
        { start: 0, end: 7 },
        { start: 25, end: 30 },
      ],
      expected: [['Act now', 'today']],
    },
    { name: 'a span outside the text is dropped', spans: [{ start: 25, end: 999 }], expected: [] },
    { name: 'no spans (the model alone fired), no excerpt', spans: [], expected: [] },
  ])('$name', ({ spans, expected }) => {
    const excerpts = buildExcerpts(short, [finding('T01', spans)]);
    expect(excerpts.map(highlighted)).toEqual(expected);
    for (const excerpt of excerpts) expect(excerpt.text).toBe(short);
  });

  it.each([
    { occurrences: 1, excerpts: 1 },
    { occurrences: 2, excerpts: 2 },
    { occurrences: 5, excerpts: 2 },
  ])(
    '$occurrences far-apart spans give $excerpts excerpt(s), each ≤ 200 characters',
    ({ occurrences, excerpts }) => {
      const text =
        Array.from({ length: occurrences }, (_, i) => `${filler(60, `w${i}`)} act now`).join(' ') +
        ` ${filler(40)}`;
      const result = buildExcerpts(text, [finding('T01', positions(text, 'act now'))]);
      expect(result).toHaveLength(excerpts);
      for (const excerpt of result) {
        expect(excerpt.text.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH);
        expect(highlighted(excerpt)).toEqual(['act now']);
      }
      // The two excerpts show different occurrences, not the same one twice.
      if (result.length === 2) {
        expect(result[0]?.text).toContain('w0 act now');
        expect(result[1]?.text).toContain('w1 act now');
      }
    },
  );

  it('makes excerpts per finding, in finding order', () => {
    const excerpts = buildExcerpts(short, [
      finding('T01', [{ start: 0, end: 7 }]),
      finding('T02', [{ start: 9, end: 19 }]),
      finding('T18', []),
    ]);
    expect(excerpts.map((e) => [e.technique, ...highlighted(e)])).toEqual([
      ['T01', 'Act now'],
      ['T02', 'this offer'],
    ]);
  });
});
