import { hexToBytes } from '@noble/hashes/utils.js';
import type { LogBatch } from './batch.ts';
import type { LogEntry } from './log-entry.ts';
import { exportRecords } from './log-export-records.ts';
import { type VerifyFailure, verifyExportLines } from './log-verify.ts';

/** What an import restores: the log as stored, and the device key when the export carried it. */
export interface RestoredLog {
  devicePublicKey: string;
  created: number;
  /** The Ed25519 seed, present only in a sealed export made with includeSecretKey. */
  secretKey: Uint8Array | undefined;
  entries: LogEntry[];
  batches: LogBatch[];
}

/**
 * Verifies an export's plain lines and, when they hold, returns the log to store in their place. New
 * entries continue the chain from the last one (`nextEntry(entries.at(-1), …)`), and new batches start
 * after the last batch. Nothing is restored from an export that does not verify.
 */
export function restoreExport(
  plain: Uint8Array,
  options: { sealed?: boolean } = {},
): { ok: true; log: RestoredLog } | VerifyFailure {
  const verdict = verifyExportLines(plain, options);
  if (!verdict.ok) return verdict;
  const log: RestoredLog = {
    devicePublicKey: verdict.devicePublicKey,
    created: verdict.created,
    secretKey: undefined,
    entries: [],
    batches: [],
  };
  for (const record of exportRecords(plain)) {
    if (record.kind === 'entry') log.entries.push(record.entry);
    else if (record.kind === 'batch') log.batches.push(record.batch);
    else if (record.kind === 'secret-key') log.secretKey = hexToBytes(record.secretKey);
  }
  return { ok: true, log };
}
