import { type LinearModel, sigmoid } from './linear-model.ts';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';
import type { SparseVector } from './sparse-vector.ts';

/** One training row: a feature vector, 0/1 targets per class, and which classes the row speaks to. */
export interface TrainingExample {
  x: SparseVector;
  targets: Uint8Array;
  /** 1 where the class is in the row's scope; out-of-scope classes contribute nothing to the loss. */
  mask: Uint8Array;
  /** Multiplies the row's loss, e.g. to give a small curated set a voice next to a large one. */
  weight: number;
}

export interface LogisticRegressionOptions {
  dim: number;
  classes: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Decoupled (AdamW-style) weight decay per step, as a fraction of the learning rate. */
  l2: number;
  seed: number;
  /** Classes to fit; the others keep zero weights and `untrainedBias`. */
  trainable: readonly boolean[];
  /** Bias of classes that are not fitted, so their score stays near zero rather than at 0.5. */
  untrainedBias: number;
}

export interface ClassBalance {
  positives: number;
  negatives: number;
  positiveWeight: number;
  negativeWeight: number;
}

/**
 * Weights that make positives and negatives of a class carry equal total loss, so a rare technique is not
 * drowned by its negatives. Counts are weighted by each row's own weight.
 */
export function classBalance(examples: readonly TrainingExample[], classes: number): ClassBalance[] {
  const balance: ClassBalance[] = [];
  for (let k = 0; k < classes; k++) {
    let positives = 0;
    let negatives = 0;
    for (const example of examples) {
      if (!example.mask[k]) continue;
      if (example.targets[k]) positives += example.weight;
      else negatives += example.weight;
    }
    const total = positives + negatives;
    balance.push({
      positives,
      negatives,
      positiveWeight: positives > 0 ? total / (2 * positives) : 0,
      negativeWeight: negatives > 0 ? total / (2 * negatives) : 0,
    });
  }
  return balance;
}

/**
 * Fits one logistic regression per class with masked, class-balanced binary cross-entropy, minimised by
 * Adam over mini-batches. The visiting order comes from a seeded PRNG and every sum runs in a fixed order,
 * so the same inputs give the same weights bit for bit.
 */
export function trainLogisticRegression(
  examples: readonly TrainingExample[],
  options: LogisticRegressionOptions,
): LinearModel {
  const { dim, classes, epochs, batchSize, learningRate, l2, seed, trainable } = options;
  const size = dim * classes;
  const weights = new Float64Array(size);
  const bias = new Float64Array(classes);
  const gradW = new Float64Array(size);
  const gradB = new Float64Array(classes);
  const mW = new Float64Array(size);
  const vW = new Float64Array(size);
  const mB = new Float64Array(classes);
  const vB = new Float64Array(classes);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;
  const balance = classBalance(examples, classes);
  const active = Array.from({ length: classes }, (_, k) => trainable[k] === true);
  const random = seededRandom(seed);
  const order = examples.map((_, i) => i);
  const z = new Float64Array(classes);
  let step = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(start + batchSize, order.length);
      gradW.fill(0);
      gradB.fill(0);
      for (let b = start; b < end; b++) {
        const example = examples[order[b] ?? 0] as TrainingExample;
        const { indices, values } = example.x;
        z.set(bias);
        for (let n = 0; n < indices.length; n++) {
          const row = (indices[n] ?? 0) * classes;
          const value = values[n] ?? 0;
          for (let k = 0; k < classes; k++) z[k] = (z[k] ?? 0) + value * (weights[row + k] ?? 0);
        }
        for (let k = 0; k < classes; k++) {
          if (!active[k] || !example.mask[k]) {
            z[k] = 0;
            continue;
          }
          const c = balance[k] as ClassBalance;
          const target = example.targets[k] ?? 0;
          const classWeight = target ? c.positiveWeight : c.negativeWeight;
          // d(BCE)/dz = p − y, scaled by the row's and the class's weight.
          z[k] = example.weight * classWeight * (sigmoid(z[k] ?? 0) - target);
          gradB[k] = (gradB[k] ?? 0) + (z[k] ?? 0);
        }
        for (let n = 0; n < indices.length; n++) {
          const row = (indices[n] ?? 0) * classes;
          const value = values[n] ?? 0;
          for (let k = 0; k < classes; k++) gradW[row + k] = (gradW[row + k] ?? 0) + value * (z[k] ?? 0);
        }
      }
      step++;
      const scale = 1 / (end - start);
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      for (let i = 0; i < size; i++) {
        if (!active[i % classes]) continue;
        const g = (gradW[i] ?? 0) * scale;
        const m = beta1 * (mW[i] ?? 0) + (1 - beta1) * g;
        const v = beta2 * (vW[i] ?? 0) + (1 - beta2) * g * g;
        mW[i] = m;
        vW[i] = v;
        const w = weights[i] ?? 0;
        weights[i] = w - learningRate * (m / correction1 / (Math.sqrt(v / correction2) + epsilon) + l2 * w);
      }
      for (let k = 0; k < classes; k++) {
        if (!active[k]) continue;
        const g = (gradB[k] ?? 0) * scale;
        const m = beta1 * (mB[k] ?? 0) + (1 - beta1) * g;
        const v = beta2 * (vB[k] ?? 0) + (1 - beta2) * g * g;
        mB[k] = m;
        vB[k] = v;
        bias[k] =
          (bias[k] ?? 0) - (learningRate * (m / correction1)) / (Math.sqrt(v / correction2) + epsilon);
      }
    }
  }
  for (let k = 0; k < classes; k++) {
    if (active[k]) continue;
    for (let j = 0; j < dim; j++) weights[j * classes + k] = 0;
    bias[k] = options.untrainedBias;
  }
  return { dim, classes, weights: Float32Array.from(weights), bias: Float32Array.from(bias) };
}
