import type { LogEntry } from '../../protocol/log-entry.ts';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/**
 * The floor for the log's append path: the same entries, already hashed, each put with the bare IndexedDB
 * API in a read-write transaction of its own, one after the other, as the store writes them. No Dexie, no
 * reading of the previous entry, no hashing, no batches. Returns the milliseconds the puts took.
 */
export async function putEntriesRaw(databaseName: string, entries: readonly LogEntry[]): Promise<number> {
  const open = indexedDB.open(databaseName, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('log', { keyPath: 'seq' });
  const db = await request(open);
  try {
    const start = performance.now();
    for (const entry of entries) {
      const transaction = db.transaction('log', 'readwrite');
      transaction.objectStore('log').put(entry);
      await done(transaction);
    }
    return performance.now() - start;
  } finally {
    db.close();
    await request(indexedDB.deleteDatabase(databaseName));
  }
}
