import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { LogEntry } from './log-entry.ts';
import { leafHash, rootFromLeafHashes } from './merkle.ts';
import { type SignatureDomain, type SigningKey, signValue, verifyValue } from './signature.ts';

/**
 * A signed batch of the log (SPEC §7): the RFC 9162 Merkle root over the hashes of entries first…last
 * (each leaf's data is the 32-byte entry hash), signed with the device key.
 *
 * Signed message: "cogfw/batch/v1\n" + RFC 8785 JSON of { v, first, last, size, root, ts, signer }.
 * Because every entry's hash covers the one before it, a batch also vouches, through entry `first`'s
 * `prev`, for everything earlier in the chain.
 */
export interface LogBatch {
  v: 1;
  /** seq of the first entry covered. */
  first: number;
  /** seq of the last entry covered. */
  last: number;
  /** last − first + 1, stated so a reader knows the tree's size without counting. */
  size: number;
  /** Merkle root, hex. */
  root: string;
  /** When the batch was sealed, milliseconds since the epoch. */
  ts: number;
  /** Device public key (Ed25519, hex) that signed it. */
  signer: string;
  signature: string;
}

export const BATCH_DOMAIN: SignatureDomain = 'cogfw/batch/v1';
export const BATCH_MAX_ENTRIES = 100;
export const BATCH_MAX_AGE_MS = 60 * 60 * 1000;

/** What the store knows about entries not yet in a batch. */
export interface PendingEntries {
  count: number;
  /** ts of the oldest entry not yet in a batch. */
  oldestTs: number;
}

/**
 * The batching policy, "every 100 entries or 1 hour, whichever first": how many of the pending entries
 * to seal into a batch now (0 = none). Call it after every append and from a timer; call it again after
 * sealing, since a backlog (say after a crash) is sealed 100 at a time.
 */
export function entriesToSeal(pending: PendingEntries, now: number): number {
  if (pending.count <= 0) return 0;
  if (pending.count >= BATCH_MAX_ENTRIES) return BATCH_MAX_ENTRIES;
  return now - pending.oldestTs >= BATCH_MAX_AGE_MS ? pending.count : 0;
}

export function batchSignedFields(batch: Omit<LogBatch, 'signature'>): Omit<LogBatch, 'signature'> {
  const { v, first, last, size, root, ts, signer } = batch;
  return { v, first, last, size, root, ts, signer };
}

export function batchRoot(entryHashes: readonly string[]): string {
  return bytesToHex(rootFromLeafHashes(entryHashes.map((hash) => leafHash(hexToBytes(hash)))));
}

/** Seals consecutive entries (in seq order) into a signed batch. */
export function sealBatch(
  entries: readonly Pick<LogEntry, 'seq' | 'hash'>[],
  ts: number,
  key: SigningKey,
): LogBatch {
  const first = entries[0];
  const lastEntry = entries.at(-1);
  if (!first || !lastEntry) throw new RangeError('a batch covers at least one entry');
  if (entries.length > BATCH_MAX_ENTRIES) {
    throw new RangeError(`a batch covers at most ${BATCH_MAX_ENTRIES} entries`);
  }
  entries.forEach((entry, i) => {
    if (entry.seq !== first.seq + i) throw new RangeError('a batch covers consecutive entries');
  });
  const fields = {
    v: 1 as const,
    first: first.seq,
    last: lastEntry.seq,
    size: entries.length,
    root: batchRoot(entries.map((e) => e.hash)),
    ts,
    signer: key.publicKey,
  };
  return { ...fields, signature: signValue(BATCH_DOMAIN, fields, key.secretKey) };
}

export function verifyBatchSignature(batch: LogBatch): boolean {
  return verifyValue(BATCH_DOMAIN, batchSignedFields(batch), batch.signature, batch.signer);
}
