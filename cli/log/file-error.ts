import { CliError } from '../exit-codes.ts';

/** A file operation's error as a short reason, in the words `cogfw analyze` uses for chat files. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EEXIST') return 'it already exists';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

export function cannot(action: 'read' | 'write', path: string, error: unknown): CliError {
  return new CliError(`${path}: cannot ${action} (${fileErrorReason(error)})`);
}
