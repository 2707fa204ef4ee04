import {
  analysisFacts,
  contextFacts,
  type FactContext,
} from '../../wasm-core/constitution/analysis-facts.ts';
import { PRINCIPLE_NAMES } from '../../wasm-core/constitution/principles.ts';
import { replyAction } from '../../wasm-core/constitution/reply-action.ts';
import { RuleEngine } from '../../wasm-core/constitution/rule-engine.ts';
import {
  type ConstitutionOutcome,
  type FactValue,
  PRINCIPLE_IDS,
  PROTECTION_LEVEL_IDS,
  type ProtectionLevelId,
  type ReplyAction,
} from '../../wasm-core/constitution/rule-pack.ts';
import { RulePackError, validateRulePacks } from '../../wasm-core/constitution/rule-pack-validation.ts';
import type { WasmCore } from '../../wasm-core/core.ts';
import { DEFAULT_PATHS, loadCoreFromDisk } from '../../wasm-core/node.ts';
import { analyzeAll, loadAnalyzer, type ReplyAnalyzer } from '../analyzer.ts';
import type { CommandIo } from '../command-io.ts';
import { CliError, EXIT_INTERNAL, EXIT_OK } from '../exit-codes.ts';
import { type CheckRow, parseCheckRows } from '../inputs/check-rows.ts';
import { jsonErrorMessage } from '../inputs/json-error.ts';
import { readInputText, requireEveryRow } from '../inputs/strict-input.ts';
import { startProgress } from '../progress.ts';

export interface CheckOptions {
  /** Rule pack files to judge with, instead of the shipped constitution. */
  pack?: string[];
  json?: boolean;
}

/** What the command would otherwise load from disk; tests pass their own. */
export interface CheckDeps {
  analyzer?: ReplyAnalyzer;
  core?: WasmCore;
}

export interface CheckedRow {
  line: number;
  level: ProtectionLevelId;
  outcome: ConstitutionOutcome;
  action: ReplyAction;
}

/** The fact each context key sets. */
const CONTEXT_FACT: Record<keyof FactContext, string> = {
  level: 'context.level',
  site: 'context.site',
  vulnerable: 'context.vulnerable',
  assistantState: 'context.assistant_state',
};

