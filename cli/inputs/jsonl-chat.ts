import type { ChatTurn } from '../../wasm-core/types.ts';
import type { InputProblem } from './input-problem.ts';
import { isRecord, type ParseContext, type ParsedChat } from './parsed-chat.ts';
import { parseTimeValue } from './time-value.ts';

/** Roles that appear in chat logs but carry nothing to analyse; skipped without complaint. */
const IGNORED_ROLES = new Set(['system', 'tool', 'function', 'developer']);

interface ChatRow {
  role: 'user' | 'assistant';
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
  const { role, text, conversation, site } = row;
  if (typeof role !== 'string') return 'missing "role" (user or assistant)';
  if (IGNORED_ROLES.has(role)) return null;
  if (role !== 'user' && role !== 'assistant') return `unknown role "${role}" (expected user or assistant)`;
  if (typeof text !== 'string') return 'missing "text" (a string)';
  const result: ChatRow = { role, text };
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
 * A malformed row (not JSON, unknown role, no text, bad time) is reported with its line number and
 * skipped, so one bad line does not lose the rest of the file. Blank lines and system/tool rows are ignored.
 */
export function parseJsonlChat(text: string, context: ParseContext): ParsedChat {
  const turns: ChatTurn[] = [];
  const problems: InputProblem[] = [];
  const lastUserText = new Map<string, string>();
  const positions = new Map<string, number>();
  let undated = 0;

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
    const conversationId = row.conversation ?? context.conversationId;
    const turnIndex = positions.get(conversationId) ?? 0;
    positions.set(conversationId, turnIndex + 1);
    if (row.role === 'user') {
      lastUserText.set(conversationId, row.text);
      continue;
    }
    if (row.time === undefined) undated++;
    const previousUserText = lastUserText.get(conversationId);
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
  return { format: 'jsonl', turns, problems, undated };
}
