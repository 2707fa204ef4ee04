import { describe, expect, it } from 'vitest';
import type { SparseFeatures } from './core.ts';
import { FeatureSlab } from './feature-slab.ts';

/** `count` entries as the core's memory holds them: views into a larger buffer, which goes on past them. */
function source(count: number, seed: number): { indices: Int32Array; values: Float32Array } {
  const memory = new ArrayBuffer(16 + (count + 3) * 8);
  const indices = new Int32Array(memory, 16, count);
  const values = new Float32Array(memory, 16 + (count + 3) * 4, count);
  for (let k = 0; k < count; k++) {
    indices[k] = (k * 31 + seed) % 8192;
    values[k] = (k + seed) / 7;
  }
  return { indices, values };
}

describe('FeatureSlab', () => {
  it.each([0, 1, 2_500, 8_192, 20_000])('copies %i entries exactly', (count) => {
    const slab = new FeatureSlab();
    const { indices, values } = source(count, 5);
    const copy = slab.copy(indices, values);
    expect([...copy.indices]).toEqual([...indices]);
    expect([...copy.values]).toEqual([...values]);
  });

  it('keeps every copy intact while later copies fill the slab and roll over to new ones', () => {
    const slab = new FeatureSlab();
    const copies: SparseFeatures[] = [];
    const counts: number[] = [];
    for (let n = 0; n < 60; n++) {
      const count = 1_000 + ((n * 977) % 7_000);
      const from = source(count, n);
      counts.push(count);
      copies.push(slab.copy(from.indices, from.values));
      // The source is the core's memory, reused by the next analysis: the copy must not follow it.
      from.indices.fill(-1);
      from.values.fill(Number.NaN);
    }
    copies.forEach((copy, n) => {
      const count = counts[n] as number;
      const expected = source(count, n);
      expect(copy.indices.length).toBe(count);
      expect([...copy.indices]).toEqual([...expected.indices]);
      expect([...copy.values]).toEqual([...expected.values]);
    });
  });
});
