/** Where a command writes; process streams in the CLI, buffers in tests. */
export interface CommandIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
}

export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
