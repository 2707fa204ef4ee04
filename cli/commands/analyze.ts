import { existsSync } from 'node:fs';
import { generateSigningKey, type SigningKey } from '../../protocol/signature.ts';
import { HISTORY_WINDOW, turnSummary } from '../../wasm-core/context/history.ts';
import { formatCount, plural } from '../../wasm-core/report/counted.ts';
import { toFootprintRecord } from '../../wasm-core/report/footprint-record.ts';
import {
  addTechniqueCounts,
  buildWeeklyReport,
  emptyTechniqueCounts,
  weekStartOf,
} from '../../wasm-core/report/weekly-report.ts';
import type { WeeklyReport } from '../../wasm-core/report/weekly-report-types.ts';
import { assertTimeZone } from '../../wasm-core/report/zoned-time.ts';
import type {
  AnalysisResult,
  ChatTurn,
  ContextualPatterns,
  FootprintRecord,
  TurnSummary,
} from '../../wasm-core/types.ts';
import { analyzeAll, loadAnalyzer, type ReplyAnalyzer } from '../analyzer.ts';
import type { CommandIo } from '../command-io.ts';
import { CliError, EXIT_OK } from '../exit-codes.ts';
import { formatTotals, formatWeeklyReport, type Totals } from '../format/weekly-report-text.ts';
import { readChatFile } from '../inputs/chat-file.ts';
import { formatProblem, type InputProblem } from '../inputs/input-problem.ts';
import { analysisExport } from '../log/analysis-export.ts';
import { readPassphraseFile, writeExportFile } from '../log/export-file.ts';
import { readKeyFile, writeKeyFile } from '../log/key-file.ts';
import { startProgress } from '../progress.ts';

/** Malformed entries listed one by one on stderr per file; the rest are counted, so a wrong file does not flood the terminal. */
const LISTED_PROBLEMS_PER_FILE = 20;

export interface AnalyzeOptions {
  json?: boolean;
  /** Site for replies whose input does not name one. */
  site?: string;
  /** IANA zone for week boundaries and hours; local when absent. */
  timeZone?: string;
  /** Also write the analyses as a signed log export to this file. */
  logOut?: string;
  /** Device key file to sign with (created when absent); a new key when not given. */
  key?: string;
  /** Seal the export with the passphrase in this file. */
  passphraseFile?: string;
}

const PATTERN_NAMES = ['trust_before_recommendation', 'escalation', 'vulnerability_exploit'] as const;

/** Totals over the whole input, with the replies in which each contextual pattern held. */
export interface AnalyzeTotals extends Totals {
  patterns: Record<keyof ContextualPatterns, number>;
}

/** What `cogfw analyze --json` prints. */
export interface AnalyzeOutput {
  weeks: WeeklyReport[];
  totals: AnalyzeTotals;
  /** Facts the figures rest on that the user should know (e.g. replies dated by a file's time). */
  notes: string[];
  /** Rows or conversations that were skipped, and why. */
  problems: InputProblem[];
}

/**
 * Analyses every turn with the earlier replies of its conversation as history, as the extension does. A
 * reply's history holds only replies already analysed, so conversations advance in rounds: round r takes
 * the r-th reply of every conversation (by turnIndex, then input order) as one batch. A reply that failed
 * to analyse is left out of the history, as the extension leaves it out of the footprint.
 */
async function analyzeConversations(
  analyzer: ReplyAnalyzer,
  turns: readonly ChatTurn[],
  onProgress: (done: number) => void,
): Promise<AnalysisResult[]> {
  const conversations = new Map<string, number[]>();
  turns.forEach((turn, i) => {
    const key = `${turn.site}\u0000${turn.conversationId}`;
    const list = conversations.get(key) ?? [];
    list.push(i);
    conversations.set(key, list);
  });
  const ordered = [...conversations.values()].map((indices) =>
    indices.sort((a, b) => (turns[a]?.turnIndex ?? 0) - (turns[b]?.turnIndex ?? 0) || a - b),
  );
  const histories = ordered.map((): TurnSummary[] => []);
  const results: AnalysisResult[] = new Array(turns.length);
  const rounds = ordered.reduce((most, indices) => Math.max(most, indices.length), 0);
  for (let round = 0; round < rounds; round++) {
    const members = ordered.flatMap((indices, c) => {
      const index = indices[round];
      return index === undefined ? [] : [{ conversation: c, index }];
    });
    const inputs = members.map(({ conversation, index }) => {
      const turn = turns[index] as ChatTurn;
      return {
        text: turn.text,
        site: turn.site,
        history: (histories[conversation] as TurnSummary[]).slice(-HISTORY_WINDOW),
        ...(turn.previousUserText === undefined ? {} : { previousUserText: turn.previousUserText }),
      };
    });
    const roundResults = await analyzeAll(analyzer, inputs, onProgress);
    members.forEach(({ conversation, index }, k) => {
      const result = roundResults[k] as AnalysisResult;
      results[index] = result;
      const turn = turns[index] as ChatTurn;
      if (result.error === undefined) {
        (histories[conversation] as TurnSummary[]).push(
          turnSummary({
            turnIndex: turn.turnIndex,
            time: turn.time,
            risk: result.risk,
            findings: result.findings,
          }),
        );
      }
    });
  }
  return results;
}

