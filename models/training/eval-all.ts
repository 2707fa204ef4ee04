import { join } from 'node:path';
import type { Analyzer } from '../../wasm-core/analyzer.ts';
import { type EvalReport, evaluatePredictions } from '../../wasm-core/evaluation/metrics.ts';
import { createNodeAnalyzer } from '../../wasm-core/node.ts';
import { analyzeAll } from './analyzer-scoring.ts';
import { REPO_ROOT } from './dataset-files.ts';
import type { MappedRow } from './label-mapping.ts';
import { mapDatasets } from './mapped-datasets.ts';
import { writeMappedSets } from './mapped-files.ts';
import { type EvalTableBlock, formatEvalTable } from './report-table.ts';

// `npm run eval`: the shipped analyzer (what the extension and `cogfw eval` run) over every held-out file — the
// dev split of each may-train set and every row of each evaluate-only set — and once more with the lexicon
// alone, the baseline the model has to beat. A technique counts as predicted when it is among the findings and
// the scores come from wasm-core/evaluation/metrics.ts, exactly as in `cogfw eval`; the files are written to
// build/datasets so `cogfw eval build/datasets/<set>.dev.jsonl` reproduces any block. One table.
const started = performance.now();
const mapped = mapDatasets();
if (!mapped) {
  console.log(
    'No third-party datasets at ../shared/datasets (relative to the repository root): nothing to evaluate.',
  );
  process.exit(0);
}
const dir = join(REPO_ROOT, 'build/datasets');
const files = writeMappedSets(mapped, dir);
const full = await createNodeAnalyzer();
const lexiconOnly = await createNodeAnalyzer({ model: false });

async function evaluate(rows: readonly MappedRow[], analyzer: Analyzer): Promise<EvalReport> {
  const results = await analyzeAll(
    analyzer,
    rows.map((row) => row.text),
  );
  return evaluatePredictions(
    rows.map((row, i) => ({
      labels: row.labels,
      scope: row.scope,
      predicted: (results[i]?.findings ?? []).map((finding) => finding.technique),
    })),
  );
}

const blocks: EvalTableBlock[] = [];
for (const { set } of files) {
  blocks.push({
    set: set.set,
    kind: set.mayTrain ? 'dev' : 'all (evaluate only)',
    rows: set.eval.length,
    report: await evaluate(set.eval, full),
    baseline: await evaluate(set.eval, lexiconOnly),
  });
}
console.log(formatEvalTable(blocks, { engine: full.engine, baselineEngine: lexiconOnly.engine }));
console.log(
  `\n${blocks.length} sets in ${((performance.now() - started) / 1000).toFixed(1)} s; the files are in ${dir}`,
);
