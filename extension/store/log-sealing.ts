import { Dexie } from 'dexie';
import type { LogBatch } from '../../protocol/batch.ts';
import type { LogEntry } from '../../protocol/log-entry.ts';
import type { SigningKey } from '../../protocol/signature.ts';
import { cachedDeviceKey, forgetDeviceKey, loadDeviceKey } from '../device-identity/device-key-store.ts';
import { DEVICE_KEY_ID, type StoredDeviceKey } from '../device-identity/stored-device-key.ts';
import type { CogfwDatabase } from './database.ts';
import { type BatchSigner, batchDueAfter, type SealMode, sealPendingInTransaction } from './log-batches.ts';

/**
 * When batches are sealed (SPEC §7: every 100 entries or 1 hour, whichever first):
 * - in the transaction of the append that makes one due (appendLogEntryInTransaction), when this context
 *   already holds the device key — decrypting it there is impossible, as WebCrypto would let the
 *   transaction commit; `prepareSealing` loads it before the transaction when a batch is about to be due;
 * - from a timer (the background's alarm), for a tail that grew old without further appends;
 * - before an export and before a key rotation, everything pending.
 */

/** The signer for a transaction over the log, the batches and the device keys: this context's copy of
 * the key, if it is still the stored one. */
async function currentSigner(
  db: CogfwDatabase,
  key: SigningKey | undefined,
): Promise<BatchSigner | undefined> {
  if (!key) return undefined;
  const stored: StoredDeviceKey | undefined = await db.deviceKeys.get(DEVICE_KEY_ID);
  if (stored?.publicKey !== key.publicKey) {
    // Rotated or replaced by an import in another context: reload before signing again.
    forgetDeviceKey(db);
    return undefined;
  }
  return { key, since: stored.since };
}

/**
 * Inside an append's transaction: seals what is due with the key this context holds. A transaction that
 * does not cover the batches and the device key, or a context that holds no key yet, seals nothing; the
 * next append or the timer does. Never fails the append: the entry matters more than its batch.
 */
export async function sealDueInTransaction(
  db: CogfwDatabase,
  now: number,
  lastEntry: LogEntry,
): Promise<LogBatch[]> {
  const transaction = Dexie.currentTransaction;
  const key = cachedDeviceKey(db);
  if (
    !key ||
    !transaction?.storeNames.includes('batches') ||
    !transaction.storeNames.includes('deviceKeys')
  ) {
    return [];
  }
  try {
    return await sealPendingInTransaction(db, () => currentSigner(db, key), now, 'due', lastEntry);
  } catch (error) {
    console.warn('log batch not sealed; it will be sealed later', error);
    return [];
  }
}

/**
 * Before an append's transaction: makes sure this context holds the device key if the append will make a
 * batch due, decrypting it (or, on a profile that has none yet, making it) now. A failure here is logged
 * and the append goes ahead.
 */
export async function prepareSealing(db: CogfwDatabase, now: number): Promise<void> {
  if (cachedDeviceKey(db)) return;
  try {
    if ((await db.deviceKeys.get(DEVICE_KEY_ID)) || (await batchDueAfter(db, now, 1))) {
      await loadDeviceKey(db, now);
    }
  } catch (error) {
    console.warn('the device key could not be loaded; batches will be sealed later', error);
  }
}

const ATTEMPTS = 3;

/**
 * Runs `work` in a read-write transaction over the log, the batches, the device keys and `tables`, with
 * the device key in force (loaded, or made, before the transaction). Retries when another context rotates
 * or replaces the key in between.
 */
export async function withDeviceKey<T>(
  db: CogfwDatabase,
  now: number,
  tables: readonly Dexie.Table[],
  work: (signer: BatchSigner) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const key = await loadDeviceKey(db, now);
    const outcome = await db.transaction('rw', [db.log, db.batches, db.deviceKeys, ...tables], async () => {
      const signer = await currentSigner(db, key);
      return signer ? { done: true as const, value: await work(signer) } : { done: false as const };
    });
    if (outcome.done) return outcome.value;
  }
  throw new Error('the device key kept changing; try again');
}

/** Seals the pending entries with the device key: what is due ('due', the timer) or everything ('all'). */
export async function sealPending(db: CogfwDatabase, now: number, mode: SealMode): Promise<LogBatch[]> {
  return withDeviceKey(db, now, [], (signer) => sealPendingInTransaction(db, async () => signer, now, mode));
}

/**
 * The timer's job: seals every batch that is due (a tail older than an hour, or a backlog of 100 or more
 * left by a crash or an append that could not seal). Returns how many batches were sealed; touches
 * nothing, not even the key, when none is due.
 */
export async function sealDueBatches(db: CogfwDatabase, now: number = Date.now()): Promise<number> {
  if (!(await batchDueAfter(db, now, 0))) return 0;
  return (await sealPending(db, now, 'due')).length;
}