async function writeAnalysisLog(
  records: FootprintRecord[],
  options: AnalyzeOptions,
  io: CommandIo,
): Promise<void> {
  const passphrase =
    options.passphraseFile === undefined ? undefined : await readPassphraseFile(options.passphraseFile);
  let key: SigningKey;
  if (options.key === undefined) key = generateSigningKey();
  else if (existsSync(options.key)) key = await readKeyFile(options.key);
  else {
    key = generateSigningKey();
    await writeKeyFile(options.key, key);
    io.stderr.write(`cogfw: wrote a new device key to ${options.key}\n`);
  }
  await writeExportFile(options.logOut as string, analysisExport(records, key, Date.now()), passphrase);
  io.stderr.write(
    `cogfw: wrote ${formatCount(records.length)} analyses to ${options.logOut}, signed by ${key.publicKey}\n`,
  );
}

/**
 * `cogfw analyze FILE…`: every assistant reply → analyzer → footprint record → one weekly report per week
 * that has replies (each with the week before for comparison) → totals.
 * Malformed rows are reported on stderr and skipped; the run fails only when a file cannot be read at all,
 * or when nothing at all could be read.
 */
export async function runAnalyze(
  files: string[],
  options: AnalyzeOptions,
  io: CommandIo,
  analyzer?: ReplyAnalyzer,
): Promise<number> {
  const { timeZone } = options;
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new CliError(`unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`);
  }

  const turns: ChatTurn[] = [];
  const problems: InputProblem[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const parsed = await readChatFile(file, options.site === undefined ? {} : { site: options.site });
    for (const problem of parsed.problems.slice(0, LISTED_PROBLEMS_PER_FILE)) {
      io.stderr.write(`cogfw: skipped ${formatProblem(problem)}\n`);
    }
    const unlisted = parsed.problems.length - LISTED_PROBLEMS_PER_FILE;
    if (unlisted > 0)
      io.stderr.write(`cogfw: skipped ${formatCount(unlisted)} more malformed entries in ${file}\n`);
    problems.push(...parsed.problems);
    if (parsed.standalone) {
      const subject = parsed.standalone === 1 ? '1 row names' : `${formatCount(parsed.standalone)} rows name`;
      notes.push(`${file}: ${subject} no role; read as standalone assistant replies.`);
    }
    turns.push(...parsed.turns);
    if (parsed.undated > 0) {
      const subject = parsed.undated === 1 ? '1 reply has' : `${formatCount(parsed.undated)} replies have`;
      notes.push(
        `${file}: ${subject} no time; dated by the file's modification time, ${new Date(parsed.modifiedAt).toISOString()}.`,
      );
    }
  }
  if (problems.length > 0) {
    notes.push(
      `${formatCount(problems.length)} malformed ${problems.length === 1 ? 'entry was' : 'entries were'} skipped (listed on stderr).`,
    );
  }
  if (turns.length === 0 && problems.length > 0) {
    throw new CliError('nothing to analyse: every entry of the input was malformed');
  }

  const records: FootprintRecord[] = [];
  if (turns.length > 0) {
    const ready = analyzer ?? (await loadAnalyzer());
    const progress = startProgress(io, turns.length, 'Analysing');
    try {
      const results = await analyzeConversations(ready, turns, (done) => progress.advance(done));
      const failures: string[] = [];
      results.forEach((result, i) => {
        const turn = turns[i];
        if (!turn) return;
        // A failed analysis is an empty result; counting it as a clean reply would flatter the assistant.
        if (result.error !== undefined) failures.push(result.error);
        else records.push(toFootprintRecord(turn, result));
      });
      if (failures.length > 0) {
        const what = plural(failures.length, 'reply', 'replies');
        notes.push(
          `${what} could not be analysed and ${failures.length === 1 ? 'is' : 'are'} left out (first error: ${failures[0]}).`,
        );
      }
    } finally {
      progress.stop();
    }
    const truncated = records.filter((r) => r.truncated).length;
    if (truncated > 0) {
      notes.push(
        `${formatCount(truncated)} ${truncated === 1 ? 'reply was' : 'replies were'} longer than the analyzer's size bound; only the start was analysed.`,
      );
    }
  }

  if (options.logOut !== undefined) await writeAnalysisLog(records, options, io);

  const weekStarts = [...new Set(records.map((r) => weekStartOf(r.time, timeZone)))].sort((a, b) => a - b);
  const weeks = weekStarts.map((weekStart) =>
    buildWeeklyReport(records, { now: weekStart, ...(timeZone === undefined ? {} : { timeZone }) }),
  );
  const totals: AnalyzeTotals = {
    replies: records.length,
    flaggedReplies: 0,
    counts: emptyTechniqueCounts(),
    patterns: { trust_before_recommendation: 0, escalation: 0, vulnerability_exploit: 0 },
  };
  for (const record of records) {
    if (record.findings.length > 0) totals.flaggedReplies++;
    addTechniqueCounts(totals.counts, record);
    for (const pattern of PATTERN_NAMES) if (record.patterns?.[pattern]) totals.patterns[pattern]++;
  }

  if (options.json) {
    const output: AnalyzeOutput = { weeks, totals, notes, problems };
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return EXIT_OK;
  }

  const color = io.stdout.isTTY === true;
  const blocks = weeks.map((week) =>
    formatWeeklyReport(week, { color, ...(timeZone === undefined ? {} : { timeZone }) }),
  );
  if (weeks.length === 0) blocks.push('No assistant replies found in the input.');
  blocks.push(formatTotals(totals, weeks.length, [...new Set(records.map((r) => r.engine))]));
  if (notes.length > 0) blocks.push(['Notes:', ...notes.map((note) => `  - ${note}`)].join('\n'));
  io.stdout.write(`${blocks.join('\n\n')}\n`);
  return EXIT_OK;
}
