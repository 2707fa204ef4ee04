import type { Page } from '@playwright/test';
import type { DriftRow } from '../../extension/behaviour/drift-row.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';

/** The extension's database, as extension/store/database.ts names it. */
const DATABASE_NAME = 'cogfw';

/**
 * Writes footprint rows straight into the extension's IndexedDB from one of its own pages (same origin as
 * the offscreen document that normally writes them). The page must have opened the database first (the
 * popup does), so the schema is the extension's current one.
 */
export async function seedFootprint(page: Page, records: readonly FootprintRecord[]): Promise<void> {
  await page.evaluate(
    async ({ name, records }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        if (!db.objectStoreNames.contains('footprint'))
          throw new Error('the extension has not created its database yet');
        await new Promise<void>((resolve, reject) => {
          const transaction = db.transaction('footprint', 'readwrite');
          const store = transaction.objectStore('footprint');
          for (const record of records) store.put(record);
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        });
      } finally {
        db.close();
      }
    },
    { name: DATABASE_NAME, records },
  );
}

/** Every assistant's drift row, read from an extension page. */
export function readDriftRows(page: Page): Promise<DriftRow[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('drift')) return [];
      return await new Promise<DriftRow[]>((resolve, reject) => {
        const request = db.transaction('drift', 'readonly').objectStore('drift').getAll();
        request.onsuccess = () => resolve(request.result as DriftRow[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, DATABASE_NAME);
}
