import { describe, expect, it } from 'vitest';
import { MODEL_FULL_TRUST_WORDS, modelGate, wordCount } from './model-gate.ts';

describe('wordCount', () => {
  it.each([
    ['', 0],
    ['Would you like me to continue?', 6],
    ["Don't worry — it's fine.", 4],
    ['  spaced   out  ', 2],
    ['24 hours, 7 days', 4],
    ['naïve café', 2],
  ])('%j → %i', (text, expected) => {
    expect(wordCount(text)).toBe(expected);
  });
});

describe('modelGate', () => {
  it.each([
    ['no phrase matched, a long reply', undefined, 40, 1],
    ['no phrase matched, exactly the full-trust length', undefined, MODEL_FULL_TRUST_WORDS, 1],
    ['no phrase matched, a six-word reply', undefined, 6, 6 / MODEL_FULL_TRUST_WORDS],
    ['no words at all', undefined, 0, 0],
    [
      'a phrase read as a mention keeps a tenth, long reply',
      { score: 1 - 0.2 ** 0.1, baseScore: 0.8, phrases: 1 },
      40,
      0.1,
    ],
  ])('%s', (_, evidence, words, expected) => {
    expect(modelGate(evidence, words)).toBeCloseTo(expected, 9);
  });
});
