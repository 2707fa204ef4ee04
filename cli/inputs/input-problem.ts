/** A part of an input file that could not be used; reported to the user and skipped. */
export interface InputProblem {
  file: string;
  /** 1-based line for line-oriented files. */
  line?: number;
  /** Where in a structured file, e.g. `conversation 3 ("Trip plans")`. */
  where?: string;
  message: string;
}

export function formatProblem(problem: InputProblem): string {
  if (problem.line !== undefined) return `${problem.file}:${problem.line}: ${problem.message}`;
  if (problem.where !== undefined) return `${problem.file}: ${problem.where}: ${problem.message}`;
  return `${problem.file}: ${problem.message}`;
}
