import { beforeAll, describe, expect, it } from 'vitest';
import { densifyFeatures, type WasmCore } from './core.ts';
import { FEATURE_DIM } from './features-spec.ts';
import { loadCoreFromDisk } from './node.ts';
import { featureIndex, featureKeys, fnv1a, referenceFeatures } from './testing/feature-reference.ts';

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

function norm(values: Float32Array): number {
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
}

function nonZero(values: Float32Array): number[] {
  return [...values.keys()].filter((i) => values[i] !== 0);
}

describe('hashed features', () => {
  it('hashes with 32-bit FNV-1a', () => {
    // Published FNV-1a test vectors.
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('lists the keys of the recipe for a tiny input', () => {
    expect(featureKeys('act now')).toEqual([
      'w:act',
      'c:^ac',
      'c:act',
      'c:ct$',
      'w:now',
      'b:act now',
      'c:^no',
      'c:now',
      'c:ow$',
    ]);
    expect(featureKeys("'don't' a")).toEqual([
      "w:don't",
      'c:^do',
      'c:don',
      "c:on'",
      "c:n't",
      "c:'t$",
      'w:a',
      "b:don't a",
      'c:^a$',
    ]);
  });

  it('puts 1/3 at exactly the nine hashed indices of "act now"', () => {
    const features = core.features('act now');
    const expected = [...new Set(featureKeys('act now').map(featureIndex))].sort((a, b) => a - b);
    expect(expected).toHaveLength(9);
    expect(nonZero(features)).toEqual(expected);
    for (const index of expected) expect(features[index]).toBeCloseTo(1 / 3, 6);
  });

  it.each([
    'act now',
    'now now now',
    "Don't WAIT — it's today only!!! 100% guaranteed, 24/7.",
    "'quoted' ''' x's y'",
    'a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9',
    'Crème brûlée, naïve café: ﬁne.',
    'supercalifragilisticexpialidocious '.repeat(50),
  ])('matches the reference recipe for %j', (text) => {
    const features = core.features(text);
    const expected = referenceFeatures(core.normalize(text));
    expect(features).toHaveLength(FEATURE_DIM);
    expect(nonZero(features)).toEqual(nonZero(expected));
    for (const index of nonZero(expected)) expect(features[index]).toBeCloseTo(expected[index] as number, 6);
  });

  it('is deterministic, FEATURE_DIM long and unit length', () => {
    const text = 'You should act now, before this offer disappears forever.';
    const first = core.features(text);
    core.features('something else in between');
    const second = core.features(text);
    expect(first).toHaveLength(FEATURE_DIM);
    expect(second).toEqual(first);
    expect(norm(first)).toBeCloseTo(1, 5);
  });

  it('sees through case, width and invisible characters', () => {
    const plain = core.features('act now');
    expect(core.features('ACT   NOW')).toEqual(plain);
    expect(core.features('ＡＣＴ ＮＯＷ')).toEqual(plain);
    expect(core.features('a\u200Bct n\u00ADow')).toEqual(plain);
  });

  it.each([
    'act now',
    "Don't WAIT — it's today only!!! 100% guaranteed, 24/7.",
    'supercalifragilisticexpialidocious '.repeat(300),
    '',
  ])('gives the same values sparse as dense, each index once: %j', (text) => {
    const dense = core.features(text);
    const sparse = core.sparseFeatures(text);
    expect(sparse.indices).toHaveLength(sparse.values.length);
    expect(new Set(sparse.indices).size).toBe(sparse.indices.length);
    expect([...sparse.indices].sort((a, b) => a - b)).toEqual(nonZero(dense));
    expect(densifyFeatures(sparse)).toEqual(dense);
    const analysis = core.analyzeText(text);
    expect(analysis.sparseFeatures).toEqual(sparse);
    expect(analysis.features).toEqual(dense);
  });

  it('densifies into a row of a batch, clearing what was there', () => {
    const sparse = core.sparseFeatures('act now');
    const batch = new Float32Array(FEATURE_DIM * 2).fill(7);
    densifyFeatures(sparse, batch, FEATURE_DIM);
    expect(batch.subarray(0, FEATURE_DIM).every((v) => v === 7)).toBe(true);
    expect(batch.subarray(FEATURE_DIM)).toEqual(core.features('act now'));
  });

  it.each(['', '   ', '!!! ... ---', 'Москва', '😀😀😀', "'''"])(
    'is all zeros without tokens: %j',
    (text) => {
      const features = core.features(text);
      expect(features).toHaveLength(FEATURE_DIM);
      expect(nonZero(features)).toEqual([]);
    },
  );
});
