import { evaluatePredictions } from '../../wasm-core/evaluation/metrics.ts';
import { createNodeAnalyzer } from '../../wasm-core/node.ts';
import { analyzeAll } from './analyzer-scoring.ts';
import { mapDatasets } from './mapped-datasets.ts';
import { formatReport } from './report-table.ts';

// Runs the whole analyzer (lexicon + model + thresholds, exactly what the extension runs) over every
// held-out row: the dev splits of may-train sets and all rows of evaluate-only sets. The lexicon alone is
// measured beside it, as the baseline the model has to beat.
const mapped = mapDatasets();
if (!mapped) {
  console.log(
    'No third-party datasets at ../shared/datasets (relative to the repository root): nothing to evaluate.',
  );
  process.exit(0);
}
const full = await createNodeAnalyzer();
const lexiconOnly = await createNodeAnalyzer({ model: false });
const summary: { set: string; kind: string; rows: number; macroF1: number; lexiconMacroF1: number }[] = [];
for (const set of mapped.sets) {
  if (set.eval.length === 0) continue;
  const started = performance.now();
  const texts = set.eval.map((row) => row.text);
  const measure = async (analyzer: typeof full) => {
    const results = await analyzeAll(analyzer, texts);
    return evaluatePredictions(
      set.eval.map((row, i) => ({
        labels: row.labels,
        scope: row.scope,
        predicted: results[i]?.findings.map((f) => f.technique) ?? [],
      })),
    );
  };
  const report = await measure(full);
  const lexiconReport = await measure(lexiconOnly);
  const kind = set.mayTrain ? 'dev' : 'all (evaluate only)';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(formatReport(`${set.set} ${kind}, ${set.eval.length} rows, ${seconds} s`, report));
  summary.push({
    set: set.set,
    kind,
    rows: set.eval.length,
    macroF1: report.macroF1,
    lexiconMacroF1: lexiconReport.macroF1,
  });
}
console.log('\nmacro F1 per set');
const width = Math.max(...summary.map((s) => s.set.length));
console.log(`  ${'set'.padEnd(width)}  ${'rows'.padEnd(19)}  ${'n'.padStart(6)}  analyzer  lexicon alone`);
for (const s of summary) {
  console.log(
    `  ${s.set.padEnd(width)}  ${s.kind.padEnd(19)}  ${String(s.rows).padStart(6)}  ${s.macroF1.toFixed(3).padStart(8)}  ${s.lexiconMacroF1.toFixed(3).padStart(13)}`,
  );
}
