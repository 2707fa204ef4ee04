import { BATCH_MAX_ENTRIES, entriesToSeal, type LogBatch, sealBatch } from '../../protocol/batch.ts';
import type { LogEntry } from '../../protocol/log-entry.ts';
import type { SigningKey } from '../../protocol/signature.ts';
import type { CogfwDatabase } from './database.ts';

/** The key to sign with, and the seq of the key entry from which it is in force. */
export interface BatchSigner {
  key: SigningKey;
  since: number;
}

/**
 * 'due': the batching policy of SPEC §7 (every 100 entries or 1 hour, whichever first).
 * 'all': everything pending, in batches of up to 100 — before an export, and before a key rotation so
 * that every entry from before the rotation is signed by the key in force when it was written.
 */
export type SealMode = 'due' | 'all';

export class UnsealableLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsealableLogError';
  }
}

/** The first seq no batch covers yet. */
export async function firstUnsealedSeq(db: CogfwDatabase): Promise<number> {
  const lastBatch = await db.batches.orderBy('last').last();
  return lastBatch ? lastBatch.last + 1 : 0;
}

/**
 * Seals pending entries into signed batches. Must run inside a read-write transaction over the log and
 * the batches; everything it awaits is IndexedDB, and signing is synchronous, so the transaction stays open.
 * `signer` is asked only once a batch is due (reading the key costs a read the common append skips); when
 * it answers undefined nothing is sealed. Returns the batches written.
 *
 * A batch must be signed by the key in force after its last entry (protocol/log-verify.ts). A batch that
 * would end before the signer's key entry could not verify: in 'due' mode it is left for later, in 'all'
 * mode it is an error.
 */
export async function sealPendingInTransaction(
  db: CogfwDatabase,
  signer: () => Promise<BatchSigner | undefined>,
  now: number,
  mode: SealMode,
  /** The last entry of the log, when the caller has just written it. */
  lastEntry?: LogEntry,
): Promise<LogBatch[]> {
  const sealed: LogBatch[] = [];
  const last = lastEntry ?? (await db.log.orderBy('seq').last());
  if (!last) return sealed;
  let from = await firstUnsealedSeq(db);
  let resolved: BatchSigner | undefined;
  while (from <= last.seq) {
    const pending = last.seq - from + 1;
    let size = Math.min(pending, BATCH_MAX_ENTRIES);
    if (mode === 'due') {
      const oldest = await db.log.get(from);
      if (!oldest) throw new UnsealableLogError(`entry ${from} is missing from the stored log`);
      size = entriesToSeal({ count: pending, oldestTs: oldest.ts }, now);
      if (size === 0) break;
    }
    resolved ??= await signer();
    if (!resolved) break;
    const end = from + size - 1;
    if (end < resolved.since) {
      if (mode === 'due') break;
      throw new UnsealableLogError(
        `log entries ${from}–${end} were written before the device key's entry (seq ${resolved.since}) ` +
          'and cannot be signed by it',
      );
    }
    const entries = await db.log.where('seq').between(from, end, true, true).toArray();
    const gap = entries.findIndex((entry, i) => entry.seq !== from + i);
    if (gap >= 0 || entries.length !== size) {
      throw new UnsealableLogError(
        `entry ${from + (gap >= 0 ? gap : entries.length)} is missing from the stored log`,
      );
    }
    const batch = sealBatch(entries, now, resolved.key);
    await db.batches.add(batch);
    sealed.push(batch);
    from = end + 1;
  }
  return sealed;
}

/** Whether appending `adding` more entries at `now` would make a batch due. */
export async function batchDueAfter(db: CogfwDatabase, now: number, adding: number): Promise<boolean> {
  const from = await firstUnsealedSeq(db);
  const last = await db.log.orderBy('seq').last();
  const stored = last ? last.seq - from + 1 : 0;
  const count = stored + adding;
  if (count <= 0) return false;
  const oldestTs = stored > 0 ? ((await db.log.get(from))?.ts ?? now) : now;
  return entriesToSeal({ count, oldestTs }, now) > 0;
}
