import type { AnalysisResult, AnalyzeInput, ChatTurn, FootprintRecord } from '../../../wasm-core/types.ts';
import { conversationHistory } from '../../store/conversation-history.ts';
import type { CogfwDatabase } from '../../store/database.ts';
import { recordAnalysis, recordedTurn } from '../../store/record-analysis.ts';
import { createSerialQueue } from '../../store/serial-queue.ts';
import type { OffscreenAnalyzeReply } from './protocol.ts';

export interface TurnPipelineDeps {
  db: CogfwDatabase;
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  /** Read per turn, so a change in the options page applies to the next reply. */
  keepExcerpts(): Promise<boolean>;
  now?: () => number;
}

/**
 * Turn in, stored result out. The analysis gets the conversation's earlier recorded replies as history
 * (their outcomes only), so the contextual layer can see patterns across turns. Turns go through one at a time: the worker analyses one reply at a time
 * anyway, and a turn sent twice in a burst is then analysed once and found recorded the second time.
 */
export function createTurnPipeline(
  deps: TurnPipelineDeps,
): (turn: ChatTurn) => Promise<OffscreenAnalyzeReply> {
  const queue = createSerialQueue();
  const now = deps.now ?? Date.now;

  return (turn) =>
    queue.run(async () => {
      try {
        const existing = await recordedTurn(deps.db, turn);
        if (existing) return reply(existing, true);
        const history = await conversationHistory(deps.db, turn);
        const result = await deps.analyze({
          text: turn.text,
          previousUserText: turn.previousUserText,
          site: turn.site,
          history,
        });
        // A failed analysis is not a clean reply: record nothing, so the turn is analysed when next seen.
        if (result.error !== undefined) return { ok: false, error: result.error };
        const keepExcerpts = await deps.keepExcerpts();
        const outcome = await recordAnalysis(deps.db, turn, result, { keepExcerpts, now: now() });
        return reply(outcome.record, outcome.duplicate);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    });
}

function reply(record: FootprintRecord, duplicate: boolean): OffscreenAnalyzeReply {
  return { ok: true, key: record.key, level: record.level, findings: record.findings.length, duplicate };
}
