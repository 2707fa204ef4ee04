import { auditPreferences, type PreferenceAudit } from '../../wasm-core/evaluation/preference-audit.ts';
import { techniqueById } from '../../wasm-core/taxonomy.ts';
import type { AnalysisResult, AnalyzeInput } from '../../wasm-core/types.ts';
import { analyzeAll, loadAnalyzer, type ReplyAnalyzer } from '../analyzer.ts';
import type { CommandIo } from '../command-io.ts';
import { CliError, EXIT_INTERNAL, EXIT_OK } from '../exit-codes.ts';
import { formatTable } from '../format/text-table.ts';
import { parsePreferenceRows } from '../inputs/preference-rows.ts';
import { readInputText, requireEveryRow } from '../inputs/strict-input.ts';
import { startProgress } from '../progress.ts';

export interface AuditOptions {
  json?: boolean;
}

/** What `cogfw audit --json` prints: the audit (wasm-core/evaluation/preference-audit.ts) and the engine. */
export interface AuditOutput extends PreferenceAudit {
  engine: string;
}

export const AUDIT_JSON_HELP = `
--json prints one object:
  { pairs, alpha,
    techniques: [ { technique, chosenRate, rejectedRate, chosenOnly, rejectedOnly,
                    signP, meanScoreDifference, wilcoxonP, signPHolm, wilcoxonPHolm,
                    direction: "rewarded" | "penalised" | "none" | "mixed" } … all 22 ],
    risk: { chosen, rejected, p },
    engagement: { chosen, rejected, p, direction },
    rewarded: ["T01", …], penalised: [...], rewardsManipulation: true | false,
    verdict: ["sentence", …],
    engine }
Rates are shares of pairs; chosenOnly/rejectedOnly count pairs where only that reply has the technique.
signP: exact sign test on those discordant pairs; wilcoxonP: Wilcoxon signed-rank on the score
differences (chosen − rejected); *Holm: Holm-adjusted over the 45 tests (22 + 22 + engagement).
engagement.chosen/rejected: engagement-over-wellbeing index 0–100 (flattery, trust building,
anthropomorphic claims and retention hooks against the replies' length).`;

function formatP(p: number): string {
  if (p >= 0.9995) return '1';
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function formatAudit(audit: AuditOutput): string {
  const shown = audit.techniques.filter(
    (t) => t.chosenRate > 0 || t.rejectedRate > 0 || t.direction !== 'none',
  );
  const lines: string[] = [];
  lines.push(`${audit.pairs} preference ${audit.pairs === 1 ? 'pair' : 'pairs'} · ${audit.engine}`);
  lines.push('');
  if (shown.length > 0) {
    lines.push(
      formatTable(
        [
          'Technique',
          'Chosen',
          'Rejected',
          'Only chosen',
          'Only rejected',
          'Sign p (Holm)',
          'Wilcoxon p (Holm)',
          '',
        ],
        shown.map((t) => [
          `${t.technique} ${techniqueById(t.technique).label}`,
          percent(t.chosenRate),
          percent(t.rejectedRate),
          String(t.chosenOnly),
          String(t.rejectedOnly),
          formatP(t.signPHolm),
          formatP(t.wilcoxonPHolm),
          t.direction === 'none' ? '' : t.direction,
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
  } else {
    lines.push('No technique was found in any chosen or rejected reply.');
  }
  lines.push('');
  lines.push(
    `Engagement-over-wellbeing index: chosen ${audit.engagement.chosen}/100, rejected ${audit.engagement.rejected}/100 (p ${formatP(audit.engagement.p)}, Holm).`,
  );
  lines.push(
    `Mean risk: chosen ${audit.risk.chosen.toFixed(2)}, rejected ${audit.risk.rejected.toFixed(2)} (Wilcoxon p ${formatP(audit.risk.p)}).`,
  );
  lines.push('');
  lines.push('Verdict:');
  for (const sentence of audit.verdict) lines.push(`  ${sentence}`);
  return lines.join('\n');
}

/**
 * `cogfw audit FILE.jsonl`: every preference pair's chosen and rejected reply through the analyzer (with
 * the prompt as the user's message), then the paired comparison of preference-audit.ts. Any malformed row
 * fails the run (exit 2) naming its line: an audit over a silently reduced set would mislead.
 */
export async function runAudit(
  file: string,
  options: AuditOptions,
  io: CommandIo,
  analyzer?: ReplyAnalyzer,
): Promise<number> {
  const { rows, problems } = parsePreferenceRows(await readInputText(file), file);
  requireEveryRow(problems, file, 'audit', io);
  if (rows.length === 0) throw new CliError(`${file}: no preference rows`);

  const ready = analyzer ?? (await loadAnalyzer());
  const inputs: AnalyzeInput[] = rows.flatMap((row) => [
    { text: row.chosen, previousUserText: row.prompt },
    { text: row.rejected, previousUserText: row.prompt },
  ]);
  const progress = startProgress(io, inputs.length, 'Auditing');
  const results = await analyzeAll(ready, inputs, (done) => progress.advance(done)).finally(() =>
    progress.stop(),
  );
  const failedAt = results.findIndex((result) => result.error !== undefined);
  if (failedAt >= 0) {
    const failures = results.filter((result) => result.error !== undefined).length;
    const row = rows[Math.floor(failedAt / 2)];
    throw new CliError(
      `the analyzer failed on ${failures} of ${results.length} replies (first: line ${row?.line}, ${results[failedAt]?.error})`,
      EXIT_INTERNAL,
    );
  }
  const pairs = rows.map((_, i) => ({
    chosen: results[2 * i] as AnalysisResult,
    rejected: results[2 * i + 1] as AnalysisResult,
  }));
  const output: AuditOutput = {
    ...auditPreferences(pairs),
    engine: [...new Set(results.map((r) => r.engine))].join('; '),
  };
  io.stdout.write(options.json ? `${JSON.stringify(output, null, 2)}\n` : `${formatAudit(output)}\n`);
  return EXIT_OK;
}
