import { Dexie } from 'dexie';
import { type LogEntry, type LogEntryType, nextEntry } from '../../protocol/log-entry.ts';
import type { CogfwDatabase } from './database.ts';
import { prepareSealing, sealDueInTransaction } from './log-sealing.ts';
import { createSerialQueue, type SerialQueue } from './serial-queue.ts';

const queues = new WeakMap<CogfwDatabase, SerialQueue>();

/**
 * Appends to the log go through one queue per connection, so this context never races itself. Across
 * contexts (offscreen document, options page) the guarantee is IndexedDB's: read-write transactions over
 * the log never overlap, and the last entry is read inside the transaction that writes the next one.
 */
export function appendQueue(db: CogfwDatabase): SerialQueue {
  let queue = queues.get(db);
  if (!queue) {
    queue = createSerialQueue();
    queues.set(db, queue);
  }
  return queue;
}

/**
 * Must run inside a read-write transaction that includes the log table. When the transaction also covers
 * the batches and the device keys (see `appendTables`), a batch the new entry makes due is sealed in it.
 */
export async function appendLogEntryInTransaction<Body>(
  db: CogfwDatabase,
  type: LogEntryType,
  body: Body,
  ts: number,
): Promise<LogEntry<Body>> {
  const transaction = Dexie.currentTransaction;
  if (transaction?.mode !== 'readwrite' || !transaction.storeNames.includes('log')) {
    throw new Error('log entries are appended only inside a read-write transaction over the log');
  }
  const last = await db.log.orderBy('seq').last();
  const entry = nextEntry(last, type, body, ts);
  // add, not put: should two writers ever compute the same seq, the second fails instead of overwriting.
  await db.log.add(entry);
  await sealDueInTransaction(db, ts, entry);
  return entry;
}

/** The tables an append's transaction covers so that it can seal a batch: log, batches, device keys. */
export function appendTables(db: CogfwDatabase): Dexie.Table[] {
  return [db.log, db.batches, db.deviceKeys];
}

/**
 * Runs `write` (which appends with appendLogEntryInTransaction) in this connection's queue, in one
 * read-write transaction over the log, the batch tables and `tables`, after loading the device key if the
 * append is about to make a batch due.
 */
export function appendInTransaction<T>(
  db: CogfwDatabase,
  ts: number,
  tables: readonly Dexie.Table[],
  write: () => Promise<T>,
): Promise<T> {
  return appendQueue(db).run(async () => {
    await prepareSealing(db, ts);
    return db.transaction('rw', [...appendTables(db), ...tables], write);
  });
}

/** Appends one entry on its own (settings changes and other events without a footprint row). */
export function appendLogEntry<Body>(
  db: CogfwDatabase,
  type: LogEntryType,
  body: Body,
  ts: number = Date.now(),
): Promise<LogEntry<Body>> {
  return appendInTransaction(db, ts, [], () => appendLogEntryInTransaction(db, type, body, ts));
}
