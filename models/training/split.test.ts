import { describe, expect, it } from 'vitest';
import { datasetsDir, readJsonl } from './dataset-files.ts';
import { mapDatasets } from './mapped-datasets.ts';
import { CALIBRATION_FRACTION, DEV_FRACTION, splitOf } from './split.ts';

describe('splitOf', () => {
  // Pinned: changing the hash or the cuts would silently move rows between train, calibration and dev.
  it.each([
    { group: 'page:1012', expected: 'train' },
    { group: 'seed:0', expected: 'train' },
    { group: 'sms:1', expected: 'train' },
    { group: 'seed:3', expected: 'train' },
    { group: '20180719-210146_172_live', expected: 'dev' },
    { group: 'sms:2', expected: 'dev' },
    { group: 'sms:4', expected: 'calibration' },
    { group: 'seed:5', expected: 'calibration' },
    { group: 'page:2', expected: 'calibration' },
  ])('$group → $expected', ({ group, expected }) => {
    expect(splitOf(group)).toBe(expected);
  });

  it('is a function of the group alone', () => {
    for (let i = 0; i < 200; i++) expect(splitOf(`g:${i}`)).toBe(splitOf(`g:${i}`));
  });

  it('sends about DEV_FRACTION of groups to dev and CALIBRATION_FRACTION to calibration', () => {
    const n = 20_000;
    let dev = 0;
    let calibration = 0;
    for (let i = 0; i < n; i++) {
      const split = splitOf(`group-${i}`);
      if (split === 'dev') dev++;
      if (split === 'calibration') calibration++;
    }
    expect(Math.abs(dev / n - DEV_FRACTION)).toBeLessThan(0.01);
    expect(Math.abs(calibration / n - CALIBRATION_FRACTION)).toBeLessThan(0.01);
  });
});

const mapped = mapDatasets();
if (!mapped) console.info('../shared/datasets not found; skipping the split checks on the real datasets.');
describe.skipIf(!mapped)('mapped datasets', () => {
  it('keeps every group on one side of the split', () => {
    const dir = datasetsDir() ?? '';
    for (const set of mapped?.sets ?? []) {
      if (!set.mayTrain || set.set === 'own') continue;
      const file = mapped?.mapping.sets.find((s) => s.set === set.set)?.file ?? '';
      const groupOf = new Map(
        readJsonl<{ id: string; group: string }>(`${dir}/${file}`).map((r) => [r.id, r.group]),
      );
      const trainGroups = new Set(set.train.map((r) => groupOf.get(r.id)));
      const calibrationGroups = new Set(set.calibration.map((r) => groupOf.get(r.id)));
      const devGroups = new Set(set.eval.map((r) => groupOf.get(r.id)));
      expect(trainGroups.size, set.set).toBeGreaterThan(0);
      expect(calibrationGroups.size, set.set).toBeGreaterThan(0);
      for (const group of devGroups) {
        expect(trainGroups.has(group) || calibrationGroups.has(group), `${set.set} ${group}`).toBe(false);
      }
      for (const group of calibrationGroups)
        expect(trainGroups.has(group), `${set.set} ${group}`).toBe(false);
    }
  });

  it('maps the same way twice', () => {
    const again = mapDatasets();
    const ids = (sets: typeof mapped) =>
      sets?.sets.map((s) => [
        s.set,
        ...[s.train, s.calibration, s.eval].map((rows) => rows.map((r) => r.id)),
      ]);
    expect(ids(again)).toEqual(ids(mapped));
  });

  it('trains only on may-train sets', () => {
    for (const set of mapped?.sets ?? []) {
      if (set.mayTrain) continue;
      expect(set.train, set.set).toEqual([]);
      expect(set.calibration, set.set).toEqual([]);
    }
  });
});
