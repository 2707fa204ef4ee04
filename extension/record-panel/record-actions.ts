import type { VerifyRecord } from '../log-verification/log-verify-client.ts';

/** What an import restored, as the store reports it. */
export interface ImportedRecord {
  entries: number;
  batches: number;
  redacted: number;
}

/**
 * What the record panel does to the record, bound to a database by the page (and replaced by stand-ins in
 * tests). Reading is done by live queries on the database itself; these are the writes and the long jobs.
 */
export interface RecordActions {
  /** The stored log as an export file, sealed when a passphrase is given. */
  exportLog(options: { passphrase?: string; now: number }): Promise<Uint8Array>;
  /** Restores an export onto a fresh profile; refuses otherwise. */
  importLog(bytes: Uint8Array, options: { passphrase?: string; now: number }): Promise<ImportedRecord>;
  /**
   * Deletes a conversation's data: its footprint rows go, its log entries lose their bodies and a redaction
   * entry names them. Says how many of each.
   */
  redactConversation(
    site: string,
    conversationId: string,
    now: number,
  ): Promise<{ records: number; redacted: number }>;
  /** Verifies export bytes away from the page (the verification worker). */
  verify: VerifyRecord;
  /** Offers bytes to the user as a file download. */
  download(bytes: Uint8Array, fileName: string): void;
  now(): number;
}
