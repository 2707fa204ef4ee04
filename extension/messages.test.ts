import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../wasm-core/types.ts';
import { ANALYZE_TURN, analyzeTurnMessage, isAnalyzeTurnMessage, isAnalyzeTurnReply } from './messages.ts';

const turn: ChatTurn = {
  site: 'chatgpt',
  conversationId: 'c1',
  messageId: 'm1',
  turnIndex: 0,
  role: 'assistant',
  text: 'Act now, before it is too late.',
  time: 1_700_000_000_000,
};

describe('content script ↔ background messages', () => {
  it.each([
    { message: analyzeTurnMessage(turn), valid: true },
    { message: { type: ANALYZE_TURN, turn }, valid: true },
    { message: { type: 'cogfw:offscreen-analyze', turn }, valid: false },
    { message: { type: ANALYZE_TURN }, valid: false },
    { message: { type: ANALYZE_TURN, turn: null }, valid: false },
    { message: 'cogfw:analyze-turn', valid: false },
    { message: null, valid: false },
  ])('request $message is an analyze-turn message: $valid', ({ message, valid }) => {
    expect(isAnalyzeTurnMessage(message)).toBe(valid);
  });

  it.each([
    { reply: { ok: true, level: 'high', findings: 4 }, valid: true },
    { reply: { ok: true, level: 'none', findings: 0 }, valid: true },
    { reply: { ok: false, error: 'analysis failed' }, valid: true },
    { reply: { ok: true, level: 'severe', findings: 1 }, valid: false },
    { reply: { ok: true, level: 'low' }, valid: false },
    { reply: { ok: false }, valid: false },
    { reply: undefined, valid: false },
  ])('reply $reply is valid: $valid', ({ reply, valid }) => {
    expect(isAnalyzeTurnReply(reply)).toBe(valid);
  });
});
