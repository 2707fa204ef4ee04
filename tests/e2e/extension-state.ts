import type { Page, Worker } from '@playwright/test';
import type { LogBatch } from '../../protocol/batch.ts';
import type { LogEntry } from '../../protocol/log-entry.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import type { LaunchedExtension } from './launch-extension.ts';

/** The few extension APIs the tests call inside the service worker (the Node side has no `chrome` types). */
declare const chrome: {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
};

/** The extension's database and its stores, as extension/store/database.ts defines them. */
const DATABASE_NAME = 'cogfw';

/**
 * The extension's service worker as it runs now. Chrome stops an idle worker and starts a new one on the
 * next event, so the handle from launch time may be gone.
 */
export async function liveServiceWorker(extension: LaunchedExtension): Promise<Worker> {
  const prefix = `chrome-extension://${extension.extensionId}/`;
  const running = extension.context.serviceWorkers().filter((worker) => worker.url().startsWith(prefix));
  return (
    running.at(-1) ??
    (await extension.context.waitForEvent('serviceworker', {
      predicate: (worker) => worker.url().startsWith(prefix),
      timeout: 10_000,
    }))
  );
}

/** The badge text the extension set for the tab showing `page`. */
export async function badgeText(extension: LaunchedExtension, page: Page): Promise<string> {
  const worker = await liveServiceWorker(extension);
  return worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((candidate) => candidate.url === url);
    if (tab?.id === undefined)
      throw new Error(`no tab shows ${url} (tabs: ${tabs.map((t) => t.url).join(', ')})`);
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, page.url());
}

/**
 * Every row of one store of the extension's IndexedDB, read in the service worker (same origin as the
 * offscreen document that writes it). An absent database reads as empty and is not created.
 */
async function readStore<Row>(extension: LaunchedExtension, store: string): Promise<Row[]> {
  const worker = await liveServiceWorker(extension);
  return worker.evaluate(
    async ({ name, store }) => {
      const databases = await indexedDB.databases();
      if (!databases.some((database) => database.name === name)) return [];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        if (!db.objectStoreNames.contains(store)) return [];
        return await new Promise<Row[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as Row[]);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DATABASE_NAME, store },
  );
}

export function readFootprint(extension: LaunchedExtension): Promise<FootprintRecord[]> {
  return readStore<FootprintRecord>(extension, 'footprint');
}

/** The log's signed batches in sequence order. */
export async function readBatches(extension: LaunchedExtension): Promise<LogBatch[]> {
  const batches = await readStore<LogBatch>(extension, 'batches');
  return batches.sort((a, b) => a.first - b.first);
}

/** The hash-chained log in sequence order (the store's key). */
export async function readLog(extension: LaunchedExtension): Promise<LogEntry[]> {
  const entries = await readStore<LogEntry>(extension, 'log');
  return entries.sort((a, b) => a.seq - b.seq);
}

/** Overwrites one stored entry from inside the extension, as something that rewrites history would. */
export async function rewriteLogEntry(
  extension: LaunchedExtension,
  seq: number,
  body: unknown,
): Promise<void> {
  const worker = await liveServiceWorker(extension);
  await worker.evaluate(
    async ({ seq, body }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('cogfw');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = db.transaction('log', 'readwrite').objectStore('log');
      await new Promise<void>((resolve, reject) => {
        const read = store.get(seq);
        read.onsuccess = () => {
          const write = store.put({ ...read.result, body });
          write.onsuccess = () => resolve();
          write.onerror = () => reject(write.error);
        };
        read.onerror = () => reject(read.error);
      });
      db.close();
    },
    { seq, body },
  );
}