/** The packs to judge with, each validated on its own first so that a problem names its file. */
async function readPacks(paths: readonly string[]): Promise<unknown[]> {
  const packs: unknown[] = [];
  for (const path of paths) {
    const text = await readInputText(path, 'the rule pack');
    let pack: unknown;
    try {
      pack = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${path}: the rule pack is not valid JSON (${jsonErrorMessage(error)})`);
    }
    try {
      validateRulePacks([pack]);
    } catch (error) {
      if (error instanceof RulePackError) throw new CliError(`${path}: invalid rule pack: ${error.message}`);
      throw error;
    }
    packs.push(pack);
  }
  return packs;
}

/** Facts given in the row, over the analyzer's defaults, under whatever the row's context sets. */
function givenFacts(facts: Record<string, FactValue>, context: FactContext): Record<string, FactValue> {
  const fromContext = contextFacts(context);
  const explicit = Object.fromEntries(
    (Object.keys(context) as (keyof FactContext)[]).map((key) => {
      const name = CONTEXT_FACT[key];
      return [name, fromContext[name] as FactValue];
    }),
  );
  return { ...contextFacts(), ...facts, ...explicit };
}

function levelOf(facts: Record<string, FactValue>): ProtectionLevelId {
  const level = facts['context.level'];
  return (PROTECTION_LEVEL_IDS as readonly unknown[]).includes(level)
    ? (level as ProtectionLevelId)
    : 'standard';
}

/** `{ principles: { P1: { status, fired, defeated, explanation }, … }, action }`: the `--json` row. */
export function checkedRowJson(row: CheckedRow): object {
  return {
    principles: Object.fromEntries(
      PRINCIPLE_IDS.map((principle) => {
        const { status, fired, defeated, explanation } = row.outcome[principle];
        return [principle, { status, fired, defeated, explanation }];
      }),
    ),
    action: row.action,
  };
}

export function formatCheckedRow(row: CheckedRow): string {
  const width = Math.max(...PRINCIPLE_IDS.map((p) => `${p} ${PRINCIPLE_NAMES[p]}`.length));
  const lines = [`line ${row.line} · level ${row.level} · action ${row.action}`];
  for (const principle of PRINCIPLE_IDS) {
    const { status, fired, defeated, explanation } = row.outcome[principle];
    const rules = [
      ...(fired.length > 0 ? [`fired ${fired.join(', ')}`] : []),
      ...(defeated.length > 0 ? [`defeated ${defeated.join(', ')}`] : []),
    ].join('; ');
    const head = `  ${`${principle} ${PRINCIPLE_NAMES[principle]}`.padEnd(width)}  ${status.padEnd(9)}`;
    lines.push(`${head}  ${rules}`.trimEnd());
    if (status !== 'respected') lines.push(`  ${' '.repeat(width)}  ${explanation}`);
  }
  return lines.join('\n');
}

/**
 * `cogfw check FILE.jsonl [--pack PACK.json …] [--json]`: each row's ten principles and action. Rows are
 * `{ text, context }` (the reply is analysed, then judged) or `{ facts, context }` (judged as given); the
 * context sets level, site, vulnerable and assistant_state (defaults: standard, none, false, NORMAL).
 * Without --pack the shipped constitution judges; with --pack exactly the packs given, in that order.
 */
export async function runCheck(
  file: string,
  options: CheckOptions,
  io: CommandIo,
  deps: CheckDeps = {},
): Promise<number> {
  const { rows, problems } = parseCheckRows(await readInputText(file, 'the rows'), file);
  requireEveryRow(problems, file, 'check', io);

  const packPaths = options.pack && options.pack.length > 0 ? options.pack : [DEFAULT_PATHS.constitution];
  const packs = await readPacks(packPaths);
  let core = deps.core;
  if (!core) {
    try {
      core = await loadCoreFromDisk();
    } catch (error) {
      throw new CliError(`cannot load the rule evaluator (${(error as Error).message})`, EXIT_INTERNAL);
    }
  }
  const engine = new RuleEngine(core);
  try {
    engine.load(packs);
  } catch (error) {
    // Each pack is valid alone; together they can still clash (duplicate ids, contradicting strict rules).
    if (error instanceof RulePackError) {
      throw new CliError(
        `${packPaths.join(', ')}: the rule packs cannot be loaded together: ${error.message}`,
      );
    }
    throw error;
  }

  const factsByRow = await rowFacts(rows, io, deps.analyzer);
  const checked: CheckedRow[] = rows.map((row, i) => {
    const facts = factsByRow[i] as Record<string, FactValue>;
    const level = levelOf(facts);
    const outcome = engine.evaluate(facts);
    return { line: row.line, level, outcome, action: replyAction(outcome, level) };
  });

  if (options.json) {
    for (const row of checked) io.stdout.write(`${JSON.stringify(checkedRowJson(row))}\n`);
  } else {
    io.stdout.write(`${checked.map(formatCheckedRow).join('\n\n')}\n`);
  }
  return EXIT_OK;
}

/** Every row's facts: text rows through the analyzer (loaded only when there are some), in row order. */
async function rowFacts(
  rows: readonly CheckRow[],
  io: CommandIo,
  given: ReplyAnalyzer | undefined,
): Promise<Record<string, FactValue>[]> {
  const textRows = rows.filter((row): row is Extract<CheckRow, { text: string }> => 'text' in row);
  const analysed = new Map<CheckRow, Record<string, FactValue>>();
  if (textRows.length > 0) {
    const analyzer = given ?? (await loadAnalyzer());
    const progress = startProgress(io, textRows.length, 'Analysing');
    const results = await analyzeAll(
      analyzer,
      textRows.map((row) => ({
        text: row.text,
        ...(row.context.site !== undefined ? { site: row.context.site } : {}),
      })),
      (done) => progress.advance(done),
    ).finally(() => progress.stop());
    textRows.forEach((row, i) => {
      const result = results[i];
      if (!result || result.error !== undefined) {
        // Judging an empty result would report the analyzer's failure as "all respected".
        throw new CliError(
          `line ${row.line}: the analyzer failed (${result?.error ?? 'no result'})`,
          EXIT_INTERNAL,
        );
      }
      analysed.set(row, { ...analysisFacts(result, row.context) });
    });
  }
  return rows.map((row) =>
    'facts' in row ? givenFacts(row.facts, row.context) : (analysed.get(row) as Record<string, FactValue>),
  );
}
