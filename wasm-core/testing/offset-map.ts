import { expect } from 'vitest';

/**
 * The invariant every offset map of the core keeps (normalised text, matching view): one source range
 * per unit, non-empty, inside the original text, and never moving backwards.
 */
export function expectMonotoneOffsetMap(
  original: string,
  units: number,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
): void {
  expect(starts.length).toBe(units);
  for (let k = 0; k < units; k++) {
    const start = starts[k] as number;
    const end = ends[k] as number;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(original.length);
    if (k > 0) expect(start).toBeGreaterThanOrEqual(starts[k - 1] as number);
  }
}
