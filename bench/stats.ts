export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/**
 * Runs every input through `fn`, pass after pass, for at least `warmMs` (at least one pass): V8 first runs
 * JavaScript and WebAssembly on baseline tiers and optimises hot code a little later, and the steady state
 * is what a long-running extension sees.
 */
export function warmUp<T>(inputs: readonly T[], fn: (input: T) => unknown, warmMs = 1000): void {
  const start = performance.now();
  do {
    for (const input of inputs) fn(input);
  } while (performance.now() - start < warmMs);
}

/** warmUp() for a function whose calls must be awaited one at a time. */
export async function warmUpAsync<T>(
  inputs: readonly T[],
  fn: (input: T) => Promise<unknown>,
  warmMs = 1000,
): Promise<void> {
  const start = performance.now();
  do {
    for (const input of inputs) await fn(input);
  } while (performance.now() - start < warmMs);
}

/** Calls `fn` on every input repeatedly for at least `minMs`, after a warm-up, and returns calls per second. */
export function callsPerSecond<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  minMs = 1500,
  warmMs = 1000,
): number {
  warmUp(inputs, fn, warmMs);
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const input of inputs) fn(input);
    rounds++;
    elapsed = performance.now() - start;
  }
  return (inputs.length * rounds) / (elapsed / 1000);
}

/** callsPerSecond() for a function whose calls must be awaited one at a time. */
export async function callsPerSecondAsync<T>(
  inputs: readonly T[],
  fn: (input: T) => Promise<unknown>,
  minMs = 1500,
  warmMs = 1000,
): Promise<number> {
  await warmUpAsync(inputs, fn, warmMs);
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const input of inputs) await fn(input);
    rounds++;
    elapsed = performance.now() - start;
  }
  return (inputs.length * rounds) / (elapsed / 1000);
}

/** A throughput two ways: the best round and the median round. */
export interface Throughput {
  best: number;
  median: number;
}

/**
 * Bytes (UTF-8) per second of each of `fns` over the texts, compared fairly on a shared machine: after a
 * warm-up, the functions take turns in slices of about `sliceMs`, each slice made of rounds (one pass over
 * every text), until each has run for at least `minMs`. Taking turns puts every function through the same
 * spells of load from other processes. The best round is the headline, as for the other benchmarks here
 * (best of N): on a machine shared with other tenants, a slower round says more about them than about the
 * code measured, and rounds on this one spread by a factor of two within a run. The median is given too.
 */
export function throughputs(
  inputs: readonly string[],
  fns: readonly ((text: string) => unknown)[],
  minMs = 2000,
  warmMs = 1000,
  sliceMs = 100,
): Throughput[] {
  const bytes = inputs.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  for (const fn of fns) warmUp(inputs, fn, warmMs);
  const rounds = fns.map(() => [] as number[]);
  const spent = fns.map(() => 0);
  while (spent.some((ms) => ms < minMs)) {
    fns.forEach((fn, k) => {
      const sliceStart = performance.now();
      do {
        const start = performance.now();
        for (const input of inputs) fn(input);
        rounds[k]?.push(performance.now() - start);
      } while (performance.now() - sliceStart < sliceMs);
      spent[k] = (spent[k] ?? 0) + performance.now() - sliceStart;
    });
  }
  return rounds.map((times) => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      best: bytes / ((sorted[0] as number) / 1000),
      median: bytes / (percentile(sorted, 50) / 1000),
    };
  });
}
