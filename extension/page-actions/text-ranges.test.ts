// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BASE_CHROME_SELECTOR, extractTextMap, extractTextMapOfAll } from '../site-adapters/turn-text.ts';
import { rangesForSpan, spanStillReads } from './text-ranges.ts';

function rootOf(html: string): Element {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

describe('rangesForSpan', () => {
  it.each([
    {
      name: 'a span inside one text node',
      html: '<p>Please act now.</p>',
      phrase: 'act now',
      ranges: ['act now'],
    },
    {
      name: 'a span split across inline elements',
      html: '<p>You must <em>act</em> <strong>now</strong>!</p>',
      phrase: 'act now',
      ranges: ['act', ' ', 'now'],
    },
    {
      name: 'a skipped button between the pieces is left out',
      html: '<p>act<button>Copy</button> now</p>',
      phrase: 'act now',
      ranges: ['act', ' now'],
    },
    {
      name: 'a span over a block boundary skips the added line break',
      html: '<p>Act now.</p><p>Vote today.</p>',
      phrase: 'now.\nVote',
      ranges: ['now.', 'Vote'],
    },
    {
      name: 'collapsed whitespace covers the whole source run',
      html: '<p>act    \n   now</p>',
      phrase: 'act now',
      ranges: ['act    \n   now'],
    },
    {
      name: 'a table row: the cell tab is skipped',
      html: '<table><tr><td>Offer </td><td>ends today</td></tr></table>',
      phrase: 'Offer\tends',
      ranges: ['Offer', 'ends'],
    },
    {
      name: 'a span of added units only maps to nothing',
      html: '<p>one</p><p>two</p>',
      phrase: '\n',
      ranges: [],
    },
  ])('$name', ({ html, phrase, ranges }) => {
    const map = extractTextMap(rootOf(html), BASE_CHROME_SELECTOR);
    const start = map.text.indexOf(phrase);
    expect(start, `"${phrase}" in ${JSON.stringify(map.text)}`).toBeGreaterThanOrEqual(0);
    const found = rangesForSpan(map, start, start + phrase.length);
    expect(found.map((range) => range.toString())).toEqual(ranges);
  });

  it('maps spans in the second of several content blocks', () => {
    const first = rootOf('<p>Intro.</p>');
    const second = rootOf('<p>Act <b>now</b>.</p>');
    const map = extractTextMapOfAll([first, second]);
    expect(map.text).toBe('Intro.\n\nAct now.');
    const ranges = rangesForSpan(map, 8, 15);
    expect(ranges.map((range) => range.toString())).toEqual(['Act ', 'now']);
    expect(ranges.every((range) => second.contains(range.startContainer))).toBe(true);
  });

  it('clips a span reaching past the text', () => {
    const map = extractTextMap(rootOf('<p>short</p>'));
    expect(rangesForSpan(map, 2, 99).map((range) => range.toString())).toEqual(['ort']);
    expect(rangesForSpan(map, 50, 60)).toEqual([]);
  });
});

describe('spanStillReads', () => {
  it.each([
    { now: 'Act now, please.', analysed: 'Act now, please.', span: [0, 7], reads: true },
    { now: 'Act now, please.', analysed: 'Act now; please!', span: [0, 7], reads: true },
    { now: 'Wait, act now.', analysed: 'Act now, please.', span: [0, 7], reads: false },
    { now: 'Act', analysed: 'Act now', span: [0, 7], reads: false },
  ])('"$now" still reads $span of "$analysed": $reads', ({ now, analysed, span, reads }) => {
    const map = extractTextMap(rootOf(`<p>${now}</p>`));
    expect(spanStillReads(map, analysed, span[0] as number, span[1] as number)).toBe(reads);
  });
});
