import { type VerifyVerdict, verifyExport } from '../../protocol/log-verify.ts';
import type { CogfwDatabase } from './database.ts';
import { UnsealableLogError } from './log-batches.ts';
import { exportLog, IncompleteLogError } from './log-export-store.ts';

/**
 * "Verify my record": the stored log exactly as an export would carry it (plain, without the secret key),
 * for the options page's verification worker to check with the same code as `cogfw verify`. Checking
 * the stored record through its export means the user sees the verdict a third party would reach.
 */
export function storedLogExport(db: CogfwDatabase, now: number = Date.now()): Promise<Uint8Array> {
  return exportLog(db, { now });
}

/**
 * The same verification in this context (tests, and callers that have no worker). A store that cannot even
 * be written as an export — an entry deleted, or unsealable — fails as a whole (line 0), saying why.
 */
export async function verifyStoredLog(db: CogfwDatabase, now: number = Date.now()): Promise<VerifyVerdict> {
  let bytes: Uint8Array;
  try {
    bytes = await storedLogExport(db, now);
  } catch (error) {
    if (error instanceof IncompleteLogError || error instanceof UnsealableLogError) {
      return { ok: false, line: 0, reason: error.message };
    }
    throw error;
  }
  return verifyExport(bytes);
}
