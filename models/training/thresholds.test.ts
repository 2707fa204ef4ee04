import { describe, expect, it } from 'vitest';
import { chooseThreshold, type ScoredRow } from './thresholds.ts';

const rows = (pairs: [number, 0 | 1][]): ScoredRow[] =>
  pairs.map(([score, p]) => ({ score, positive: p === 1 }));
const options = { minPrecision: 0.8, floor: 0.5, minPositives: 2, maxAssistantFalseAlarmRate: 0.25 };

describe('chooseThreshold', () => {
  it.each([
    {
      name: 'widest cut that keeps precision ≥ 0.8',
      rows: rows([
        [0.95, 1],
        [0.9, 1],
        [0.85, 1],
        [0.8, 1],
        [0.7, 0],
        [0.65, 1],
        [0.6, 0],
        [0.55, 0],
      ]),
      expected: { threshold: 0.65, rule: 'precision-floor' },
    },
    {
      name: 'best F0.5 when precision 0.8 is out of reach',
      rows: rows([
        [0.9, 0],
        [0.8, 1],
        [0.7, 0],
        [0.6, 1],
        [0.55, 0],
      ]),
      expected: { threshold: 0.6, rule: 'best-f0.5' },
    },
    {
      name: 'never below the floor',
      rows: rows([
        [0.45, 1],
        [0.4, 1],
        [0.3, 0],
      ]),
      expected: { threshold: 1, rule: 'never' },
    },
    {
      name: 'too few positives: never fires',
      rows: rows([
        [0.9, 1],
        [0.2, 0],
      ])
        .slice(0, 1)
        .concat(rows([[0.1, 0]])),
      expected: { threshold: 1, rule: 'never' },
    },
    {
      name: 'ties are cut together',
      rows: rows([
        [0.9, 1],
        [0.9, 0],
        [0.8, 1],
        [0.8, 1],
        [0.8, 1],
        [0.3, 0],
      ]),
      expected: { threshold: 0.8, rule: 'precision-floor', precision: 0.8 },
    },
  ])('$name', ({ rows, expected }) => {
    expect(chooseThreshold(rows, options)).toMatchObject(expected);
  });

  it('stops before flagging more than the allowed share of assistant-style negatives', () => {
    const scored = [
      ...rows([
        [0.95, 1],
        [0.9, 1],
        [0.85, 1],
        [0.8, 1],
        [0.69, 1],
        [0.68, 1],
        [0.67, 1],
        [0.66, 1],
        [0.6, 1],
      ]),
      // Four assistant-style negatives: a 25% budget allows one of them to be flagged.
      ...[0.88, 0.7, 0.65, 0.1].map((score) => ({ score, positive: false, assistantSet: 'replies' })),
    ];
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 1 })).toMatchObject({
      threshold: 0.66,
    });
    expect(chooseThreshold(scored, options)).toMatchObject({ threshold: 0.8, rule: 'precision-floor' });
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 0 })).toMatchObject({
      threshold: 0.9,
    });
  });

  it('keeps the budget per assistant-style set: a large clean set does not dilute a small one', () => {
    const scored = [
      ...rows([
        [0.95, 1],
        [0.9, 1],
        [0.85, 1],
        [0.8, 1],
        [0.75, 1],
      ]),
      ...[0.88, 0.1, 0.1, 0.1].map((score) => ({ score, positive: false, assistantSet: 'small' })),
      ...Array.from({ length: 96 }, () => ({ score: 0.05, positive: false, assistantSet: 'large' })),
    ];
    // 1 of 100 pooled negatives would pass a 25% budget; 1 of the small set's 4 is exactly 25%; 0% stops it.
    expect(chooseThreshold(scored, options)).toMatchObject({ threshold: 0.75 });
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 0.2 })).toMatchObject({
      threshold: 0.9,
    });
  });

  it('rounds down to four decimals so the chosen rows stay above it', () => {
    const choice = chooseThreshold(
      rows([
        [0.912345, 1],
        [0.81239, 1],
        [0.2, 0],
      ]),
      options,
    );
    expect(choice.threshold).toBe(0.8123);
  });
});
