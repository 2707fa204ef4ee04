import { describe, expect, it } from 'vitest';
import { type LinearModel, scoreSparse } from './linear-model.ts';
import { exportLinearModelToOnnx } from './onnx-export.ts';
import { scoreWithOnnxRuntime } from './onnx-scoring.ts';
import { toDense, toSparse } from './sparse-vector.ts';

const tiny: LinearModel = {
  dim: 5,
  classes: 3,
  // Row-major [dim, classes].
  weights: Float32Array.from([0.5, -1, 0, 2, 0.25, -0.75, 0, 0, 3, -1.5, 1, 0.1, 0.3, -0.2, 0.05]),
  bias: Float32Array.from([-0.5, 0.2, -10]),
};

const inputs: number[][] = [
  [0, 0, 0, 0, 0],
  [1, 0, 0, 0, 0],
  [0, 1, 0, 1, 0],
  [0.2, 0.4, 0.6, 0.8, 1],
  [0, 0, 1, 0, 0],
];

describe('exportLinearModelToOnnx', () => {
  it('scores in onnxruntime-web exactly as the TypeScript forward pass', async () => {
    const dense = inputs.map((row) => Float32Array.from(row));
    const onnxScores = await scoreWithOnnxRuntime(exportLinearModelToOnnx(tiny, 'test'), dense);
    expect(onnxScores).toHaveLength(inputs.length);
    dense.forEach((row, i) => {
      const expected = scoreSparse(tiny, toSparse(row));
      const actual = onnxScores[i] as Float32Array;
      expect(actual).toHaveLength(tiny.classes);
      for (let k = 0; k < tiny.classes; k++) expect(actual[k]).toBeCloseTo(expected[k] ?? Number.NaN, 6);
    });
  });

  it('is byte-for-byte deterministic', () => {
    expect(exportLinearModelToOnnx(tiny, 'x')).toEqual(exportLinearModelToOnnx(tiny, 'x'));
  });

  it('round-trips sparse vectors', () => {
    const row = Float32Array.from([0, 1.5, 0, -2, 0]);
    const sparse = toSparse(row);
    expect(Array.from(sparse.indices)).toEqual([1, 3]);
    expect(toDense(sparse, 5)).toEqual(row);
  });
});
