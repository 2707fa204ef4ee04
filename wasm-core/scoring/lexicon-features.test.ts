import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../taxonomy.ts';
import {
  keptEvidence,
  LEXICON_FEATURE_COUNT,
  LEXICON_FEATURE_NAMES,
  type LexiconEvidence,
  lexiconFeatureVector,
  modelInputRow,
} from './lexicon-features.ts';

const evidence = (entries: [TechniqueId, LexiconEvidence][]) => new Map(entries);
/** Evidence the semantic layer left as the pack weighed it, unless a base score is given. */
const ev = (score: number, phrases: number, baseScore = score): LexiconEvidence => ({
  score,
  phrases,
  baseScore,
});

describe('lexicon feature layout', () => {
  it('has a score and a phrase count per technique, in taxonomy order', () => {
    expect(LEXICON_FEATURE_COUNT).toBe(44);
    expect(LEXICON_FEATURE_NAMES.slice(0, 4)).toEqual([
      'T01.score',
      'T01.log1pPhrases',
      'T02.score',
      'T02.log1pPhrases',
    ]);
    expect(LEXICON_FEATURE_NAMES.at(-1)).toBe('T22.log1pPhrases');
    expect(new Set(LEXICON_FEATURE_NAMES).size).toBe(LEXICON_FEATURE_COUNT);
  });
});

describe('lexiconFeatureVector', () => {
  it.each<{ name: string; input: [TechniqueId, LexiconEvidence][]; expected: Record<number, number> }>([
    { name: 'no evidence: all zero', input: [], expected: {} },
    {
      name: 'one phrase of T01',
      input: [['T01', ev(0.8, 1)]],
      expected: { 0: 0.8, 1: Math.log(2) },
    },
    {
      name: 'two techniques land in their own slots',
      input: [
        ['T02', ev(0.5, 3)],
        ['T22', ev(0.25, 1)],
      ],
      expected: { 2: 0.5, 3: Math.log(4), 42: 0.25, 43: Math.log(2) },
    },
    {
      name: 'a phrase the semantic layer silenced still counts as a phrase',
      input: [['T12', ev(0, 1)]],
      expected: { 23: Math.log(2) },
    },
    {
      name: 'out-of-range and non-finite values are clamped to what the model was trained on',
      input: [
        ['T03', ev(1.7, -2)],
        ['T04', ev(Number.NaN, Number.POSITIVE_INFINITY)],
      ],
      expected: { 4: 1 },
    },
  ])('$name', ({ input, expected }) => {
    const vector = lexiconFeatureVector(evidence(input));
    expect(vector).toHaveLength(LEXICON_FEATURE_COUNT);
    vector.forEach((value, i) => {
      expect(value, LEXICON_FEATURE_NAMES[i]).toBeCloseTo(expected[i] ?? 0, 6);
    });
  });
});

describe('modelInputRow', () => {
  it('puts the hashed features first and the lexicon features after them', () => {
    const hashed = Float32Array.from([0.5, 0, 0.25]);
    const row = modelInputRow(hashed, evidence([['T01', ev(0.6, 2)]]));
    expect(row).toHaveLength(3 + LEXICON_FEATURE_COUNT);
    expect([...row.slice(0, 5)].map((x) => Number(x.toFixed(5)))).toEqual([
      0.5,
      0,
      0.25,
      0.6,
      Number(Math.log(3).toFixed(5)),
    ]);
    expect(row.slice(5).every((x) => x === 0)).toBe(true);
  });
});

describe('keptEvidence', () => {
  it.each<[string, LexiconEvidence | undefined, number]>([
    ['nothing matched: nothing was judged', undefined, 1],
    ['a phrase used as the pack weighs it', ev(0.8, 1), 1],
    ['a phrase negated to a tenth of its evidence', ev(1 - 0.2 ** 0.1, 1, 0.8), 0.1],
    ['a phrase silenced entirely', ev(0, 1, 0.8), 0],
    ['half of the evidence kept', ev(1 - Math.sqrt(0.2), 2, 0.8), 0.5],
    ['a zero base score counts as nothing judged', ev(0, 1, 0), 1],
    ['never above 1', ev(0.9, 1, 0.5), 1],
  ])('%s', (_, evidence, expected) => {
    expect(keptEvidence(evidence)).toBeCloseTo(expected, 9);
  });
});
