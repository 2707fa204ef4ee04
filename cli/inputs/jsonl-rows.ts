import type { InputProblem } from './input-problem.ts';

/**
 * The rows of a JSON Lines file, each read by `readRow` (a row, or a message saying what is wrong with it).
 * Blank lines are allowed; every malformed line becomes a problem naming its 1-based line, and the caller
 * decides whether any problem is fatal.
 */
export function parseJsonlRows<Row>(
  text: string,
  file: string,
  readRow: (raw: string, line: number) => Row | string,
): { rows: Row[]; problems: InputProblem[] } {
  const rows: Row[] = [];
  const problems: InputProblem[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    const row = readRow(raw, line);
    if (typeof row === 'string') problems.push({ file, line, message: row });
    else rows.push(row);
  }
  return { rows, problems };
}
