import type { CogfwDatabase } from './database.ts';

export const EXCERPT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes the excerpts of replies older than 30 days (SPEC §7), keeping the rest of each record. The log
 * is untouched: its bodies never held excerpts. Returns how many records lost their excerpts.
 */
export function deleteExpiredExcerpts(db: CogfwDatabase, now: number = Date.now()): Promise<number> {
  return db.footprint
    .where('time')
    .below(now - EXCERPT_RETENTION_MS)
    .filter((record) => record.excerpts.length > 0)
    .modify((record) => {
      record.excerpts = [];
    });
}

/** Deletes every excerpt (the user turned excerpts off). Returns how many records lost their excerpts. */
export function deleteAllExcerpts(db: CogfwDatabase): Promise<number> {
  return db.footprint
    .filter((record) => record.excerpts.length > 0)
    .modify((record) => {
      record.excerpts = [];
    });
}
