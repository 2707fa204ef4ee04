import { describe, expect, it } from 'vitest';
import { calibratedScore } from '../../wasm-core/scoring/calibration.ts';
import { TECHNIQUE_COUNT, TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import { balanceBySet, finalScores, fitDetector, flagged, LEXICON_PRIOR } from './detector-fit.ts';
import { scoreSparse } from './linear-model.ts';
import type { PreparedRow } from './prepared-rows.ts';
import { seededRandom } from './seeded-random.ts';
import { toSparse } from './sparse-vector.ts';
import type { Split } from './split.ts';
import { TRAINING_CONFIG } from './training-config.ts';

describe('balanceBySet', () => {
  it.each([
    {
      name: 'two sets of different sizes end up with equal totals',
      rows: [
        { set: 'a', row: {} },
        { set: 'a', row: {} },
        { set: 'a', row: {} },
        { set: 'b', row: {} },
      ],
      weights: [2 / 3, 2 / 3, 2 / 3, 2],
    },
    {
      name: 'row weights (set weights) multiply the balance',
      rows: [
        { set: 'a', row: { weight: 3 } },
        { set: 'b', row: { weight: 1 } },
        { set: 'b', row: { weight: 1 } },
      ],
      weights: [4.5, 0.75, 0.75],
    },
    { name: 'one set keeps its weights', rows: [{ set: 'a', row: { weight: 2 } }], weights: [2] },
  ] as { name: string; rows: { set: string; row: { weight?: number } }[]; weights: number[] }[])(
    '$name',
    ({ rows, weights }) => {
      balanceBySet(rows).forEach((row, i) => {
        expect(row.weight).toBeCloseTo(weights[i] ?? Number.NaN, 10);
      });
    },
  );
});

const DIM = 8;

/**
 * Two sources: "shop" (scope T01; feature 0 marks T01 with 10% label noise) and "own" (all techniques; a T04
 * lexicon phrase marks most T04 replies, too few to fit a model for T04).
 */
function synthetic(): PreparedRow[] {
  const random = seededRandom(42);
  const rows: PreparedRow[] = [];
  const splitOf = (i: number, n: number): Split =>
    i < n * 0.6 ? 'train' : i < n * 0.75 ? 'calibration' : 'dev';
  for (let i = 0; i < 800; i++) {
    const positive = random() < 0.4;
    const marked = random() < 0.9 ? positive : !positive;
    const dense = new Float32Array(DIM);
    dense[0] = marked ? 1 : 0;
    dense[1] = random();
    rows.push({
      set: 'shop',
      split: splitOf(i, 800),
      row: { id: `s${i}`, text: `s${i}`, labels: positive ? ['T01'] : [], scope: ['T01'] },
      x: toSparse(dense),
      lexicon: new Float64Array(TECHNIQUE_COUNT),
      view: false,
      kept: new Float64Array(TECHNIQUE_COUNT).fill(1),
    });
  }
  for (let i = 0; i < 240; i++) {
    const positive = random() < 0.3;
    const lexicon = new Float64Array(TECHNIQUE_COUNT);
    lexicon[3] = positive ? (random() < 0.85 ? 0.8 : 0) : random() < 0.05 ? 0.4 : 0;
    const dense = new Float32Array(DIM);
    dense[2] = random();
    dense[DIM - 1] = lexicon[3] ?? 0;
    rows.push({
      set: 'own',
      split: i % 4 === 0 ? 'dev' : i % 10 === 1 ? 'calibration' : 'train',
      row: { id: `o${i}`, text: `o${i}`, labels: positive ? ['T04'] : [], scope: [...TECHNIQUE_IDS] },
      x: toSparse(dense),
      lexicon,
      view: false,
      kept: new Float64Array(TECHNIQUE_COUNT).fill(1),
    });
  }
  return rows;
}

describe('fitDetector', () => {
  // T04 has about 45 training positives: below this bar, so it stays lexicon-only.
  const config = {
    ...TRAINING_CONFIG,
    epochs: 30,
    batchSize: 32,
    learningRate: 0.05,
    minPositives: { train: 100, calibration: 5, dev: 10 },
  };
  const { detector, dev } = fitDetector(synthetic(), DIM, config);
  const id = (k: number) => TECHNIQUE_IDS[k] as TechniqueId;

  it('fits the model only where every split has enough positives', () => {
    expect(TECHNIQUE_IDS.filter((_, k) => detector.fitted[k])).toEqual(['T01']);
  });

  it('calibrates fitted techniques on model and lexicon, the others on the lexicon alone', () => {
    expect(detector.calibration.T01.model).toBeGreaterThan(0);
    for (let k = 1; k < TECHNIQUE_COUNT; k++) expect(detector.calibration[id(k)].model).toBe(0);
    expect(detector.calibration.T04.lexicon).toBeGreaterThan(0);
    expect(detector.calibration.T04).toEqual(detector.calibration.T22);
  });

  it('gives the lexicon-only techniques one shared threshold, never below the floor', () => {
    expect(detector.thresholds.T04).toBe(detector.thresholds.T19);
    expect(detector.thresholds.T04).toBeGreaterThanOrEqual(config.lexiconOnlyThresholds.floor);
    expect(detector.thresholds.T01).toBeGreaterThanOrEqual(config.thresholds.floor);
  });

  it('separates the dev rows it was built for', () => {
    const shop = dev.filter((d) => d.prepared.set === 'shop');
    const hits = shop.filter((d) => flagged(detector, d.final).includes('T01'));
    const correct = hits.filter((d) => d.prepared.row.labels.includes('T01')).length;
    expect(correct / hits.length).toBeGreaterThan(0.8);
    const own = dev.filter((d) => d.prepared.set === 'own' && d.prepared.lexicon[3] === 0.8);
    expect(own.every((d) => flagged(detector, d.final).includes('T04'))).toBe(true);
  });

  it("reports dev final scores from the detector's own model and calibration", () => {
    for (const d of dev.slice(0, 20)) {
      const expected = finalScores(
        detector.calibration,
        d.prepared.lexicon,
        scoreSparse(detector.model, d.prepared.x),
        d.prepared.kept,
      );
      expect([...d.final]).toEqual([...expected]);
    }
  });

  it('is deterministic', () => {
    const again = fitDetector(synthetic(), DIM, config).detector;
    expect(again.thresholds).toEqual(detector.thresholds);
    expect(again.calibration).toEqual(detector.calibration);
    expect(again.model.weights).toEqual(detector.model.weights);
  });
});

describe('LEXICON_PRIOR', () => {
  it.each([
    [0.5, 0.5],
    [0.9, 0.9],
  ])('reads one phrase of weight %d as probability %d', (w, p) => {
    expect(calibratedScore(LEXICON_PRIOR, w, 0)).toBeCloseTo(p, 10);
  });

  it('is what lexicon-only techniques get when no labelled row can calibrate them, with the bar at 0.5', () => {
    const shopOnly = synthetic().filter((r) => r.set === 'shop');
    const config = { ...TRAINING_CONFIG, epochs: 30, batchSize: 32, learningRate: 0.05 };
    const { detector } = fitDetector(shopOnly, DIM, config);
    expect(detector.fitted[0]).toBe(true);
    expect(detector.calibration.T04).toEqual(LEXICON_PRIOR);
    expect(detector.thresholds.T04).toBe(0.5);
    expect(detector.choices.T04.rule).toBe('prior');
  });
});
