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

export interface EvalTableBlock {
  set: string;
  /** 'dev' or 'all (evaluate only)'. */
  kind: string;
  rows: number;
  report: EvalReport;
  /** The same rows scored by the lexicon alone. */
  baseline: EvalReport;
}

/**
 * One table over many sets: a row per technique and set (techniques with positives, or with false alarms on
 * the set's negatives), and a macro F1 row closing each set. The baseline's F1 sits beside each figure.
 */
export function formatEvalTable(
  blocks: readonly EvalTableBlock[],
  engines: { engine: string; baselineEngine: string },
): string {
  const header = [
    'set',
    'rows',
    'technique',
    'support',
    'tp',
    'fp',
    'fn',
    'precision',
    'recall',
    'F1',
    'lexicon F1',
  ];
  const lines: string[][] = [header];
  for (const block of blocks) {
    let first = true;
    const setCells = () => {
      const cells = first ? [`${block.set} (${block.kind})`, String(block.rows)] : ['', ''];
      first = false;
      return cells;
    };
    for (const id of TECHNIQUE_IDS) {
      const m = block.report.techniques[id];
      if (!m || (m.support === 0 && m.fp === 0)) continue;
      const score = (x: number) => (m.support === 0 ? '—' : fixed(x));
      const base = block.baseline.techniques[id];
      lines.push([
        ...setCells(),
        `${id} ${techniqueById(id).key}`,
        String(m.support),
        String(m.tp),
        String(m.fp),
        String(m.fn),
        score(m.precision),
        score(m.recall),
        score(m.f1),
        m.support === 0 || !base ? '—' : fixed(base.f1),
      ]);
    }
    lines.push([
      ...setCells(),
      'macro F1',
      '',
      '',
      '',
      '',
      '',
      '',
      fixed(block.report.macroF1),
      fixed(block.baseline.macroF1),
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((line) => (line[c] ?? '').length)));
  const left = new Set([0, 2]);
  const table = lines.map((line, i) => {
    const text = line
      .map((cell, c) => (left.has(c) ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
    // A rule under the header and after each set's macro F1 row keeps the sets apart.
    return i === 0 || line[2] === 'macro F1' ? `${text}\n${'-'.repeat(text.length)}` : text;
  });
  return [
    `analyzer: ${engines.engine}; lexicon F1: ${engines.baselineEngine} alone. Precision, recall and F1 of the analyzer's findings (cogfw eval).`,
    ...table,
  ].join('\n');
}
