export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/**
 * Calls `fn` on every input repeatedly for at least `minMs`, after a warm-up, and returns calls per second.
 * The warm-up lasts `warmMs` (at least one pass): V8 first runs JavaScript and WebAssembly on baseline tiers
 * and optimises hot code a little later, and the steady state is what a long-running extension sees.
 */
export function callsPerSecond<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  minMs = 1500,
  warmMs = 1000,
): number {
  const warmStart = performance.now();
  do {
    for (const input of inputs) fn(input);
  } while (performance.now() - warmStart < warmMs);
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

/** Bytes (UTF-8) per second of `fn` over the texts, measured as callsPerSecond() does. */
export function throughput(
  inputs: readonly string[],
  fn: (text: string) => unknown,
  minMs = 1500,
  warmMs = 1000,
): number {
  const bytes = inputs.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  return (callsPerSecond(inputs, fn, minMs, warmMs) * bytes) / inputs.length;
}
