import type { CommandIo } from './command-io.ts';

/** A CommandIo that keeps what commands write, for in-process tests. */
export function captureIo(): CommandIo & { out(): string; err(): string } {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: false },
    out: () => stdout,
    err: () => stderr,
  };
}
