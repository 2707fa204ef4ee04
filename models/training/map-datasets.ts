import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TECHNIQUE_IDS } from '../../wasm-core/taxonomy.ts';
import { REPO_ROOT, toJsonl } from './dataset-files.ts';
import type { MappedRow } from './label-mapping.ts';
import { type MappedSet, mapDatasets } from './mapped-datasets.ts';

function positives(rows: readonly MappedRow[]): string {
  const counts = TECHNIQUE_IDS.map(
    (id) => [id, rows.filter((row) => row.labels.includes(id)).length] as const,
  );
  return counts
    .filter(([, n]) => n > 0)
    .map(([id, n]) => `${id}:${n}`)
    .join(' ');
}

function evalFileName(set: MappedSet): string {
  return `${set.set}.${set.mayTrain ? 'dev' : 'all'}.jsonl`;
}

const mapped = mapDatasets();
if (!mapped) {
  console.log(
    'No third-party datasets found at ../shared/datasets (relative to the repository root): nothing to map.',
  );
  process.exit(0);
}

const outDir = join(REPO_ROOT, 'build/datasets');
mkdirSync(outDir, { recursive: true });
for (const set of mapped.sets) {
  const strip = (row: MappedRow) => ({ id: row.id, text: row.text, labels: row.labels, scope: row.scope });
  if (set.mayTrain) writeFileSync(join(outDir, `${set.set}.train.jsonl`), toJsonl(set.train.map(strip)));
  writeFileSync(join(outDir, evalFileName(set)), toJsonl(set.eval.map(strip)));
  const guard =
    set.leakGuard.dropped + set.leakGuard.trimmed > 0
      ? ` (leak guard: ${set.leakGuard.dropped} dropped, ${set.leakGuard.trimmed} trimmed)`
      : '';
  console.log(
    `${set.set} [${set.mayTrain ? 'may train' : 'evaluate only'}; ${set.licence}] ${set.sourceRows} rows → ` +
      (set.mayTrain ? `train ${set.train.length}, ` : '') +
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
