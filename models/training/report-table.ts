import type { EvalReport } from '../../wasm-core/evaluation/metrics.ts';
import { TECHNIQUE_IDS, type TechniqueId, techniqueById } from '../../wasm-core/taxonomy.ts';

const fixed = (x: number) => x.toFixed(3);

/**
 * One block per set: a line per technique the set has positives for, or raised false alarms on, and the
 * set's macro F1 (over techniques with positives).
 * `extra` adds a column per technique (e.g. the threshold).
 */
export function formatReport(
  title: string,
  report: EvalReport,
  extra?: { header: string; value: (id: TechniqueId) => string },
): string {
  const header = ['technique', 'name', 'precision', 'recall', 'F1', 'support', 'tp', 'fp', 'fn'];
  if (extra) header.push(extra.header);
  const lines = [header];
  for (const id of TECHNIQUE_IDS) {
    const m = report.techniques[id];
    // A technique with no positives still shows when it raised false alarms on the set's negatives.
    if (!m || (m.support === 0 && m.fp === 0)) continue;
    const score = (x: number) => (m.support === 0 ? '—' : fixed(x));
    const line = [
      id,
      techniqueById(id).key,
      score(m.precision),
      score(m.recall),
      score(m.f1),
      String(m.support),
      String(m.tp),
      String(m.fp),
      String(m.fn),
    ];
    if (extra) line.push(extra.value(id));
    lines.push(line);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((line) => (line[c] ?? '').length)));
  const table = lines.map((line) =>
    line.map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '),
  );
  return [`${title} — macro F1 ${fixed(report.macroF1)}`, ...table.map((row) => `  ${row}`)].join('\n');
}

/** Rounds every metric for a stable, readable JSON record. */
export function summariseReport(report: EvalReport, rows: number) {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const techniques: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const id of TECHNIQUE_IDS) {
    const m = report.techniques[id];
    if (!m || m.support === 0) continue;
    techniques[id] = {
      precision: round(m.precision),
      recall: round(m.recall),
      f1: round(m.f1),
      support: m.support,
    };
  }
  return { rows, macroF1: round(report.macroF1), techniques };
}
