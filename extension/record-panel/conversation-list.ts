import type { FootprintRecord } from '../../wasm-core/types.ts';
import type { CogfwDatabase } from '../store/database.ts';

/** One conversation as the footprint knows it: which site, which conversation, when, how many replies. */
export interface ConversationFootprint {
  site: string;
  conversationId: string;
  /** Times of the first and the last analysed reply (milliseconds since the epoch). */
  first: number;
  last: number;
  replies: number;
}

/** The conversations in the footprint, the most recently active first. */
export function conversationsOf(
  records: Iterable<Pick<FootprintRecord, 'site' | 'conversationId' | 'time'>>,
): ConversationFootprint[] {
  const byKey = new Map<string, ConversationFootprint>();
  for (const { site, conversationId, time } of records) {
    const key = JSON.stringify([site, conversationId]);
    const known = byKey.get(key);
    if (known) {
      known.first = Math.min(known.first, time);
      known.last = Math.max(known.last, time);
      known.replies++;
    } else {
      byKey.set(key, { site, conversationId, first: time, last: time, replies: 1 });
    }
  }
  return [...byKey.values()].sort(
    (a, b) =>
      b.last - a.last || a.site.localeCompare(b.site) || a.conversationId.localeCompare(b.conversationId),
  );
}

/** The footprint's conversations, read in one pass (the query a live list runs). */
export async function readConversations(db: CogfwDatabase): Promise<ConversationFootprint[]> {
  const records: Pick<FootprintRecord, 'site' | 'conversationId' | 'time'>[] = [];
  await db.footprint.each(({ site, conversationId, time }) => {
    records.push({ site, conversationId, time });
  });
  return conversationsOf(records);
}
