import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { BATCH_MAX_AGE_MS, batchRoot, entriesToSeal, sealBatch, verifyBatchSignature } from './batch.ts';
import { type LogEntry, nextEntry } from './log-entry.ts';
import { naiveMth } from './testing/naive-merkle.ts';
import { testKey } from './testing/sample-log.ts';

describe('entriesToSeal: every 100 entries or 1 hour, whichever first', () => {
  const t0 = 1_000_000;
  it.each([
    ['nothing pending', { count: 0, oldestTs: t0 }, t0 + 2 * BATCH_MAX_AGE_MS, 0],
    ['a few, young', { count: 5, oldestTs: t0 }, t0 + BATCH_MAX_AGE_MS - 1, 0],
    ['a few, an hour old', { count: 5, oldestTs: t0 }, t0 + BATCH_MAX_AGE_MS, 5],
    ['exactly 100', { count: 100, oldestTs: t0 }, t0, 100],
    ['a backlog after a crash', { count: 250, oldestTs: t0 }, t0, 100],
  ])('%s', (_, pending, now, expected) => {
    expect(entriesToSeal(pending, now)).toBe(expected);
  });
});

describe('sealBatch', () => {
  const entries: LogEntry[] = [];
  for (let i = 0; i < 7; i++) entries.push(nextEntry(entries.at(-1), 'analysis', { i }, i) as LogEntry);
  const key = testKey(3);

  it('signs the RFC 9162 root over the 32-byte entry hashes', () => {
    const batch = sealBatch(entries.slice(2, 7), 99, key);
    expect(batch).toMatchObject({ v: 1, first: 2, last: 6, size: 5, ts: 99, signer: key.publicKey });
    expect(batch.root).toBe(bytesToHex(naiveMth(entries.slice(2, 7).map((e) => hexToBytes(e.hash)))));
    expect(batch.root).toBe(batchRoot(entries.slice(2, 7).map((e) => e.hash)));
    expect(verifyBatchSignature(batch)).toBe(true);
    expect(verifyBatchSignature({ ...batch, ts: 100 })).toBe(false);
    expect(verifyBatchSignature({ ...batch, signer: testKey(4).publicKey })).toBe(false);
  });

  it('refuses empty, oversized and gapped ranges', () => {
    expect(() => sealBatch([], 1, key)).toThrow(/at least one/);
    expect(() => sealBatch([entries[0], entries[2]] as LogEntry[], 1, key)).toThrow(/consecutive/);
    const many = Array.from({ length: 101 }, (_, seq) => ({ seq, hash: 'a'.repeat(64) }));
    expect(() => sealBatch(many, 1, key)).toThrow(/at most 100/);
  });
});
