import { isTechniqueId, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { InputProblem } from './input-problem.ts';
import { parseJsonlRows } from './jsonl-rows.ts';
import { isRecord } from './parsed-chat.ts';

/** One labelled example for `cogfw eval`. */
export interface LabelledRow {
  /** The row's own id, else its 1-based line number. */
  id: string | number;
  line: number;
  text: string;
  labels: TechniqueId[];
  /** Techniques the row was labelled for; all when absent. */
  scope?: TechniqueId[];
}

function techniqueList(value: unknown, field: string): TechniqueId[] | string {
  if (!Array.isArray(value)) return `"${field}" must be an array of technique ids like "T01"`;
  const unknown = value.filter((item) => !isTechniqueId(item));
  if (unknown.length > 0)
    return `"${field}" holds unknown technique ids: ${unknown.map((u) => JSON.stringify(u)).join(', ')}`;
  return [...new Set(value as TechniqueId[])];
}

function readRow(raw: string, line: number): LabelledRow | string {
  let row: unknown;
  try {
    row = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (!isRecord(row)) return 'expected a JSON object {id?, text, labels, scope?}';
  if (typeof row.text !== 'string') return 'missing "text" (a string)';
  const labels = techniqueList(row.labels, 'labels');
  if (typeof labels === 'string') return labels;
  let scope: TechniqueId[] | undefined;
  if (row.scope !== undefined && row.scope !== null) {
    const parsed = techniqueList(row.scope, 'scope');
    if (typeof parsed === 'string') return parsed;
    const outside = labels.filter((label) => !parsed.includes(label));
    if (outside.length > 0) return `labels ${outside.join(', ')} are outside the row's "scope"`;
    scope = parsed;
  }
  let id: string | number = line;
  if (row.id !== undefined && row.id !== null) {
    if (typeof row.id !== 'string' && typeof row.id !== 'number') return '"id" must be a string or a number';
    id = row.id;
  }
  return { id, line, text: row.text, labels, ...(scope ? { scope } : {}) };
}

/**
 * Labelled JSONL rows `{id?, text, labels: ["T01", …], scope?: [...]}`. Every malformed row is reported;
 * the caller decides whether any problem is fatal (eval: it is, since figures over a silently reduced set
 * would mislead).
 */
export function parseLabelledRows(
  text: string,
  file: string,
): { rows: LabelledRow[]; problems: InputProblem[] } {
  return parseJsonlRows(text, file, readRow);
}
