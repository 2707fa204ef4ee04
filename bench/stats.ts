export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/**
 * Runs `fn` over the inputs repeatedly for at least `minMs`, after a warm-up, and returns bytes/second. The
 * warm-up lasts `warmMs` (at least one pass): V8 first runs JavaScript and WebAssembly on baseline tiers and
 * optimises hot code a little later, and the steady state is what a long-running extension sees.
 */
export function throughput(
  inputs: readonly string[],
  fn: (text: string) => unknown,
  minMs = 1500,
  warmMs = 1000,
): number {
  const bytes = inputs.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  const warmStart = performance.now();
  do {
    for (const text of inputs) fn(text);
  } while (performance.now() - warmStart < warmMs);
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const text of inputs) fn(text);
    rounds++;
    elapsed = performance.now() - start;
  }
  return (bytes * rounds) / (elapsed / 1000);
}
