import { writeFile } from 'node:fs/promises';
import { type EvalReport, evaluatePredictions } from '../../wasm-core/evaluation/metrics.ts';
import { TECHNIQUE_IDS, type TechniqueId, techniqueById } from '../../wasm-core/taxonomy.ts';
import { analyzeAll, loadAnalyzer, type ReplyAnalyzer } from '../analyzer.ts';
import type { CommandIo } from '../command-io.ts';
import { CliError, EXIT_FAILED, EXIT_INTERNAL, EXIT_OK } from '../exit-codes.ts';
import { formatTable } from '../format/text-table.ts';
import { parseLabelledRows } from '../inputs/labelled-rows.ts';
import { readInputText, requireEveryRow } from '../inputs/strict-input.ts';
import { startProgress } from '../progress.ts';

export interface EvalOptions {
  json?: boolean;
  /** Write one line per row: `{ id, predicted, scores }`. */
  predictions?: string;
  /** Fail (exit 1) when macro F1 is below this. */
  minMacroF1?: number;
}

function formatMetric(value: number): string {
  return value.toFixed(3);
}

export function formatEvalReport(report: EvalReport, rows: number, engine: string): string {
  const inScope = TECHNIQUE_IDS.filter((id): id is TechniqueId => report.techniques[id] !== undefined);
  // A technique nobody labelled and nothing predicted has only zeros to show; it is counted, not listed.
  const ids = inScope.filter((id) => {
    const m = report.techniques[id];
    return m !== undefined && m.tp + m.fp + m.fn > 0;
  });
  const silent = inScope.length - ids.length;
  const table = formatTable(
    ['Technique', 'Support', 'TP', 'FP', 'FN', 'Precision', 'Recall', 'F1'],
    ids.map((id) => {
      const m = report.techniques[id];
      if (!m) return [];
      return [
        `${id} ${techniqueById(id).label}`,
        String(m.support),
        String(m.tp),
        String(m.fp),
        String(m.fn),
        formatMetric(m.precision),
        formatMetric(m.recall),
        formatMetric(m.f1),
      ];
    }),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const withSupport = ids.filter((id) => (report.techniques[id]?.support ?? 0) > 0).length;
  return [
    table,
    ...(silent > 0
      ? [
          `(${silent} more ${silent === 1 ? 'technique' : 'techniques'} in scope: no labels and no predictions)`,
        ]
      : []),
    '',
    `Macro F1 ${formatMetric(report.macroF1)} over ${withSupport} ${withSupport === 1 ? 'technique' : 'techniques'} with support · ${rows} ${rows === 1 ? 'row' : 'rows'} · ${engine}`,
  ].join('\n');
}

/**
 * `cogfw eval FILE.jsonl`: per-technique precision, recall and F1 of the shipped analyzer against labelled
 * rows. A technique counts as predicted when it is among the result's findings, i.e. when its final score
 * passes the shipped threshold. Any malformed row fails the run (exit 2): figures over a silently reduced
 * set would mislead.
 */
export async function runEval(
  file: string,
  options: EvalOptions,
  io: CommandIo,
  analyzer?: ReplyAnalyzer,
): Promise<number> {
  const { rows, problems } = parseLabelledRows(await readInputText(file), file);
  requireEveryRow(problems, file, 'eval', io);
  if (rows.length === 0) throw new CliError(`${file}: no labelled rows`);

  const ready = analyzer ?? (await loadAnalyzer());
  const progress = startProgress(io, rows.length, 'Evaluating');
  const results = await analyzeAll(
    ready,
    rows.map((row) => ({ text: row.text })),
    (done) => progress.advance(done),
  ).finally(() => progress.stop());

  const failed = results.filter((result) => result.error !== undefined);
  if (failed.length > 0) {
    // Scoring a failed analysis as "nothing predicted" would report the analyzer's failure as recall.
    throw new CliError(
      `the analyzer failed on ${failed.length} of ${rows.length} rows (first error: ${failed[0]?.error})`,
      EXIT_INTERNAL,
    );
  }

  const predictions = rows.map((row, i) => ({
    row,
    predicted: (results[i]?.findings ?? []).map((finding) => finding.technique),
    scores: results[i]?.scores,
  }));
  const report = evaluatePredictions(
    predictions.map(({ row, predicted }) => ({
      labels: row.labels,
      predicted,
      ...(row.scope ? { scope: row.scope } : {}),
    })),
  );

  if (options.predictions) {
    const lines = predictions.map(({ row, predicted, scores }) => {
      // Full precision: a rounded score could land on the other side of its threshold.
      const all = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, scores?.[id] ?? 0]));
      return JSON.stringify({ id: row.id, predicted, scores: all });
    });
    try {
      await writeFile(options.predictions, `${lines.join('\n')}\n`);
    } catch (error) {
      throw new CliError(`${options.predictions}: cannot write predictions (${(error as Error).message})`);
    }
  }

  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ techniques: report.techniques, macroF1: report.macroF1 }, null, 2)}\n`,
    );
  } else {
    const engines = [...new Set(results.map((r) => r.engine))].join(', ');
    io.stdout.write(`${formatEvalReport(report, rows.length, engines)}\n`);
  }

  if (options.minMacroF1 !== undefined && report.macroF1 < options.minMacroF1) {
    io.stderr.write(
      `cogfw: macro F1 ${formatMetric(report.macroF1)} is below the required ${formatMetric(options.minMacroF1)}\n`,
    );
    return EXIT_FAILED;
  }
  return EXIT_OK;
}
