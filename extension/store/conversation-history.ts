import { Dexie } from 'dexie';
import { HISTORY_WINDOW, turnSummary } from '../../wasm-core/context/history.ts';
import type { ChatTurn, TurnSummary } from '../../wasm-core/types.ts';
import type { CogfwDatabase } from './database.ts';

/**
 * The recorded replies before `turn` in its conversation, oldest first, at most `limit` of them: the
 * history the contextual layer reads. One bounded index range, read newest first so a long conversation
 * costs no more than a short one.
 */
export async function conversationHistory(
  db: CogfwDatabase,
  turn: Pick<ChatTurn, 'site' | 'conversationId' | 'turnIndex'>,
  limit: number = HISTORY_WINDOW,
): Promise<TurnSummary[]> {
  const earlier = await db.footprint
    .where('[site+conversationId+turnIndex]')
    .between(
      [turn.site, turn.conversationId, Dexie.minKey],
      [turn.site, turn.conversationId, turn.turnIndex],
      true,
      false,
    )
    .reverse()
    .limit(limit)
    .toArray();
  return earlier.reverse().map(turnSummary);
}
