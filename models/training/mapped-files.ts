import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonl } from './dataset-files.ts';
import type { MappedRow } from './label-mapping.ts';
import type { MappedDatasets, MappedSet } from './mapped-datasets.ts';

/** The held-out file of a set: the dev split of a may-train set, every row of an evaluate-only set. */
export function evalFileName(set: MappedSet): string {
  return `${set.set}.${set.mayTrain ? 'dev' : 'all'}.jsonl`;
}

const strip = (row: MappedRow) => ({ id: row.id, text: row.text, labels: row.labels, scope: row.scope });

/**
 * Writes the mapped sets as `cogfw eval` input files ({id, text, labels, scope} per line): train and
 * calibration splits of may-train sets, and each set's held-out file. Returns the held-out files in set order.
 */
export function writeMappedSets(mapped: MappedDatasets, dir: string): { set: MappedSet; file: string }[] {
  mkdirSync(dir, { recursive: true });
  const heldOut: { set: MappedSet; file: string }[] = [];
  for (const set of mapped.sets) {
    if (set.mayTrain) {
      writeFileSync(join(dir, `${set.set}.train.jsonl`), toJsonl(set.train.map(strip)));
      writeFileSync(join(dir, `${set.set}.calibration.jsonl`), toJsonl(set.calibration.map(strip)));
    }
    const file = join(dir, evalFileName(set));
    writeFileSync(file, toJsonl(set.eval.map(strip)));
    if (set.eval.length > 0) heldOut.push({ set, file });
  }
  return heldOut;
}
