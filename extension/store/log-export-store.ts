import { DEFAULT_SCRYPT, type ScryptParams, sealExport } from '../../protocol/export-envelope.ts';
import { exportBytes } from '../../protocol/log-export.ts';
import type { CogfwDatabase } from './database.ts';
import { sealPendingInTransaction } from './log-batches.ts';
import { withDeviceKey } from './log-sealing.ts';

export { importLog, LogImportError } from './log-import-store.ts';

/** The stored log cannot be written as an export: an entry is missing from the store. */
export class IncompleteLogError extends Error {
  constructor(readonly seq: number) {
    super(`entry ${seq} is missing from the stored log`);
    this.name = 'IncompleteLogError';
  }
}

export interface ExportLogOptions {
  /**
   * Wraps the export in a passphrase envelope (scrypt + XChaCha20-Poly1305) that also carries the device's
   * secret key, so that an import can continue the record. Without one (or with an empty one) the export is
   * plain JSON Lines: anyone can verify it, and it holds no secret — but it cannot be imported.
   */
  passphrase?: string;
  now?: number;
  /** scrypt cost of the envelope; the default is the protocol's. */
  scrypt?: ScryptParams;
}

/**
 * The whole stored record as one export file (protocol/log-export.ts). The pending tail is sealed first,
 * in the same transaction that reads the log, so the file is one consistent snapshot in which every entry
 * is in a signed batch. The header and trailer are signed with the key in force.
 */
export async function exportLog(db: CogfwDatabase, options: ExportLogOptions = {}): Promise<Uint8Array> {
  const now = options.now ?? Date.now();
  const passphrase = options.passphrase === '' ? undefined : options.passphrase;
  const snapshot = await withDeviceKey(db, now, [], async (signer) => {
    await sealPendingInTransaction(db, async () => signer, now, 'all');
    const entries = await db.log.orderBy('seq').toArray();
    const batches = await db.batches.orderBy('first').toArray();
    return { key: signer.key, entries, batches };
  });
  const gap = snapshot.entries.findIndex((entry, index) => entry.seq !== index);
  if (gap >= 0) throw new IncompleteLogError(gap);
  const plain = exportBytes({ ...snapshot, created: now, includeSecretKey: passphrase !== undefined });
  return passphrase === undefined ? plain : sealExport(plain, passphrase, options.scrypt ?? DEFAULT_SCRYPT);
}
