import type { ChatTurn, RiskLevel } from '../wasm-core/types.ts';

/**
 * Content script → background. The content script sends one message per completed assistant turn; the
 * background has it analysed and recorded, and answers with the outcome so the page can be marked.
 */
export const ANALYZE_TURN = 'cogfw:analyze-turn';

export interface AnalyzeTurnMessage {
  type: typeof ANALYZE_TURN;
  turn: ChatTurn;
}

export type AnalyzeTurnReply =
  | {
      ok: true;
      level: RiskLevel;
      /** Number of techniques found in the reply. */
      findings: number;
    }
  | { ok: false; error: string };

const RISK_LEVELS: readonly string[] = ['none', 'low', 'medium', 'high'] satisfies readonly RiskLevel[];

export function analyzeTurnMessage(turn: ChatTurn): AnalyzeTurnMessage {
  return { type: ANALYZE_TURN, turn };
}

/** Shape check only; the receiver validates the turn's fields before analysing it. */
export function isAnalyzeTurnMessage(message: unknown): message is AnalyzeTurnMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === ANALYZE_TURN && typeof m.turn === 'object' && m.turn !== null;
}

export function isAnalyzeTurnReply(reply: unknown): reply is AnalyzeTurnReply {
  if (typeof reply !== 'object' || reply === null) return false;
  const r = reply as Record<string, unknown>;
  if (r.ok === false) return typeof r.error === 'string';
  return (
    r.ok === true &&
    typeof r.level === 'string' &&
    RISK_LEVELS.includes(r.level) &&
    typeof r.findings === 'number'
  );
}
