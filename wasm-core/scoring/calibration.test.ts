import { describe, expect, it } from 'vitest';
import {
  calibratedScore,
  calibrationProblems,
  gatedModelLogit,
  lexiconLogEvidence,
  MODEL_LOGIT_FLOOR,
  modelLogit,
  sigmoid,
} from './calibration.ts';

describe('calibratedScore', () => {
  it.each([
    {
      name: 'no evidence gives the base rate sigmoid(bias)',
      c: { lexicon: 2, model: 0, bias: -3 },
      l: 0,
      m: 0.3,
      expected: sigmoid(-3),
    },
    {
      name: 'lexicon evidence is −ln(1 − l): one phrase of weight 0.8 adds 2·ln 5',
      c: { lexicon: 2, model: 0, bias: -3 },
      l: 0.8,
      m: 0,
      expected: sigmoid(-3 + 2 * Math.log(5)),
    },
    {
      name: 'the model enters as its log-odds',
      c: { lexicon: 0, model: 1.5, bias: -1 },
      l: 0,
      m: 0.9,
      expected: sigmoid(-1 + 1.5 * Math.log(9)),
    },
    {
      name: 'both add up',
      c: { lexicon: 1, model: 1, bias: 0 },
      l: 0.5,
      m: 0.2,
      expected: sigmoid(Math.log(2) + Math.log(0.25)),
    },
    {
      name: 'a model score of exactly 0 or 1 stays finite',
      c: { lexicon: 0, model: 1, bias: 0 },
      l: 0,
      m: 1,
      expected: sigmoid(Math.log((1 - 1e-6) / 1e-6)),
    },
    {
      name: 'a lexicon score of 1 stays finite',
      c: { lexicon: 1, model: 0, bias: -20 },
      l: 1,
      m: 0,
      expected: sigmoid(-20 - Math.log(1e-6)),
    },
    {
      name: 'model weight 0 ignores the model score entirely',
      c: { lexicon: 1, model: 0, bias: 0 },
      l: 0,
      m: Number.NaN,
      expected: 0.5,
    },
  ])('$name', ({ c, l, m, expected }) => {
    expect(calibratedScore(c, l, m)).toBeCloseTo(expected, 10);
  });

  it('never decreases when either score rises (weights ≥ 0)', () => {
    const c = { lexicon: 0.7, model: 1.3, bias: -2 };
    for (const l of [0, 0.2, 0.5, 0.9]) {
      for (const m of [0.01, 0.3, 0.7]) {
        expect(calibratedScore(c, l + 0.05, m)).toBeGreaterThanOrEqual(calibratedScore(c, l, m));
        expect(calibratedScore(c, l, m + 0.05)).toBeGreaterThanOrEqual(calibratedScore(c, l, m));
      }
    }
  });

  it.each([
    [0, 0],
    [0.5, Math.log(2)],
    [-1, 0],
    [Number.NaN, 0],
  ])('lexiconLogEvidence(%d) = %d', (l, expected) => {
    expect(lexiconLogEvidence(l)).toBeCloseTo(expected, 10);
  });

  it.each([
    [0.5, 0],
    [0.75, Math.log(3)],
    [Number.NaN, 0],
  ])('modelLogit(%d) = %d', (m, expected) => {
    expect(modelLogit(m)).toBeCloseTo(expected, 10);
  });
});

describe('gatedModelLogit', () => {
  it.each([
    ['a model leaning for the technique, evidence kept', 0.9, 1, Math.log(9)],
    [
      'a model leaning for it, the lexicon evidence read as a mention (a tenth kept)',
      0.9,
      0.1,
      0.1 * Math.log(9),
    ],
    ['a model leaning for it, the phrases silenced', 0.9, 0, 0],
    ['a model leaning against it is never softened', 0.2, 0, Math.log(1 / 4)],
    ['a model arguing hard against it is bounded at the floor', 0.001, 1, MODEL_LOGIT_FLOOR],
    ['kept outside [0, 1] is clamped', 0.9, 3, Math.log(9)],
  ])('%s', (_, m, kept, expected) => {
    expect(gatedModelLogit(m, kept)).toBeCloseTo(expected, 10);
  });

  it('lets the semantic reading hold back a confident model', () => {
    const c = { lexicon: 3, model: 1.5, bias: -2 };
    const used = calibratedScore(c, 0.6, 0.95, 1);
    const quoted = calibratedScore(c, 0.05, 0.95, 0.06);
    expect(used).toBeGreaterThan(0.9);
    expect(quoted).toBeLessThan(0.3);
    expect(calibratedScore(c, 0.05, 0.95)).toBeGreaterThan(0.9);
  });
});

describe('calibrationProblems', () => {
  it.each<[string, unknown, string[]]>([
    ['a valid entry', { lexicon: 1, model: 0, bias: -2 }, []],
    ['not an object', 3, ['x must be an object { lexicon, model, bias }']],
    ['a negative weight', { lexicon: -1, model: 0, bias: 0 }, ['x.lexicon must be a finite number ≥ 0']],
    ['a missing bias', { lexicon: 1, model: 1 }, ['x.bias must be a finite number']],
    [
      'non-finite numbers',
      { lexicon: Number.POSITIVE_INFINITY, model: 'a', bias: Number.NaN },
      [
        'x.lexicon must be a finite number ≥ 0',
        'x.model must be a finite number ≥ 0',
        'x.bias must be a finite number',
      ],
    ],
  ])('%s', (_, value, expected) => {
    expect(calibrationProblems(value, 'x')).toEqual(expected);
  });
});
