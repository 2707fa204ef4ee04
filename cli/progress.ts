import { Presets, SingleBar } from 'cli-progress';
import type { CommandIo } from './command-io.ts';

/** Inputs at or under this many items finish too fast for a bar to help. */
export const PROGRESS_MIN_ITEMS = 200;

export interface Progress {
  advance(by: number): void;
  stop(): void;
}

/** A progress bar on stderr for long runs, only when stderr is a terminal (never in pipes, logs or tests). */
export function startProgress(io: CommandIo, total: number, label: string): Progress {
  if (total <= PROGRESS_MIN_ITEMS || !io.stderr.isTTY) return { advance() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: io.stderr as NodeJS.WritableStream,
      clearOnComplete: true,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    advance: (by) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
