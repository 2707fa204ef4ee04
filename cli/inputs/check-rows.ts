import type { FactContext } from '../../wasm-core/constitution/analysis-facts.ts';
import { FACT_SLOTS, FACT_SPECS, fitsFact } from '../../wasm-core/constitution/fact-catalog.ts';
import {
  ASSISTANT_STATES,
  type AssistantState,
  type FactValue,
  PROTECTION_LEVEL_IDS,
  type ProtectionLevelId,
} from '../../wasm-core/constitution/rule-pack.ts';
import type { InputProblem } from './input-problem.ts';
import { parseJsonlRows } from './jsonl-rows.ts';
import { isRecord } from './parsed-chat.ts';

/** One row of `cogfw check`: a reply to analyse, or facts to judge as they are. */
export type CheckRow =
  | { line: number; text: string; context: FactContext }
  | { line: number; facts: Record<string, FactValue>; context: FactContext };

const CONTEXT_KEYS = ['level', 'site', 'vulnerable', 'assistant_state'];
const FACT_TYPES = new Map(FACT_SPECS.map((spec) => [spec.name, spec.type]));

function readContext(value: unknown): FactContext | string {
  if (value === undefined) return {};
  if (!isRecord(value)) return '"context" must be an object {level?, site?, vulnerable?, assistant_state?}';
  const unknown = Object.keys(value).filter((key) => !CONTEXT_KEYS.includes(key));
  if (unknown.length > 0) {
    return `unknown "context" keys ${unknown.map((k) => JSON.stringify(k)).join(', ')} (known: ${CONTEXT_KEYS.join(', ')})`;
  }
  const context: FactContext = {};
  if (value.level !== undefined) {
    if (!(PROTECTION_LEVEL_IDS as readonly unknown[]).includes(value.level)) {
      return `"context.level" must be one of ${PROTECTION_LEVEL_IDS.join(', ')}`;
    }
    context.level = value.level as ProtectionLevelId;
  }
  if (value.site !== undefined) {
    if (typeof value.site !== 'string') return '"context.site" must be a string';
    context.site = value.site;
  }
  if (value.vulnerable !== undefined) {
    if (typeof value.vulnerable !== 'boolean') return '"context.vulnerable" must be true or false';
    context.vulnerable = value.vulnerable;
  }
  if (value.assistant_state !== undefined) {
    if (!(ASSISTANT_STATES as readonly unknown[]).includes(value.assistant_state)) {
      return `"context.assistant_state" must be one of ${ASSISTANT_STATES.join(', ')}`;
    }
    context.assistantState = value.assistant_state as AssistantState;
  }
  return context;
}

function readFacts(value: unknown): Record<string, FactValue> | string {
  if (!isRecord(value)) return '"facts" must be an object like { "technique.T01.score": 0.9 }';
  const facts: Record<string, FactValue> = {};
  for (const [name, fact] of Object.entries(value)) {
    const type = FACT_TYPES.get(name);
    if (type === undefined || !FACT_SLOTS.has(name)) return `unknown fact ${JSON.stringify(name)}`;
    if (!fitsFact(type, fact)) return `fact ${JSON.stringify(name)} cannot be ${JSON.stringify(fact)}`;
    facts[name] = fact as FactValue;
  }
  return facts;
}

function readRow(raw: string, line: number): CheckRow | string {
  let row: unknown;
  try {
    row = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (!isRecord(row)) return 'expected a JSON object { "text", "context" } or { "facts", "context" }';
  const extra = Object.keys(row).filter((key) => !['text', 'facts', 'context'].includes(key));
  if (extra.length > 0) return `unknown keys ${extra.map((k) => JSON.stringify(k)).join(', ')}`;
  const context = readContext(row.context);
  if (typeof context === 'string') return context;
  if (row.text !== undefined && row.facts !== undefined) return 'a row has "text" or "facts", not both';
  if (row.text !== undefined) {
    if (typeof row.text !== 'string') return '"text" must be a string';
    return { line, text: row.text, context };
  }
  if (row.facts === undefined) return 'missing "text" (a reply to analyse) or "facts" (to judge as they are)';
  const facts = readFacts(row.facts);
  if (typeof facts === 'string') return facts;
  return { line, facts, context };
}

/** The rows of a `cogfw check` file (JSONL); blank lines are skipped, every malformed row is reported. */
export function parseCheckRows(text: string, file: string): { rows: CheckRow[]; problems: InputProblem[] } {
  return parseJsonlRows(text, file, readRow);
}
