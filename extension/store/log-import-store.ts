import {
  type EnvelopeProblem,
  ExportEnvelopeError,
  isSealedExport,
  openExport,
} from '../../protocol/export-envelope.ts';
import type { LogEntry } from '../../protocol/log-entry.ts';
import { restoreExport } from '../../protocol/log-import.ts';
import { signingKeyFromSecret } from '../../protocol/signature.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import { forgetDeviceKey, rememberDeviceKey } from '../device-identity/device-key-store.ts';
import { encryptDeviceKey } from '../device-identity/secret-at-rest.ts';
import type { CogfwDatabase } from './database.ts';
import type { AnalysisLogBody } from './footprint-record.ts';
import { appendQueue } from './log-append.ts';

export type ImportProblem = EnvelopeProblem | 'invalid' | 'no-device-key' | 'not-fresh';

export class LogImportError extends Error {
  constructor(
    readonly problem: ImportProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LogImportError';
  }
}

export interface ImportLogOptions {
  passphrase?: string;
  now?: number;
}

export interface ImportOutcome {
  entries: number;
  batches: number;
  /** Entries whose body had been removed (deleted conversations). */
  redacted: number;
  /** Footprint rows rebuilt from the analysis entries (without excerpts: those are not in the log). */
  records: number;
}

/** A fresh profile has recorded nothing: its log holds at most its own key event, its footprint nothing. */
export async function isFresh(db: CogfwDatabase): Promise<boolean> {
  const [events, records] = await Promise.all([
    db.log.where('type').notEqual('key').count(),
    db.footprint.count(),
  ]);
  return events === 0 && records === 0;
}

const NOT_FRESH =
  'This profile already holds a record; an export can only be imported into a fresh one. Nothing was imported.';

/**
 * Restores an export onto a fresh profile, so that the record continues on this device: the next entry
 * links to the last imported one and the next batch follows the last imported batch.
 *
 * Only an export made with a passphrase can be imported, because only that one carries the device's secret
 * key. The record's key entries name the key in force, and a new key could take over only through a
 * rotation signed by that key: a device without it could append entries but never again sign a batch
 * that verifies. A plain export stays what it is for — verifiable by anyone — and is refused here with
 * that explanation.
 *
 * The whole file is verified before anything is written. The footprint is rebuilt from the analysis
 * entries' bodies, so the report works after the import; excerpts were never in the log and are gone, and
 * deleted conversations stay deleted (their entries have no body).
 */
export async function importLog(
  db: CogfwDatabase,
  bytes: Uint8Array,
  options: ImportLogOptions = {},
): Promise<ImportOutcome> {
  const now = options.now ?? Date.now();
  if (!(await isFresh(db))) throw new LogImportError('not-fresh', NOT_FRESH);
  const sealed = isSealedExport(bytes);
  let plain = bytes;
  if (sealed) {
    try {
      plain = openExport(bytes, options.passphrase);
    } catch (error) {
      if (error instanceof ExportEnvelopeError) throw new LogImportError(error.problem, error.message);
      throw error;
    }
  }
  const restored = restoreExport(plain, { sealed });
  if (!restored.ok) {
    const where = restored.line > 0 ? `line ${restored.line}: ` : '';
    throw new LogImportError(
      'invalid',
      `The file does not verify (${where}${restored.reason}). Nothing was imported.`,
    );
  }
  const { entries, batches, secretKey } = restored.log;
  if (!secretKey) {
    throw new LogImportError(
      'no-device-key',
      'This export holds no device key (it was made without a passphrase). It can be verified, but not ' +
        'restored: the record could not go on with its signatures intact. Export it again with a passphrase.',
    );
  }
  const key = signingKeyFromSecret(secretKey);
  const keyEntry = entries.findLast((entry) => entry.type === 'key');
  // WebCrypto before the transaction (see secret-at-rest.ts).
  const record = keyEntry ? await encryptDeviceKey(key, keyEntry.seq, now) : undefined;
  const records = footprintFromLog(entries);

  await appendQueue(db).run(() =>
    db.transaction('rw', [db.log, db.batches, db.deviceKeys, db.footprint, db.drift], async () => {
      if (!(await isFresh(db))) throw new LogImportError('not-fresh', NOT_FRESH);
      // The fresh profile's own key (made at install) gives way to the record's.
      await Promise.all([db.log.clear(), db.batches.clear(), db.deviceKeys.clear(), db.drift.clear()]);
      await db.log.bulkAdd(entries);
      await db.batches.bulkAdd(batches);
      if (record) await db.deviceKeys.add(record);
      await db.footprint.bulkPut(records);
    }),
  );
  // A record whose log never named a key leaves this profile to make its own at first use.
  if (record) rememberDeviceKey(db, key);
  else forgetDeviceKey(db);
  return {
    entries: entries.length,
    batches: batches.length,
    redacted: entries.filter((entry) => entry.body === null).length,
    records: records.length,
  };
}

function isAnalysisBody(body: unknown): body is AnalysisLogBody {
  if (typeof body !== 'object' || body === null) return false;
  const { key, site, conversationId, time, findings } = body as Record<string, unknown>;
  return (
    typeof key === 'string' &&
    typeof site === 'string' &&
    typeof conversationId === 'string' &&
    typeof time === 'number' &&
    Array.isArray(findings)
  );
}

/** The footprint rows the analysis entries commit to (a row is its entry's body plus excerpts). */
export function footprintFromLog(entries: readonly LogEntry[]): FootprintRecord[] {
  const rows = new Map<string, FootprintRecord>();
  for (const entry of entries) {
    if (entry.type === 'analysis' && isAnalysisBody(entry.body)) {
      rows.set(entry.body.key, { ...entry.body, excerpts: [] });
    }
  }
  return [...rows.values()];
}
