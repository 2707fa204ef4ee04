import { assistantId } from '../../../wasm-core/behaviour/assistant-id.ts';
import type {
  AssistantState,
  ProtectionLevelId,
  RulePack,
} from '../../../wasm-core/constitution/rule-pack.ts';
import type {
  AnalysisResult,
  AnalyzeInput,
  ChatTurn,
  ConstitutionContext,
  FootprintRecord,
} from '../../../wasm-core/types.ts';
import type { ReplyGuidance } from '../../messages.ts';
import { cleanModelName } from '../../site-adapters/model-name.ts';
import { conversationHistory } from '../../store/conversation-history.ts';
import type { CogfwDatabase } from '../../store/database.ts';
import { recordAnalysis, recordedTurn } from '../../store/record-analysis.ts';
import { createSerialQueue } from '../../store/serial-queue.ts';
import type { OffscreenAnalyzeReply } from './protocol.ts';
import { guidanceFromRecord, guidanceFromResult } from './reply-guidance.ts';

export interface TurnPipelineDeps {
  db: CogfwDatabase;
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  /** Settings are read per turn, so a change in the options page applies to the next reply. */
  keepExcerpts(): Promise<boolean>;
  protectionLevel(): Promise<ProtectionLevelId>;
  /** The user's personal constitution, evaluated with the shipped one; empty when there is none. */
  personalPacks(): Promise<readonly RulePack[]>;
  /** The drift state of an assistant (`site` or `site|model`), from the behavioural layer. */
  assistantState(assistant: string): Promise<AssistantState>;
  /** Hands a newly stored record to the behavioural layer. */
  recordDrift(record: FootprintRecord, now: number): Promise<void>;
  now?: () => number;
  /** Where a failure that must not fail the reply is reported. */
  warn?: (message: string) => void;
}

/**
 * Turn in, stored result and what the page should show out. The analysis gets the conversation's earlier
 * recorded replies as history (their outcomes only), so the contextual layer can see patterns across turns,
 * and the constitution's context: the protection level, the assistant's drift state and the personal rules.
 * Turns go through one at a time: the worker analyses one reply at a time anyway, and a turn sent twice in a
 * burst is then recorded once and found recorded the second time.
 *
 * A turn recorded before (a reload, a revisited conversation) is analysed again but never recorded again:
 * the record keeps no positions in the text, and the page should show what the CURRENT level makes of the
 * reply — the same rule as for a new reply — so a carer who raises the level sees older replies covered too.
 * Should that check fail, the page gets what the record says (its action and principles, no highlights).
 */
export function createTurnPipeline(
  deps: TurnPipelineDeps,
): (turn: ChatTurn) => Promise<OffscreenAnalyzeReply> {
  const queue = createSerialQueue();
  const now = deps.now ?? Date.now;
  const warn = deps.warn ?? ((message: string) => console.warn(message));

  async function constitutionContext(turn: ChatTurn): Promise<ConstitutionContext> {
    const assistant = assistantId(turn.site, cleanModelName(turn.model));
    const [level, assistantState, personalPacks] = await Promise.all([
      deps.protectionLevel(),
      deps.assistantState(assistant),
      deps.personalPacks(),
    ]);
    return { level, assistantState, personalPacks };
  }

  return (turn) =>
    queue.run(async () => {
      try {
        const existing = await recordedTurn(deps.db, turn);
        const [history, constitution] = await Promise.all([
          conversationHistory(deps.db, turn),
          constitutionContext(turn),
        ]);
        const input: AnalyzeInput = {
          text: turn.text,
          previousUserText: turn.previousUserText,
          site: turn.site,
          history,
          constitution,
        };
        if (existing) return reply(existing, true, await recheck(input, existing));
        const result = await deps.analyze(input);
        // A failed analysis is not a clean reply: record nothing, so the turn is analysed when next seen.
        if (result.error !== undefined) return { ok: false, error: result.error };
        const keepExcerpts = await deps.keepExcerpts();
        const time = now();
        const outcome = await recordAnalysis(deps.db, turn, result, { keepExcerpts, now: time });
        if (!outcome.duplicate) {
          // The record and its log entry are stored; drift bookkeeping failing must not lose the reply.
          await deps.recordDrift(outcome.record, time).catch((error: unknown) => {
            warn(`drift update failed: ${error instanceof Error ? error.message : String(error)}`);
          });
        }
        return reply(outcome.record, outcome.duplicate, guidanceFromResult(result, turn.text.length));
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    });

  async function recheck(input: AnalyzeInput, record: FootprintRecord): Promise<ReplyGuidance> {
    try {
      const result = await deps.analyze(input);
      if (result.error === undefined) return guidanceFromResult(result, input.text.length);
      warn(`re-checking a recorded reply failed: ${result.error}`);
    } catch (error) {
      warn(`re-checking a recorded reply failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return guidanceFromRecord(record);
  }
}

function reply(record: FootprintRecord, duplicate: boolean, guidance: ReplyGuidance): OffscreenAnalyzeReply {
  return {
    ok: true,
    key: record.key,
    level: record.level,
    findings: record.findings.length,
    duplicate,
    ...guidance,
  };
}
