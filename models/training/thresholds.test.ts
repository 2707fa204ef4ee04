import { describe, expect, it } from 'vitest';
import { chooseThreshold, type ScoredRow } from './thresholds.ts';

const rows = (pairs: [number, 0 | 1][]): ScoredRow[] =>
  pairs.map(([score, p]) => ({ score, positive: p === 1 }));
const assistant = (scores: number[], set = 'replies'): ScoredRow[] =>
  scores.map((score) => ({ score, positive: false, assistantSet: set }));
const options = { floor: 0.5, minPositives: 2, maxAssistantFalseAlarmRate: 0.25 };

describe('chooseThreshold', () => {
  it.each([
    {
      name: 'the cut with the best F0.5: precision counts more than recall',
      // At 0.8: P 1, R 4/6, F0.5 0.909. At 0.65: P 5/6, R 5/6, F0.5 0.833. At 0.55: P 6/9, R 1, F0.5 0.714.
      rows: rows([
        [0.95, 1],
        [0.9, 1],
        [0.85, 1],
        [0.8, 1],
        [0.7, 0],
        [0.65, 1],
        [0.6, 0],
        [0.58, 0],
        [0.55, 1],
      ]),
      expected: { threshold: 0.8, rule: 'best-f0.5', precision: 1 },
    },
    {
      name: 'a false alarm at the top is tolerated when recall pays for it',
      // At 0.8: P 0.5, R 1/3 → 0.455. At 0.6: P 2/4, R 2/3 → 0.526. At 0.52: P 3/5, R 1 → 0.652.
      rows: rows([
        [0.9, 0],
        [0.8, 1],
        [0.7, 0],
        [0.6, 1],
        [0.52, 1],
      ]),
      expected: { threshold: 0.52, rule: 'best-f0.5' },
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
        [0.1, 0],
      ]),
      expected: { threshold: 1, rule: 'never' },
    },
    {
      name: 'ties are cut together',
      rows: rows([
        [0.9, 1],
        [0.9, 0],
        [0.8, 1],
        [0.8, 1],
        [0.3, 0],
      ]),
      expected: { threshold: 0.8, precision: 0.75, recall: 1 },
    },
    {
      name: 'equal F0.5: the higher threshold wins',
      rows: rows([
        [0.9, 1],
        [0.8, 1],
        [0.7, 0],
        [0.6, 0],
      ]),
      expected: { threshold: 0.8, precision: 1, recall: 1 },
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
      ...assistant([0.88, 0.7, 0.65, 0.1]),
    ];
    // Unbounded, F0.5 is best at 0.66 (P 0.8, R 8/9), which flags two of the four.
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 1 })).toMatchObject({
      threshold: 0.66,
      assistantFalseAlarmRate: 0.5,
    });
    expect(chooseThreshold(scored, options)).toMatchObject({ threshold: 0.8, assistantFalseAlarmRate: 0.25 });
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 0 })).toMatchObject({
      threshold: 0.9,
      assistantFalseAlarmRate: 0,
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
      ...assistant([0.88, 0.1, 0.1, 0.1], 'small'),
      ...assistant(
        Array.from({ length: 96 }, () => 0.05),
        'large',
      ),
    ];
    // 1 of 100 pooled negatives would pass a 2% budget; 1 of the small set's 4 is 25%.
    expect(chooseThreshold(scored, options)).toMatchObject({ threshold: 0.75 });
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 0.2 })).toMatchObject({
      threshold: 0.9,
    });
  });

  it('ignores negatives of other sources for the budget', () => {
    const scored = [
      ...rows([
        [0.9, 1],
        [0.85, 0],
        [0.8, 1],
        [0.75, 1],
        [0.7, 1],
      ]),
      ...assistant([0.1, 0.1]),
    ];
    expect(chooseThreshold(scored, { ...options, maxAssistantFalseAlarmRate: 0 })).toMatchObject({
      threshold: 0.7,
      precision: 0.8,
      assistantFalseAlarmRate: 0,
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
