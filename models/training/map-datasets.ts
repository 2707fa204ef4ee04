import { join } from 'node:path';
import { TECHNIQUE_IDS } from '../../wasm-core/taxonomy.ts';
import { REPO_ROOT } from './dataset-files.ts';
import type { MappedRow } from './label-mapping.ts';
import { mapDatasets } from './mapped-datasets.ts';
import { writeMappedSets } from './mapped-files.ts';

function positives(rows: readonly MappedRow[]): string {
  const counts = TECHNIQUE_IDS.map(
    (id) => [id, rows.filter((row) => row.labels.includes(id)).length] as const,
  );
  return counts
    .filter(([, n]) => n > 0)
    .map(([id, n]) => `${id}:${n}`)
    .join(' ');
}

const mapped = mapDatasets();
if (!mapped) {
  console.log(
    'No third-party datasets found at ../shared/datasets (relative to the repository root): nothing to map.',
  );
  process.exit(0);
}

const outDir = join(REPO_ROOT, 'build/datasets');
writeMappedSets(mapped, outDir);
for (const set of mapped.sets) {
  const guard =
    set.leakGuard.dropped + set.leakGuard.trimmed > 0
      ? ` (leak guard: ${set.leakGuard.dropped} dropped, ${set.leakGuard.trimmed} trimmed)`
      : '';
  console.log(
    `${set.set} [${set.mayTrain ? 'may train' : 'evaluate only'}; ${set.licence}] ${set.sourceRows} rows → ` +
      (set.mayTrain ? `train ${set.train.length}, calibration ${set.calibration.length}, ` : '') +
      `${set.mayTrain ? 'dev' : 'all'} ${set.eval.length}${guard}`,
  );
  if (set.mayTrain) console.log(`  train positives: ${positives(set.train) || 'none'}`);
  console.log(`  ${set.mayTrain ? 'dev' : 'all'} positives: ${positives(set.eval) || 'none'}`);
}
const unused = mapped.mapping.sets.filter((s) => s.scope.length === 0).map((s) => s.set);
if (unused.length > 0)
  console.log(`Not used by the technique model (empty scope, see the mapping): ${unused.join(', ')}`);
if (mapped.missing.length > 0) console.log(`Not found: ${mapped.missing.join(', ')}`);
console.log(`Wrote ${outDir}`);
