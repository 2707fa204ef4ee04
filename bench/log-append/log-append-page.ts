import { loadDeviceKey } from '../../extension/device-identity/device-key-store.ts';
import { CogfwDatabase } from '../../extension/store/database.ts';
import { appendLogEntry } from '../../extension/store/log-append.ts';
import { nextEntry } from '../../protocol/log-entry.ts';
import { sampleAnalysisBody } from '../../protocol/testing/sample-log.ts';
import { putEntriesRaw } from '../baselines/raw-indexeddb-put.ts';

/**
 * Runs in a Chromium page (bundled by log-append.bench.ts): the extension's append path into a fresh
 * IndexedDB database, and the raw-put baseline, on the same analysis bodies.
 */

export interface StoreRound {
  ms: number;
  entries: number;
  batches: number;
}

/**
 * `count` appends through the store, each in its own transaction and awaited before the next, as the
 * extension records replies: read the last entry, hash, add, and every 100th entry seal and sign a batch
 * in the same transaction. The device key is made (and decrypted into memory) before the clock starts.
 */
async function storeRound(count: number): Promise<StoreRound> {
  const db = new CogfwDatabase(`cogfw-bench-${crypto.randomUUID()}`);
  try {
    await loadDeviceKey(db);
    const start = performance.now();
    for (let i = 0; i < count; i++) await appendLogEntry(db, 'analysis', sampleAnalysisBody(i), Date.now());
    const ms = performance.now() - start;
    return { ms, entries: await db.log.count(), batches: await db.batches.count() };
  } finally {
    db.close();
    await db.delete();
  }
}

/** The same bodies as entries of a chain, hashed before the clock starts, put raw. */
async function rawRound(count: number): Promise<number> {
  const entries = [];
  let last: ReturnType<typeof nextEntry> | undefined;
  for (let i = 0; i < count; i++) {
    last = nextEntry(last, 'analysis', sampleAnalysisBody(i), Date.now());
    entries.push(last);
  }
  return putEntriesRaw(`cogfw-bench-raw-${crypto.randomUUID()}`, entries);
}

(globalThis as { cogfwLogAppendBench?: unknown }).cogfwLogAppendBench = { storeRound, rawRound };
