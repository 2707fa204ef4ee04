import {
  gatedModelLogit,
  lexiconLogEvidence,
  sigmoid,
  type TechniqueCalibration,
} from '../../wasm-core/scoring/calibration.ts';

export interface LogisticRow {
  inputs: readonly number[];
  positive: boolean;
  weight: number;
}

export interface NonNegativeLogistic {
  weights: number[];
  bias: number;
}

export interface StackerOptions {
  /** L2 penalty on the input weights (not the bias), in units of row weight: keeps separable data finite. */
  ridge: number;
}

const MAX_ITERATIONS = 100;

/** Solves A x = b for a small symmetric positive definite A by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    const d = p[col] ?? 0;
    if (d === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[col] ?? 0) / d;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[n] ?? 0;
    for (let c = r + 1; c < n; c++) s -= (row[c] ?? 0) * (x[c] ?? 0);
    const d = row[r] ?? 0;
    x[r] = d === 0 ? 0 : s / d;
  }
  return x;
}

/** Penalised weighted log-loss of a logistic model over the active inputs. */
function loss(
  rows: readonly LogisticRow[],
  active: readonly number[],
  theta: readonly number[],
  ridge: number,
) {
  let total = 0;
  for (const row of rows) {
    let z = theta[active.length] ?? 0;
    active.forEach((j, a) => {
      z += (theta[a] ?? 0) * (row.inputs[j] ?? 0);
    });
    // log(1 + e^−z) for positives, log(1 + e^z) for negatives, computed without overflow.
    const s = row.positive ? -z : z;
    total += row.weight * (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s)));
  }
  for (let a = 0; a < active.length; a++) total += 0.5 * ridge * (theta[a] ?? 0) ** 2;
  return total;
}

/** Damped Newton's method over the active inputs plus a bias. */
function fitActive(rows: readonly LogisticRow[], active: readonly number[], ridge: number): number[] {
  const n = active.length + 1;
  let theta = new Array<number>(n).fill(0);
  let current = loss(rows, active, theta, ridge);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const row of rows) {
      const x = [...active.map((j) => row.inputs[j] ?? 0), 1];
      let z = 0;
      for (let a = 0; a < n; a++) z += (theta[a] ?? 0) * (x[a] ?? 0);
      const p = sigmoid(z);
      const r = row.weight * (p - (row.positive ? 1 : 0));
      const h = row.weight * p * (1 - p);
      for (let a = 0; a < n; a++) {
        gradient[a] = (gradient[a] ?? 0) + r * (x[a] ?? 0);
        const hr = hessian[a] as number[];
        for (let b = 0; b < n; b++) hr[b] = (hr[b] ?? 0) + h * (x[a] ?? 0) * (x[b] ?? 0);
      }
    }
    for (let a = 0; a < n; a++) {
      const hr = hessian[a] as number[];
      const penalty = a < active.length ? ridge : 1e-9;
      gradient[a] = (gradient[a] ?? 0) + (a < active.length ? ridge * (theta[a] ?? 0) : 0);
      hr[a] = (hr[a] ?? 0) + penalty;
    }
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = theta;
    let nextLoss = current;
    for (let halvings = 0; halvings < 30; halvings++) {
      const candidate = theta.map((t, a) => t - scale * (step[a] ?? 0));
      const l = loss(rows, active, candidate, ridge);
      if (l <= current) {
        next = candidate;
        nextLoss = l;
        break;
      }
      scale /= 2;
    }
    const moved = Math.max(...next.map((t, a) => Math.abs(t - (theta[a] ?? 0))));
    theta = next;
    current = nextLoss;
    if (moved < 1e-10) break;
  }
  return theta;
}

/**
 * Weighted logistic regression whose input weights are constrained to be ≥ 0 (an active set: an input whose
 * unconstrained weight comes out negative is fixed at 0 and the rest refitted). Deterministic: Newton's
 * method from zero, sums in row order.
 */
export function fitNonNegativeLogistic(
  rows: readonly LogisticRow[],
  options: StackerOptions,
): NonNegativeLogistic {
  const inputs = rows[0]?.inputs.length ?? 0;
  let active = Array.from({ length: inputs }, (_, j) => j);
  for (;;) {
    const theta = fitActive(rows, active, options.ridge);
    let worst = -1;
    for (let a = 0; a < active.length; a++) {
      if ((theta[a] ?? 0) < 0 && (worst < 0 || (theta[a] ?? 0) < (theta[worst] ?? 0))) worst = a;
    }
    if (worst < 0) {
      const weights = new Array<number>(inputs).fill(0);
      active.forEach((j, a) => {
        weights[j] = theta[a] ?? 0;
      });
      return { weights, bias: theta[active.length] ?? 0 };
    }
    active = active.filter((_, a) => a !== worst);
  }
}

export interface CalibrationRow {
  lexiconScore: number;
  modelScore: number;
  /** Share of the lexicon evidence the semantic layer kept (1 when absent). */
  kept?: number;
  positive: boolean;
  weight: number;
}

/**
 * Fits a technique's calibration (wasm-core/scoring/calibration.ts) on held-out rows: the stacker over
 * [e(l), g(m, kept)], or over e(l) alone when the model does not score the technique.
 */
export function fitCalibration(
  rows: readonly CalibrationRow[],
  useModel: boolean,
  options: StackerOptions,
): TechniqueCalibration {
  const fitted = fitNonNegativeLogistic(
    rows.map((row) => ({
      inputs: useModel
        ? [lexiconLogEvidence(row.lexiconScore), gatedModelLogit(row.modelScore, row.kept ?? 1)]
        : [lexiconLogEvidence(row.lexiconScore)],
      positive: row.positive,
      weight: row.weight,
    })),
    options,
  );
  return {
    lexicon: fitted.weights[0] ?? 0,
    model: useModel ? (fitted.weights[1] ?? 0) : 0,
    bias: fitted.bias,
  };
}
