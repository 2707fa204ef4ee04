import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksPValue, ksStatistic, ksTwoSample } from './ks-test.ts';

/** Q(λ) by the alternating series alone, summed far past convergence. */
function alternatingSeries(lambda: number): number {
  let sum = 0;
  for (let k = 1; k <= 2000; k++) sum += (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * lambda * lambda);
  return sum;
}

/** Q(λ) by the Jacobi theta form alone. */
function thetaForm(lambda: number): number {
  let sum = 0;
  for (let k = 1; k <= 200; k++)
    sum += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
  return 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
}

const logFactorials = (() => {
  const table = [0];
  for (let i = 1; i <= 2000; i++) table.push((table[i - 1] as number) + Math.log(i));
  return table;
})();
const logChoose = (n: number, k: number) =>
  (logFactorials[n] as number) - (logFactorials[k] as number) - (logFactorials[n - k] as number);

/**
 * Exact P(D ≥ k/n) for two samples of equal size n without ties (Gnedenko–Korolyuk, the reflection
 * principle on lattice paths): 2 Σ_{j≥1} (−1)^{j+1} C(2n, n − jk) / C(2n, n).
 */
function exactEqualSizeP(n: number, k: number): number {
  let p = 0;
  for (let j = 1; j * k <= n; j++) {
    p += (j % 2 === 1 ? 2 : -2) * Math.exp(logChoose(2 * n, n - j * k) - logChoose(2 * n, n));
  }
  return p;
}

/** D straight from the definition: the largest ECDF gap over every observed value. */
function bruteForceD(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (const v of [...a, ...b]) {
    const fa = a.filter((x) => x <= v).length / a.length;
    const fb = b.filter((x) => x <= v).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe('kolmogorovSurvival', () => {
  // The textbook critical values of the Kolmogorov distribution (e.g. Smirnov's table): Q(λ_α) = α.
  it.each([
    [1.2239, 0.1],
    [1.3581, 0.05],
    [1.4802, 0.025],
    [1.6276, 0.01],
    [1.9495, 0.001],
  ])('Q(%f) ≈ %f', (lambda, alpha) => {
    expect(Math.abs(kolmogorovSurvival(lambda) - alpha) / alpha).toBeLessThan(2e-3);
  });

  it('matches both series forms wherever each converges, across the switch point', () => {
    for (let lambda = 0.3; lambda <= 3; lambda += 0.01) {
      const q = kolmogorovSurvival(lambda);
      expect(Math.abs(q - thetaForm(lambda))).toBeLessThan(1e-12);
      if (lambda >= 0.6) expect(Math.abs(q - alternatingSeries(lambda))).toBeLessThan(1e-12);
    }
  });

  it('is 1 at and below 0, decreasing, and tends to 0', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(-1)).toBe(1);
    expect(kolmogorovSurvival(0.1)).toBe(1);
    let previous = 1;
    for (let lambda = 0.05; lambda < 4; lambda += 0.05) {
      const q = kolmogorovSurvival(lambda);
      expect(q).toBeLessThanOrEqual(previous);
      previous = q;
    }
    expect(kolmogorovSurvival(4)).toBeLessThan(1e-13);
    expect(() => kolmogorovSurvival(Number.NaN)).toThrow(RangeError);
  });
});

