import type { ChatTurn, RiskLevel } from '../../../wasm-core/types.ts';
import { isReplyGuidance, type ReplyGuidance } from '../../messages.ts';

/**
 * Background ↔ offscreen document. runtime.sendMessage reaches every extension page, and a content
 * script's message reaches the offscreen document too; the target field keeps each side answering only
 * the messages meant for it.
 */
export const OFFSCREEN_TARGET = 'cogfw-offscreen';

export interface OffscreenAnalyzeRequest {
  target: typeof OFFSCREEN_TARGET;
  type: 'cogfw:offscreen-analyze';
  turn: ChatTurn;
}

export type OffscreenAnalyzeReply =
  | ({
      ok: true;
      /** Footprint key of the turn. */
      key: string;
      level: RiskLevel;
      /** Techniques found in the reply. */
      findings: number;
      /** The turn had been recorded before; nothing new was written. */
      duplicate: boolean;
    } & ReplyGuidance)
  | { ok: false; error: string };

export function offscreenAnalyzeRequest(turn: ChatTurn): OffscreenAnalyzeRequest {
  return { target: OFFSCREEN_TARGET, type: 'cogfw:offscreen-analyze', turn };
}

export function isOffscreenAnalyzeRequest(message: unknown): message is OffscreenAnalyzeRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<OffscreenAnalyzeRequest>;
  return (
    m.target === OFFSCREEN_TARGET && m.type === 'cogfw:offscreen-analyze' && checkChatTurn(m.turn) === null
  );
}

export function isOffscreenAnalyzeReply(message: unknown): message is OffscreenAnalyzeReply {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (m.ok === false) return typeof m.error === 'string';
  return (
    m.ok === true &&
    typeof m.key === 'string' &&
    typeof m.level === 'string' &&
    typeof m.findings === 'number' &&
    typeof m.duplicate === 'boolean' &&
    isReplyGuidance(m)
  );
}

/** Max length of a reply we accept over messaging; the analyzer itself truncates far earlier, with a note. */
export const MAX_TURN_TEXT = 1_000_000;
/** A model label longer than this is not a model name (the store keeps at most 64 characters of one). */
export const MAX_MODEL_LABEL = 200;

/**
 * What is wrong with a turn received over messaging, or null when it is a well-formed assistant turn.
 * Only the extension's own content scripts can send it, but a page can still feed them odd DOM.
 */
export function checkChatTurn(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'turn is not an object';
  const turn = value as Record<string, unknown>;
  for (const field of ['site', 'conversationId', 'messageId'] as const) {
    if (typeof turn[field] !== 'string' || turn[field] === '')
      return `turn.${field} must be a non-empty string`;
  }
  if (!Number.isInteger(turn.turnIndex) || (turn.turnIndex as number) < 0) {
    return 'turn.turnIndex must be a non-negative integer';
  }
  if (turn.role !== 'assistant') return 'only assistant turns are analysed';
  if (typeof turn.text !== 'string') return 'turn.text must be a string';
  if (turn.text.length > MAX_TURN_TEXT) return `turn.text is longer than ${MAX_TURN_TEXT} characters`;
  if (turn.previousUserText !== undefined && typeof turn.previousUserText !== 'string') {
    return 'turn.previousUserText must be a string when present';
  }
  if (turn.model !== undefined && (typeof turn.model !== 'string' || turn.model.length > MAX_MODEL_LABEL)) {
    return `turn.model must be a string of at most ${MAX_MODEL_LABEL} characters when present`;
  }
  if (typeof turn.time !== 'number' || !Number.isFinite(turn.time))
    return 'turn.time must be a finite number';
  return null;
}
