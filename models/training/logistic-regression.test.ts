import { describe, expect, it } from 'vitest';
import { scoreSparse } from './linear-model.ts';
import { classBalance, type TrainingExample, trainLogisticRegression } from './logistic-regression.ts';
import { toSparse } from './sparse-vector.ts';

function example(
  features: number[],
  targets: number[],
  mask: number[] = [1, 1, 1],
  weight = 1,
): TrainingExample {
  return {
    x: toSparse(Float32Array.from(features)),
    targets: Uint8Array.from(targets),
    mask: Uint8Array.from(mask),
    weight,
  };
}

// Feature 0 means class 0, feature 1 means class 1, feature 2 is noise; class 2 is never fitted.
const separable: TrainingExample[] = [
  example([1, 0, 1, 0], [1, 0, 0]),
  example([1, 0, 0, 0], [1, 0, 0]),
  example([0, 1, 1, 0], [0, 1, 0]),
  example([0, 1, 0, 0], [0, 1, 0]),
  example([1, 1, 0, 0], [1, 1, 0]),
  example([0, 0, 1, 0], [0, 0, 0]),
  example([0, 0, 0, 1], [0, 0, 0]),
  example([0, 0, 1, 1], [0, 0, 0]),
];

const options = {
  dim: 4,
  classes: 3,
  epochs: 200,
  batchSize: 4,
  learningRate: 0.05,
  l2: 0,
  seed: 7,
  trainable: [true, true, false],
  untrainedBias: -10,
};

describe('trainLogisticRegression', () => {
  it('learns a tiny separable problem', () => {
    const model = trainLogisticRegression(separable, options);
    for (const row of separable) {
      const scores = scoreSparse(model, row.x);
      for (const k of [0, 1]) {
        if (row.targets[k]) expect(scores[k]).toBeGreaterThan(0.8);
        else expect(scores[k]).toBeLessThan(0.2);
      }
    }
  });

  it('leaves untrained classes at zero weights and the untrained bias', () => {
    const model = trainLogisticRegression(separable, options);
    for (let j = 0; j < options.dim; j++) expect(model.weights[j * options.classes + 2]).toBe(0);
    expect(model.bias[2]).toBe(-10);
    expect(scoreSparse(model, separable[0]?.x ?? toSparse(new Float32Array(4)))[2]).toBeLessThan(1e-4);
  });

  it('ignores out-of-scope classes: a masked contradicting row changes nothing', () => {
    const contradicting = example([1, 0, 0, 0], [0, 0, 0], [0, 1, 0]);
    const base = trainLogisticRegression(separable, { ...options, epochs: 20, batchSize: 100 });
    const masked = trainLogisticRegression([...separable, contradicting], {
      ...options,
      epochs: 20,
      batchSize: 100,
    });
    const unmasked = trainLogisticRegression(
      [...separable, { ...contradicting, mask: Uint8Array.from([1, 1, 0]) }],
      {
        ...options,
        epochs: 20,
        batchSize: 100,
      },
    );
    // Class 0's parameters see the contradicting row only when it is in scope.
    expect(masked.weights[0]).toBe(base.weights[0]);
    expect(unmasked.weights[0]).not.toBe(base.weights[0]);
  });

  it('is deterministic for a seed and depends on it', () => {
    const a = trainLogisticRegression(separable, { ...options, epochs: 5, batchSize: 3 });
    const b = trainLogisticRegression(separable, { ...options, epochs: 5, batchSize: 3 });
    const c = trainLogisticRegression(separable, { ...options, epochs: 5, batchSize: 3, seed: 8 });
    expect(a.weights).toEqual(b.weights);
    expect(a.bias).toEqual(b.bias);
    expect(a.weights).not.toEqual(c.weights);
  });
});

describe('classBalance', () => {
  it.each([
    { name: 'balanced', targets: [1, 0], expected: { positiveWeight: 1, negativeWeight: 1 } },
    {
      name: '1 positive : 3 negatives',
      targets: [1, 0, 0, 0],
      expected: { positiveWeight: 2, negativeWeight: 4 / 6 },
    },
    { name: 'no positives', targets: [0, 0], expected: { positiveWeight: 0, negativeWeight: 0.5 } },
  ])('$name', ({ targets, expected }) => {
    const rows = targets.map((t) => example([1], [t], [1]));
    const [c] = classBalance(rows, 1);
    expect(c?.positiveWeight).toBeCloseTo(expected.positiveWeight, 12);
    expect(c?.negativeWeight).toBeCloseTo(expected.negativeWeight, 12);
  });

  it('counts only rows with the class in scope', () => {
    const rows = [example([1], [1], [1]), example([1], [0], [0]), example([1], [0], [1])];
    expect(classBalance(rows, 1)[0]).toMatchObject({ positives: 1, negatives: 1 });
  });
});
