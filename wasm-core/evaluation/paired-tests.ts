/**
 * Paired two-sided tests for comparing two conditions on the same items (e.g. the chosen and the rejected
 * reply of one preference pair).
 *
 * Sign test: of the pairs that differ, how many favour the first condition. Under the null each differing
 * pair goes either way with probability ½, so the count is Binomial(n, ½) and the exact two-sided p-value
 * is min(1, 2 · P(X ≤ min(k, n − k))). Summed in log space, so it stays exact-to-rounding for any n.
 *
 * Wilcoxon signed-rank on differences: zero differences are dropped (Wilcoxon's convention, as in R and
 * SciPy), |d| ranked with average ranks for ties, W⁺ = the rank sum of positive differences.
 * - exact (default for n ≤ EXACT_MAX_N non-zero differences): the permutation distribution of W⁺ under
 *   random signs, conditional on the ranks, so it stays exact with ties (ranks are doubled to integers
 *   and counted by dynamic programming); two-sided p = min(1, 2 · min(P(W⁺ ≤ w), P(W⁺ ≥ w))).
 * - normal: z = (W⁺ − n(n+1)/4 ∓ ½) / σ with σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size
 *   t, the ½ a continuity correction towards the mean (never past it); p = 2 · (1 − Φ(|z|)).
 */

export const EXACT_MAX_N = 50;

export interface SignTestResult {
  /** Pairs where the first condition is larger, and where the second is. */
  positive: number;
  negative: number;
  p: number;
}

export interface WilcoxonResult {
  /** Non-zero differences. */
  n: number;
  wPlus: number;
  wMinus: number;
  /** The normal approximation's z (with corrections), also given when the exact p is used. */
  z: number;
  p: number;
  method: 'exact' | 'normal';
}

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const value of values) sum += Math.exp(value - max);
  return max + Math.log(sum);
}

/** Exact two-sided sign test for `positive` vs `negative` differing pairs. */
export function signTest(positive: number, negative: number): SignTestResult {
  if (!(Number.isInteger(positive) && Number.isInteger(negative) && positive >= 0 && negative >= 0)) {
    throw new RangeError('signTest: counts must be non-negative integers');
  }
  const n = positive + negative;
  const k = Math.min(positive, negative);
  if (n === 0 || 2 * k === n) return { positive, negative, p: 1 };
  // log C(n, i) for i = 0..k by the product recurrence C(n, i) = C(n, i−1) · (n − i + 1) / i.
  const terms: number[] = [];
  let logChoose = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    terms.push(logChoose);
  }
  const tail = Math.exp(logSumExp(terms) - n * Math.LN2);
  return { positive, negative, p: Math.min(1, 2 * tail) };
}

/**
 * The complementary error function, by the Chebyshev fit of Numerical Recipes §6.2 (fractional error
 * below 1.2e-7 everywhere), good for p-values to about seven significant digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const result = t * Math.exp(poly);
  return x >= 0 ? result : 2 - result;
}

/** Two-sided normal p-value of z: 2 · (1 − Φ(|z|)). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Average ranks (1-based) of values, ties sharing the mean of their positions. */
function averageRanks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.value === order[i]?.value) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[(order[k] as { index: number }).index] = rank;
    if (j > i) tieGroups.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieGroups };
}

/** P(W⁺ ≤ w) and P(W⁺ ≥ w) under random signs for the given (doubled, integer) ranks. */
function exactTails(doubledRanks: readonly number[], doubledW: number): { lower: number; upper: number } {
  const total = doubledRanks.reduce((a, b) => a + b, 0);
  let counts = new Float64Array(total + 1);
  counts[0] = 1;
  let reach = 0;
  for (const rank of doubledRanks) {
    const next = new Float64Array(total + 1);
    for (let s = 0; s <= reach; s++) {
      const c = counts[s] as number;
      if (c === 0) continue;
      next[s] = (next[s] as number) + c;
      next[s + rank] = (next[s + rank] as number) + c;
    }
    reach += rank;
    counts = next;
  }
  const all = 2 ** doubledRanks.length;
  let lower = 0;
  let upper = 0;
  for (let s = 0; s <= total; s++) {
    const c = counts[s] as number;
    if (s <= doubledW) lower += c;
    if (s >= doubledW) upper += c;
  }
  return { lower: lower / all, upper: upper / all };
}

/** Wilcoxon signed-rank test on paired differences (first minus second). */
export function wilcoxonSignedRank(
  differences: readonly number[],
  options: { method?: 'auto' | 'exact' | 'normal' } = {},
): WilcoxonResult {
  for (const d of differences) {
    if (!Number.isFinite(d)) throw new RangeError('wilcoxonSignedRank: differences must be finite numbers');
  }
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return { n: 0, wPlus: 0, wMinus: 0, z: 0, p: 1, method: 'exact' };
  const { ranks, tieGroups } = averageRanks(nonZero.map(Math.abs));
  let wPlus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) wPlus += ranks[i] as number;
  });
  const wMinus = (n * (n + 1)) / 2 - wPlus;

  const mean = (n * (n + 1)) / 4;
  const tieTerm = tieGroups.reduce((sum, t) => sum + (t * t * t - t), 0) / 48;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm;
  const distance = wPlus - mean;
  const corrected = Math.sign(distance) * Math.max(0, Math.abs(distance) - 0.5);
  const z = variance > 0 ? corrected / Math.sqrt(variance) : 0;

  const method = options.method ?? 'auto';
  if (method === 'exact' || (method === 'auto' && n <= EXACT_MAX_N)) {
    const { lower, upper } = exactTails(
      ranks.map((r) => Math.round(2 * r)),
      Math.round(2 * wPlus),
    );
    return { n, wPlus, wMinus, z, p: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }
  return { n, wPlus, wMinus, z, p: variance > 0 ? normalTwoSidedP(z) : 1, method: 'normal' };
}

/**
 * Holm's step-down adjustment: sort ascending, p₍ᵢ₎ · (m − i + 1), made monotone and capped at 1.
 * Controls the family-wise error rate under any dependence. Returns adjusted values in input order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, i) => {
    running = Math.max(running, Math.min(1, p * (m - i)));
    adjusted[index] = running;
  });
  return adjusted;
}
