import { Dexie } from 'dexie';
import type { LogEntry } from '../../protocol/log-entry.ts';
import { planRedaction, type RedactionBody, UNREDACTABLE_TYPES } from '../../protocol/redaction.ts';
import type { CogfwDatabase } from './database.ts';
import { appendInTransaction, appendLogEntryInTransaction } from './log-append.ts';

export interface ConversationRedaction {
  /** Footprint rows deleted, excerpts and all. */
  records: number;
  /** Log entries whose body was removed. */
  redacted: number;
  /** The redaction entry that accounts for them; null when the log held nothing of the conversation. */
  entry: LogEntry<RedactionBody> | null;
}

/**
 * Deletes a conversation's data (SPEC §7): its footprint rows go, with their excerpts; its log entries
 * lose their bodies but keep their hashes, and a redaction entry names them — all in one transaction. The
 * chain and every batch still verify, and a verifier counts the redacted entries.
 */
export function redactConversation(
  db: CogfwDatabase,
  site: string,
  conversationId: string,
  now: number = Date.now(),
): Promise<ConversationRedaction> {
  return appendInTransaction(db, now, [db.footprint], async () => {
    const keys = await db.footprint
      .where('[site+conversationId+turnIndex]')
      .between([site, conversationId, Dexie.minKey], [site, conversationId, Dexie.maxKey], true, true)
      .primaryKeys();
    await db.footprint.bulkDelete(keys);
    const entries = (
      await db.log.where('[body.site+body.conversationId]').equals([site, conversationId]).toArray()
    ).filter((entry) => entry.body !== null && !UNREDACTABLE_TYPES.includes(entry.type));
    if (entries.length === 0) return { records: keys.length, redacted: 0, entry: null };
    const plan = planRedaction(entries, 'conversation_deleted');
    await db.log.bulkPut(plan.redacted);
    const entry = await appendLogEntryInTransaction(db, 'redaction', plan.body, now);
    return { records: keys.length, redacted: entries.length, entry };
  });
}