describe('ksStatistic', () => {
  it.each([
    { a: [1, 2, 3, 4], b: [3, 4, 5, 6], d: 0.5 },
    { a: [1, 2, 3], b: [4, 5, 6], d: 1 },
    { a: [1, 2, 3], b: [1, 2, 3], d: 0 },
    // Ties across samples are stepped over together: identical multisets give 0, not 1/n.
    { a: [0, 0, 0, 1], b: [0, 1, 1, 1], d: 0.5 },
    { a: [0.2], b: [0.1, 0.3], d: 0.5 },
    { a: [5, 1, 3], b: [2, 4], d: 1 / 3 },
  ])('$a vs $b → $d', ({ a, b, d }) => {
    expect(ksStatistic(a, b)).toBeCloseTo(d, 12);
    expect(ksStatistic(b, a)).toBeCloseTo(d, 12);
  });

  it('equals the largest ECDF gap taken from the definition', () => {
    const sample = fc.array(
      fc.integer({ min: 0, max: 12 }).map((v) => v / 4),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        expect(ksStatistic(a, b)).toBeCloseTo(bruteForceD(a, b), 12);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses empty samples and non-finite values', () => {
    expect(() => ksStatistic([], [1])).toThrow(/first sample is empty/);
    expect(() => ksStatistic([1], [])).toThrow(/second sample is empty/);
    expect(() => ksStatistic([1, Number.NaN], [1])).toThrow(/non-finite/);
    expect(() => ksPValue(0.1, 0, 5)).toThrow(RangeError);
  });
});

describe('ksTwoSample p-value', () => {
  // The asymptotic p with both corrections against the exact distribution of D for n = m.
  it.each([100, 200, 400])('is within 7%% of the exact equal-size p-value for n = %i', (n) => {
    let checked = 0;
    for (let k = 1; k <= n; k++) {
      const exact = exactEqualSizeP(n, k);
      if (exact > 0.3 || exact < 1e-4) continue;
      const approx = ksPValue(k / n, n, n);
      expect(Math.abs(approx - exact) / exact, `D = ${k}/${n}`).toBeLessThan(0.07);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('the exact reference itself reproduces a hand-countable case', () => {
    // n = 2: of the C(4,2) = 6 orderings, the two fully separated ones give D = 1.
    expect(exactEqualSizeP(2, 2)).toBeCloseTo(2 / 6, 12);
    // D ≥ 1/2 always holds for n = 2 without ties.
    expect(exactEqualSizeP(2, 1)).toBeCloseTo(1, 12);
  });

  // Exact permutation p-values for unequal sizes, computed independently by counting lattice paths
  // (the method of scipy.stats.ks_2samp(method='exact')).
  it.each([
    { n1: 100, n2: 400, d: 0.15, exact: 0.051229 },
    { n1: 100, n2: 400, d: 0.2, exact: 0.0029778 },
    { n1: 100, n2: 130, d: 20 / 130, exact: 0.12208 },
    { n1: 100, n2: 130, d: 0.2, exact: 0.018363 },
    { n1: 150, n2: 700, d: 0.13, exact: 0.028068 },
  ])('n = $n1 and $n2, D = $d: within 7% of the exact $exact', ({ n1, n2, d, exact }) => {
    expect(Math.abs(ksPValue(d, n1, n2) - exact) / exact).toBeLessThan(0.07);
  });

  it('gives p = 1 for identical samples and a tiny p for separated ones', () => {
    const a = Array.from({ length: 150 }, (_, i) => i);
    expect(ksTwoSample(a, a)).toEqual({ d: 0, p: 1, n1: 150, n2: 150 });
    const shifted = a.map((v) => v + 75);
    const result = ksTwoSample(a, shifted);
    expect(result.d).toBeCloseTo(0.5, 12);
    expect(result.p).toBeLessThan(1e-10);
  });

  it('computes λ with the effective n and the half-step correction of unequal samples', () => {
    // n₁ = 100, n₂ = 400: nₑ = 80, lcm = 400; D = 0.15 → D' = 0.15 − 1/800 = 0.14875,
    // λ = (8.94427 + 0.12 + 0.01230) · 0.14875 = 1.35015.
    const lambda = (Math.sqrt(80) + 0.12 + 0.11 / Math.sqrt(80)) * (0.15 - 1 / 800);
    expect(lambda).toBeCloseTo(1.35015, 4);
    expect(ksPValue(0.15, 100, 400)).toBeCloseTo(kolmogorovSurvival(lambda), 15);
    expect(() => ksPValue(1.5, 10, 10)).toThrow(RangeError);
    expect(() => ksPValue(0.5, 10.5, 10)).toThrow(RangeError);
  });
});
