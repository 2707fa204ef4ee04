import { describe, expect, it } from 'vitest';
import { calibratedScore, sigmoid } from '../../wasm-core/scoring/calibration.ts';
import {
  type CalibrationRow,
  fitCalibration,
  fitNonNegativeLogistic,
  type LogisticRow,
} from './calibration-fit.ts';
import { seededRandom } from './seeded-random.ts';

/** Rows drawn from a known logistic model, so the fit has a right answer. */
function sample(n: number, weights: number[], bias: number, seed: number): LogisticRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const inputs = weights.map(() => random() * 4 - 2);
    const z = bias + inputs.reduce((sum, x, j) => sum + x * (weights[j] ?? 0), 0);
    return { inputs, positive: random() < sigmoid(z), weight: 1 };
  });
}

describe('fitNonNegativeLogistic', () => {
  it.each([
    { name: 'two positive weights', weights: [2, 0.5], bias: -1 },
    { name: 'one weight near zero', weights: [1.5, 0], bias: 0.5 },
    { name: 'a strong single input', weights: [3], bias: -2 },
  ])('recovers the generating model: $name', ({ weights, bias }) => {
    const fit = fitNonNegativeLogistic(sample(6000, weights, bias, 11), { ridge: 0.01 });
    fit.weights.forEach((w, j) => {
      expect(Math.abs(w - (weights[j] ?? 0))).toBeLessThan(0.2);
    });
    expect(Math.abs(fit.bias - bias)).toBeLessThan(0.2);
  });

  it('pins an input whose best weight is negative at 0 and refits the rest', () => {
    const rows = sample(6000, [1, -1.5], 0, 5);
    const fit = fitNonNegativeLogistic(rows, { ridge: 0.01 });
    expect(fit.weights[1]).toBe(0);
    expect(fit.weights[0]).toBeGreaterThan(0.5);
  });

  it('stays finite on perfectly separable data thanks to the ridge', () => {
    const rows: LogisticRow[] = [0, 1, 2, 3, 4, 5].map((x) => ({ inputs: [x], positive: x >= 3, weight: 1 }));
    const fit = fitNonNegativeLogistic(rows, { ridge: 1 });
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(fit.weights[0]).toBeLessThan(20);
  });

  it('treats a row of weight 2 like two rows', () => {
    const base = sample(300, [1], 0, 3);
    const doubled = [...base, base[0] as LogisticRow];
    const weighted = base.map((row, i) => (i === 0 ? { ...row, weight: 2 } : row));
    const a = fitNonNegativeLogistic(doubled, { ridge: 0.1 });
    const b = fitNonNegativeLogistic(weighted, { ridge: 0.1 });
    expect(a.weights[0]).toBeCloseTo(b.weights[0] ?? 0, 8);
    expect(a.bias).toBeCloseTo(b.bias, 8);
  });

  it('is deterministic', () => {
    const rows = sample(1000, [1, 2], -0.5, 9);
    expect(fitNonNegativeLogistic(rows, { ridge: 1 })).toEqual(fitNonNegativeLogistic(rows, { ridge: 1 }));
  });
});

describe('fitCalibration', () => {
  // A toy technique drawn from the stacker's own family: lexicon matches on some rows, a model score on all,
  // and labels from sigmoid(−2 + 1.5·e(l) + 0.8·logit(m)).
  const truth = { lexicon: 1.5, model: 0.8, bias: -2 };
  function toy(seed: number): CalibrationRow[] {
    const random = seededRandom(seed);
    return Array.from({ length: 6000 }, () => {
      const lexiconScore = random() < 0.3 ? 0.3 + random() * 0.6 : 0;
      const modelScore = sigmoid(random() * 8 - 4);
      const positive = random() < calibratedScore(truth, lexiconScore, modelScore);
      return { lexiconScore, modelScore, positive, weight: 1 };
    });
  }

  it('recovers the stacker that generated the labels', () => {
    const c = fitCalibration(toy(4), true, { ridge: 0.01 });
    expect(Math.abs(c.lexicon - truth.lexicon)).toBeLessThan(0.25);
    expect(Math.abs(c.model - truth.model)).toBeLessThan(0.15);
    expect(Math.abs(c.bias - truth.bias)).toBeLessThan(0.2);
  });

  it('gives calibrated probabilities: predicted and observed rates agree per score band', () => {
    const rows = toy(1);
    const c = fitCalibration(rows, true, { ridge: 1 });
    expect(c.lexicon).toBeGreaterThan(0);
    expect(c.model).toBeGreaterThan(0);
    const check = toy(2);
    for (const [low, high] of [
      [0, 0.2],
      [0.2, 0.5],
      [0.5, 0.8],
      [0.8, 1],
    ] as const) {
      const band = check.filter((r) => {
        const p = calibratedScore(c, r.lexiconScore, r.modelScore);
        return p >= low && p < high;
      });
      if (band.length < 100) continue;
      const predicted =
        band.reduce((s, r) => s + calibratedScore(c, r.lexiconScore, r.modelScore), 0) / band.length;
      const observed = band.filter((r) => r.positive).length / band.length;
      expect(Math.abs(predicted - observed), `band ${low}–${high}`).toBeLessThan(0.06);
    }
  });

  it('leaves the model out for lexicon-only techniques', () => {
    const c = fitCalibration(toy(3), false, { ridge: 1 });
    expect(c.model).toBe(0);
    expect(c.lexicon).toBeGreaterThan(0);
    expect(calibratedScore(c, 0.7, 0.01)).toBe(calibratedScore(c, 0.7, 0.99));
  });
});
