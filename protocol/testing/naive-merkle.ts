import { sha256 } from '@noble/hashes/sha2.js';

/**
 * RFC 9162 §2.1 written as literally as possible — recursion over leaf DATA, fresh concatenations, no
 * shared code with merkle.ts — so property tests can hold the fast implementation against the text.
 */

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function largestPowerOfTwoBelow(n: number): number {
  return 2 ** Math.floor(Math.log2(n - 1));
}

export function naiveMth(d: readonly Uint8Array[]): Uint8Array {
  const n = d.length;
  if (n === 0) return sha256(new Uint8Array(0));
  if (n === 1) return sha256(concat(Uint8Array.of(0), d[0] as Uint8Array));
  const k = largestPowerOfTwoBelow(n);
  return sha256(concat(Uint8Array.of(1), naiveMth(d.slice(0, k)), naiveMth(d.slice(k))));
}

/** PATH(m, D[n]). */
export function naivePath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  const n = d.length;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...naivePath(m, d.slice(0, k)), naiveMth(d.slice(k))];
  return [...naivePath(m - k, d.slice(k)), naiveMth(d.slice(0, k))];
}

function subproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return b ? [] : [naiveMth(d)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(m, d.slice(0, k), b), naiveMth(d.slice(k))];
  return [...subproof(m - k, d.slice(k), false), naiveMth(d.slice(0, k))];
}

/** PROOF(m, D[n]) for 0 < m ≤ n. */
export function naiveConsistency(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, d, true);
}
