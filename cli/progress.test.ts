import { describe, expect, it } from 'vitest';
import type { CommandIo } from './command-io.ts';
import { PROGRESS_MIN_ITEMS, startProgress } from './progress.ts';

function io(isTTY: boolean): CommandIo & { written: () => string } {
  let written = '';
  const stderr = {
    isTTY,
    columns: 100,
    write: (chunk: string) => {
      written += chunk;
      return true;
    },
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
  };
  return { stdout: { write: () => true }, stderr, written: () => written };
}

describe('startProgress', () => {
  it.each([
    [true, PROGRESS_MIN_ITEMS + 1, true],
    [true, PROGRESS_MIN_ITEMS, false],
    [false, 10_000, false],
  ])('stderr TTY %s with %i items draws a bar: %s', (tty, total, drawn) => {
    const target = io(tty);
    const progress = startProgress(target, total, 'Analysing');
    progress.advance(total);
    progress.stop();
    expect(target.written().includes('Analysing')).toBe(drawn);
  });
});
