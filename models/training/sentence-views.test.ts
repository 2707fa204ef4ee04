import { describe, expect, it } from 'vitest';
import type { MappedRow } from './label-mapping.ts';
import type { MappedSet } from './mapped-datasets.ts';
import { sentencesOf, sentenceViews } from './sentence-views.ts';

describe('sentencesOf', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    ['He said "stop." Then left.', ['He said "stop."', 'Then left.']],
    ['Line one\nline two', ['Line one', 'line two']],
    ['Version 2.1 is out. Try it', ['Version 2.1 is out.', 'Try it']],
    ['', []],
  ])('%j → %j', (text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });
});

const set = (name: string, train: MappedRow[]): MappedSet => ({
  set: name,
  licence: 'test',
  mayTrain: true,
  sourceRows: train.length,
  train,
  calibration: [],
  eval: [],
  leakGuard: { dropped: 0, trimmed: 0 },
});
const options = { sets: ['replies'], minWords: 2, maxPerReply: 4 };

describe('sentenceViews', () => {
  it('makes each sentence a negative for what its reply is a negative for', () => {
    const reply: MappedRow = {
      id: 'r1',
      text: 'You are brilliant. Hope this helps! Ok.',
      labels: ['T07'],
      scope: ['T07', 'T11', 'T12'],
    };
    expect(sentenceViews(set('replies', [reply]), options)).toEqual([
      { id: 'r1#s0', text: 'You are brilliant.', labels: [], scope: ['T11', 'T12'] },
      { id: 'r1#s1', text: 'Hope this helps!', labels: [], scope: ['T11', 'T12'] },
    ]);
  });

  it.each<[string, MappedSet]>([
    ['sets not listed', set('headlines', [{ id: 'h', text: 'A b. C d.', labels: [], scope: ['T12'] }])],
    [
      'replies positive for their whole scope',
      set('replies', [{ id: 'p', text: 'A b. C d.', labels: ['T12'], scope: ['T12'] }]),
    ],
    [
      'one-sentence replies (the reply itself already trains)',
      set('replies', [{ id: 'o', text: 'Just one here.', labels: [], scope: ['T12'] }]),
    ],
  ])('adds nothing for %s', (_, s) => {
    expect(sentenceViews(s, options)).toEqual([]);
  });

  it('keeps the first and last sentences of a long reply', () => {
    const text = ['s one.', 's two.', 's three.', 's four.', 's five.', 's six.'].join(' ');
    const views = sentenceViews(set('replies', [{ id: 'l', text, labels: [], scope: ['T01'] }]), options);
    expect(views.map((v) => v.text)).toEqual(['s one.', 's two.', 's five.', 's six.']);
  });
});
