import type { LogEntry } from '../../protocol/log-entry.ts';
import type { AnalysisResult, ChatTurn, FootprintRecord } from '../../wasm-core/types.ts';
import type { CogfwDatabase } from './database.ts';
import {
  type AnalysisLogBody,
  analysisLogBody,
  type FootprintOptions,
  toFootprintRecord,
  turnKey,
} from './footprint-record.ts';
import { appendInTransaction, appendLogEntryInTransaction } from './log-append.ts';

export interface RecordOutcome {
  record: FootprintRecord;
  /** The log entry written for this analysis; null when the turn was already recorded. */
  entry: LogEntry<AnalysisLogBody> | null;
  duplicate: boolean;
}

/**
 * Writes the footprint row and its log entry in ONE transaction: both are there, or neither is — and the
 * batch the entry makes due, if any, is sealed in that same transaction.
 *
 * The log body is the record WITHOUT its excerpts. Excerpts are the only raw text we keep and they must be
 * deletable (after 30 days, or when the user turns them off) without touching the log; a body that held
 * them could only lose them through a redaction. The body therefore never holds more than the footprint,
 * and the log can be exported without carrying any of the conversation's words.
 */
export function recordAnalysis(
  db: CogfwDatabase,
  turn: ChatTurn,
  result: AnalysisResult,
  options: FootprintOptions & { now?: number },
): Promise<RecordOutcome> {
  const record = toFootprintRecord(turn, result, options);
  const ts = options.now ?? Date.now();
  return appendInTransaction(db, ts, [db.footprint], async (): Promise<RecordOutcome> => {
    const existing = await db.footprint.get(record.key);
    if (existing) return { record: existing, entry: null, duplicate: true };
    const entry = await appendLogEntryInTransaction(db, 'analysis', analysisLogBody(record), ts);
    await db.footprint.add(record);
    return { record, entry, duplicate: false };
  });
}

/** The stored record of a turn, if it was analysed before (a reload never counts a turn twice). */
export function recordedTurn(
  db: CogfwDatabase,
  turn: Pick<ChatTurn, 'site' | 'conversationId' | 'messageId'>,
): Promise<FootprintRecord | undefined> {
  return db.footprint.get(turnKey(turn));
}
