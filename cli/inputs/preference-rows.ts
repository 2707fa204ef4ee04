import type { InputProblem } from './input-problem.ts';
import { jsonErrorMessage } from './json-error.ts';
import { parseJsonlRows } from './jsonl-rows.ts';
import { isRecord } from './parsed-chat.ts';

/** One preference pair for `cogfw audit`. */
export interface PreferenceRow {
  line: number;
  prompt: string;
  chosen: string;
  rejected: string;
}

/**
 * A reply as preference sets write it: a string, or a list of `{role, content}` messages (the
 * conversation so far) whose last message is the assistant's reply. The reply is that last message.
 */
function replyText(value: unknown, field: string): string | { error: string } {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const last: unknown = value[value.length - 1];
    if (isRecord(last) && last.role === 'assistant' && typeof last.content === 'string') return last.content;
    return { error: `"${field}" is a list whose last entry is not {"role": "assistant", "content": "…"}` };
  }
  return { error: `"${field}" must be a string or a list of {role, content} messages` };
}

function readRow(raw: string, line: number): PreferenceRow | string {
  let row: unknown;
  try {
    row = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${jsonErrorMessage(error)})`;
  }
  if (!isRecord(row)) return 'expected a JSON object {prompt, chosen, rejected}';
  const missing = ['prompt', 'chosen', 'rejected'].filter(
    (key) => row[key] === undefined || row[key] === null,
  );
  if (missing.length > 0) return `missing ${missing.map((key) => `"${key}"`).join(', ')}`;
  if (typeof row.prompt !== 'string') return '"prompt" must be a string';
  const chosen = replyText(row.chosen, 'chosen');
  if (typeof chosen !== 'string') return chosen.error;
  const rejected = replyText(row.rejected, 'rejected');
  if (typeof rejected !== 'string') return rejected.error;
  return { line, prompt: row.prompt, chosen, rejected };
}

/** Preference JSONL rows; blank lines are allowed, every other malformed line is a problem. */
export function parsePreferenceRows(
  text: string,
  file: string,
): { rows: PreferenceRow[]; problems: InputProblem[] } {
  return parseJsonlRows(text, file, readRow);
}
