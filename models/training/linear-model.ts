import type { SparseVector } from './sparse-vector.ts';

/**
 * Independent logistic regressions sharing one input: scores = sigmoid(x · W + b), W stored row-major as
 * [dim, classes] exactly as the ONNX initializer, so the exported bytes are the trained numbers.
 */
export interface LinearModel {
  dim: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The forward pass the ONNX graph (MatMul → Add → Sigmoid) computes, on a sparse input. */
export function scoreSparse(model: LinearModel, x: SparseVector): Float64Array {
  const { classes, weights, bias } = model;
  const z = Float64Array.from(bias);
  for (let n = 0; n < x.indices.length; n++) {
    const row = (x.indices[n] ?? 0) * classes;
    const value = x.values[n] ?? 0;
    for (let k = 0; k < classes; k++) z[k] = (z[k] ?? 0) + value * (weights[row + k] ?? 0);
  }
  for (let k = 0; k < classes; k++) z[k] = sigmoid(z[k] ?? 0);
  return z;
}
