import { type ChainVerdict, type LogEntry, verifyChain } from '../../protocol/log-entry.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import type { CogfwDatabase } from './database.ts';

/** Records of replies that finished in [from, to). */
export function recordsBetween(db: CogfwDatabase, from: number, to: number): Promise<FootprintRecord[]> {
  return db.footprint.where('time').between(from, to, true, false).toArray();
}

/** One assistant's records of replies that finished in [from, to), oldest first: one index range. */
export function assistantRecordsBetween(
  db: CogfwDatabase,
  assistant: string,
  from: number,
  to: number,
): Promise<FootprintRecord[]> {
  return db.footprint
    .where('[assistant+time]')
    .between([assistant, from], [assistant, to], true, false)
    .toArray();
}

export function logEntries(db: CogfwDatabase): Promise<LogEntry[]> {
  return db.log.orderBy('seq').toArray();
}

export function logSize(db: CogfwDatabase): Promise<number> {
  return db.log.count();
}

/** Reads the whole log in one snapshot and checks every link and hash. */
export function verifyStoredChain(db: CogfwDatabase): Promise<ChainVerdict> {
  return db.transaction('r', db.log, async () => verifyChain(await logEntries(db)));
}
