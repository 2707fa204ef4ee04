import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, holmAdjust, normalTwoSidedP, signTest, wilcoxonSignedRank } from './paired-tests.ts';

/** P-value of the sign test by brute force: the sum of binomial probabilities no likelier than observed. */
function bruteSignP(positive: number, negative: number): number {
  const n = positive + negative;
  const pmf: number[] = [];
  let c = 1;
  for (let i = 0; i <= n; i++) {
    pmf.push(c / 2 ** n);
    c = (c * (n - i)) / (i + 1);
  }
  const observed = pmf[positive] as number;
  return Math.min(
    1,
    pmf.filter((q) => q <= observed * (1 + 1e-9)).reduce((a, b) => a + b, 0),
  );
}

/** Exact two-sided Wilcoxon p by enumerating all 2ⁿ sign assignments of the ranks. */
function bruteWilcoxonP(differences: readonly number[]): number {
  const nonZero = differences.filter((d) => d !== 0);
  const abs = nonZero.map(Math.abs);
  const ranks = abs.map((a) => {
    const below = abs.filter((b) => b < a).length;
    const equal = abs.filter((b) => b === a).length;
    return below + (equal + 1) / 2;
  });
  const observed = nonZero.reduce((s, d, i) => (d > 0 ? s + (ranks[i] as number) : s), 0);
  let lower = 0;
  let upper = 0;
  const total = 2 ** nonZero.length;
  for (let mask = 0; mask < total; mask++) {
    let w = 0;
    for (let i = 0; i < nonZero.length; i++) if (mask & (1 << i)) w += ranks[i] as number;
    if (w <= observed + 1e-9) lower++;
    if (w >= observed - 1e-9) upper++;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / total);
}

describe('signTest', () => {
  // Reference values: binom.test(k, n, 0.5) in R (= scipy.stats.binomtest), exact fractions where short.
  it.each([
    [8, 2, 112 / 1024],
    [1, 9, 22 / 1024],
    [30, 10, 0.0022214337732293643],
    [520, 480, 0.2174482932041415],
    [0, 0, 1],
    [5, 5, 1],
    [0, 1, 1],
    [12, 0, 2 / 4096],
  ])('%i vs %i → p = %f', (positive, negative, p) => {
    expect(signTest(positive, negative).p).toBeCloseTo(p, 12);
    expect(signTest(negative, positive).p).toBeCloseTo(p, 12);
  });

  it('agrees with a brute-force binomial sum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (a, b) => {
        expect(signTest(a, b).p).toBeCloseTo(bruteSignP(a, b), 12);
      }),
    );
  });

  it('stays finite and tiny for very lopsided large counts', () => {
    const { p } = signTest(100_000, 90_000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-100);
    expect(() => signTest(-1, 2)).toThrow(RangeError);
    expect(() => signTest(1.5, 2)).toThrow(RangeError);
  });
});

describe('normal tail', () => {
  it.each([
    [1.96, 0.04999579029644087],
    [3, 0.0026997960632601866],
    [0.5, 0.6170750774519738],
    [0, 1],
  ])('two-sided p of z = %f is %f', (z, p) => {
    expect(Math.abs(normalTwoSidedP(z) - p) / p).toBeLessThan(2e-7);
    expect(Math.abs(normalTwoSidedP(-z) - p) / p).toBeLessThan(2e-7);
  });

  it('erfc is 1 at 0 and mirrors around it', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 12);
  });
});

describe('wilcoxonSignedRank', () => {
  // The textbook example of R's ?wilcox.test (Hollander & Wolfe, depression scores before and after).
  const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
  const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
  const differences = x.map((v, i) => v - (y[i] as number));

  it('reproduces the textbook example: V = 40, exact p = 0.0390625', () => {
    expect(wilcoxonSignedRank(differences)).toMatchObject({ n: 9, wPlus: 40, wMinus: 5, method: 'exact' });
    expect(wilcoxonSignedRank(differences).p).toBeCloseTo(0.0390625, 12);
  });

  it('with the normal approximation gives R’s exact = FALSE, correct = TRUE p = 0.04401', () => {
    const result = wilcoxonSignedRank(differences, { method: 'normal' });
    expect(result.method).toBe('normal');
    // z = (40 − 22.5 − 0.5) / √71.25
    expect(result.z).toBeCloseTo(17 / Math.sqrt(71.25), 12);
    expect(Math.abs(result.p - 0.04401098401295143) / 0.044).toBeLessThan(1e-6);
  });

  it('corrects the variance for ties (values from scipy.stats.wilcoxon, approx, correction)', () => {
    const tied = [1, 1, 2, 2, 2, -3, 4, 4, 5, -1, 6, 7];
    const result = wilcoxonSignedRank(tied, { method: 'normal' });
    expect(result.wMinus).toBe(9);
    expect(Math.abs(result.p - 0.02022094087770777) / 0.0202).toBeLessThan(1e-6);
    const large = Array.from({ length: 60 }, (_, i) => ((i + 1) % 4 === 0 ? -(i + 1) : i + 1));
    const normal = wilcoxonSignedRank(large);
    expect(normal.method).toBe('normal');
    expect(Math.abs(normal.p - 0.0013808872498144006) / 0.00138).toBeLessThan(1e-6);
  });

  it('drops zero differences and gives p = 1 when nothing differs', () => {
    expect(wilcoxonSignedRank([0, 0, 0])).toEqual({ n: 0, wPlus: 0, wMinus: 0, z: 0, p: 1, method: 'exact' });
    expect(wilcoxonSignedRank([0, ...differences, 0]).p).toBeCloseTo(0.0390625, 12);
    expect(() => wilcoxonSignedRank([1, Number.NaN])).toThrow(RangeError);
  });

  it('exact p agrees with enumerating every sign assignment, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 14 }), (diffs) => {
        expect(wilcoxonSignedRank(diffs, { method: 'exact' }).p).toBeCloseTo(bruteWilcoxonP(diffs), 10);
      }),
      { numRuns: 300 },
    );
  });

  it('the normal approximation is close to the exact p at n = 50', () => {
    const diffs = Array.from({ length: 50 }, (_, i) => ((i * 7) % 11 < 4 ? -(i + 1) : i + 1));
    const exact = wilcoxonSignedRank(diffs, { method: 'exact' }).p;
    const normal = wilcoxonSignedRank(diffs, { method: 'normal' }).p;
    expect(Math.abs(normal - exact) / exact).toBeLessThan(0.05);
  });
});

describe('holmAdjust', () => {
  it('matches p.adjust(…, "holm") in R', () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual(
      [0.03, 0.06, 0.06, 0.02].map((v) => expect.closeTo(v, 12)),
    );
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('never lowers a p-value and keeps the order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const adjusted = holmAdjust(ps);
        ps.forEach((p, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
          ps.forEach((q, j) => {
            if (p < q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] as number);
          });
        });
      }),
    );
  });
});
