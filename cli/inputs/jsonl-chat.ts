import type { ChatTurn } from '../../wasm-core/types.ts';
import type { InputProblem } from './input-problem.ts';
import { isRecord, type ParseContext, type ParsedChat } from './parsed-chat.ts';
import { parseTimeValue } from './time-value.ts';

/** Roles that appear in chat logs but carry nothing to analyse; skipped without complaint. */
const IGNORED_ROLES = new Set(['system', 'tool', 'function', 'developer']);

interface ChatRow {
  role: 'user' | 'assistant';
  /** True when the row named no role and is read as a standalone reply (a labelled data set's row). */
  standalone?: boolean;
  /** A standalone row's `prompt`: the user message it answers. */
  prompt?: string;
  text: string;
  time?: number;
  conversation?: string;
  site?: string;
}

/** A valid row, null for a row to pass over silently, or the reason it is malformed. */
function readRow(raw: string): ChatRow | null | string {
  let row: unknown;
  try {
    row = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (!isRecord(row)) return 'expected a JSON object {role, text, time?, conversation?, site?}';
  const { role, text, conversation, site, prompt } = row;
  if (role !== undefined && typeof role !== 'string') return '"role" must be user or assistant';
  if (typeof role === 'string' && IGNORED_ROLES.has(role)) return null;
  if (typeof role === 'string' && role !== 'user' && role !== 'assistant') {
    return `unknown role "${role}" (expected user or assistant)`;
  }
  if (typeof text !== 'string') return 'missing "text" (a string)';
  const result: ChatRow = { role: role ?? 'assistant', text };
  if (role === undefined) {
    result.standalone = true;
    if (typeof prompt === 'string' && prompt.trim() !== '') result.prompt = prompt;
  }
  if (conversation !== undefined && conversation !== null) {
    if (typeof conversation !== 'string' && typeof conversation !== 'number') {
      return '"conversation" must be a string or a number';
    }
    result.conversation = String(conversation);
  }
  if (site !== undefined && site !== null) {
    if (typeof site !== 'string' || site.trim() === '') return '"site" must be a non-empty string';
    result.site = site;
  }
  if (row.time !== undefined && row.time !== null) {
    const parsed = parseTimeValue(row.time);
    if (!parsed.ok) return parsed.message;
    result.time = parsed.time;
  }
  return result;
}

/**
 * JSONL chat rows `{role, text, time?, conversation?, site?}`, one per line. Only assistant rows are
 * analysed; the latest user row of the same conversation before it becomes `previousUserText`.
 * A row without a role — a labelled data set's `{id, text, labels, prompt?}` — is read as an assistant
 * reply standing alone: its own conversation (unless it names one), so unrelated rows never become each
 * other's history, with its `prompt`, if any, as the user message it answers.
 * A malformed row (not JSON, unknown role, no text, bad time) is reported with its line number and
 * skipped, so one bad line does not lose the rest of the file. Blank lines and system/tool rows are ignored.
 */
export function parseJsonlChat(text: string, context: ParseContext): ParsedChat {
  const turns: ChatTurn[] = [];
  const problems: InputProblem[] = [];
  const lastUserText = new Map<string, string>();
  const positions = new Map<string, number>();
  let undated = 0;
  let standalone = 0;

  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    const row = readRow(raw);
    if (row === null) continue;
    if (typeof row === 'string') {
      problems.push({ file: context.file, line, message: row });
      continue;
    }
    if (row.standalone) standalone++;
    const conversationId =
      row.conversation ?? (row.standalone ? `${context.conversationId}#l${line}` : context.conversationId);
    const turnIndex = positions.get(conversationId) ?? 0;
    positions.set(conversationId, turnIndex + 1);
    if (row.role === 'user') {
      lastUserText.set(conversationId, row.text);
      continue;
    }
    if (row.time === undefined) undated++;
    const previousUserText = row.prompt ?? lastUserText.get(conversationId);
    turns.push({
      site: row.site ?? context.site,
      conversationId,
      messageId: `l${line}`,
      turnIndex,
      role: 'assistant',
      text: row.text,
      ...(previousUserText === undefined ? {} : { previousUserText }),
      time: row.time ?? context.fallbackTime,
    });
  }
  return { format: 'jsonl', turns, problems, undated, standalone };
}
