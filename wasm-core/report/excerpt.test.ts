import { describe, expect, it } from 'vitest';
import { buildExcerpt, EXCERPT_MAX_LENGTH } from './excerpt.ts';

const filler = (words: number, word = 'lorem') => Array.from({ length: words }, () => word).join(' ');

describe('buildExcerpt', () => {
  it.each([
    [
      'a short reply is kept whole',
      'Act now, this offer ends today.',
      'act now',
      'Act now, this offer ends today.',
    ],
    ['newlines become spaces', 'Hello.\nAct now!', 'act now', 'Hello. Act now!'],
    ['surrounding blank space is dropped', '  \n Act now!  \n', 'act now', 'Act now!'],
  ])('%s', (_name, text, phrase, expected) => {
    const start = text.toLowerCase().indexOf(phrase);
    const excerpt = buildExcerpt(text, 'T01', [{ start, end: start + phrase.length }]);
    expect(excerpt?.text).toBe(expected);
    const highlight = excerpt?.highlights[0];
    expect(excerpt?.text.slice(highlight?.start, highlight?.end).toLowerCase()).toBe(phrase);
  });

  it.each([
    ['at the start', 0],
    ['in the middle', 500],
    ['at the end', 1000],
  ])('cuts a long reply around a span %s, at word boundaries, within the limit', (_name, wordIndex) => {
    const words = filler(1001).split(' ');
    words[wordIndex] = 'NOW';
    const text = words.join(' ');
    const start = text.indexOf('NOW');
    const excerpt = buildExcerpt(text, 'T01', [{ start, end: start + 3 }]);
    expect(excerpt).not.toBeNull();
    if (!excerpt) return;
    expect(excerpt.text.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH);
    expect(excerpt.text.length).toBeGreaterThan(EXCERPT_MAX_LENGTH - 12);
    const [highlight] = excerpt.highlights;
    expect(excerpt.text.slice(highlight?.start, highlight?.end)).toBe('NOW');
    for (const token of excerpt.text.replace(/…/g, '').split(' ')) expect(['lorem', 'NOW']).toContain(token);
    expect(excerpt.text.startsWith('…')).toBe(wordIndex > 0);
    expect(excerpt.text.endsWith('…')).toBe(wordIndex < 1000);
  });

  it('highlights every span that falls inside the window, merging overlapping ones', () => {
    const text = `${filler(10)} act now ${filler(5)} act now act now ${filler(200)}`;
    const spans = [...text.matchAll(/act now/g)].map((m) => ({ start: m.index, end: m.index + 7 }));
    const excerpt = buildExcerpt(text, 'T01', [
      ...spans,
      { start: spans[1]?.start ?? 0, end: (spans[1]?.end ?? 0) + 2 },
    ]);
    expect(excerpt?.highlights.map((h) => excerpt.text.slice(h.start, h.end))).toEqual([
      'act now',
      'act now act now',
    ]);
  });

  it('clips a span longer than the limit', () => {
    const text = filler(100, 'urgent');
    const excerpt = buildExcerpt(`intro ${text} outro`, 'T01', [{ start: 6, end: 6 + text.length }]);
    expect(excerpt?.text.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH);
    expect(excerpt?.highlights).toHaveLength(1);
  });

  it.each([
    ['no spans', []],
    ['an empty span', [{ start: 3, end: 3 }]],
    ['a span outside the text', [{ start: 50, end: 60 }]],
  ])('returns null for %s', (_name, spans) => {
    expect(buildExcerpt('short text', 'T01', spans)).toBeNull();
  });
});
