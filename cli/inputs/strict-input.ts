import { readFile } from 'node:fs/promises';
import type { CommandIo } from '../command-io.ts';
import { CliError } from '../exit-codes.ts';
import { formatProblem, type InputProblem } from './input-problem.ts';

/** How many problems a command lists before summing up the rest. */
const MAX_LISTED_PROBLEMS = 20;

/** A whole input file as text, or a CliError saying why it cannot be read. */
export async function readInputText(file: string, what = ''): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`${file}: cannot read${what ? ` ${what}` : ''} (${reason})`);
  }
}

/**
 * For commands whose figures would mislead over a silently reduced set (eval, audit, check): lists the
 * problems on stderr and fails naming the first line.
 */
export function requireEveryRow(
  problems: readonly InputProblem[],
  file: string,
  command: string,
  io: CommandIo,
): void {
  const [first] = problems;
  if (!first) return;
  for (const problem of problems.slice(0, MAX_LISTED_PROBLEMS)) {
    io.stderr.write(`cogfw: ${formatProblem(problem)}\n`);
  }
  if (problems.length > MAX_LISTED_PROBLEMS) {
    io.stderr.write(`cogfw: … and ${problems.length - MAX_LISTED_PROBLEMS} more\n`);
  }
  throw new CliError(
    problems.length === 1
      ? `${formatProblem(first)}; ${command} needs every row`
      : `${file}: ${problems.length} malformed rows (first at line ${first.line}); ${command} needs every row`,
  );
}
