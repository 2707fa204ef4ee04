import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '../wasm-core/types.ts';
import {
  ANALYZE_TURN,
  analyzeTurnMessage,
  guidanceOf,
  isAnalyzeTurnMessage,
  isAnalyzeTurnReply,
  MAX_HIGHLIGHTS,
} from './messages.ts';

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

  const guidance = {
    action: 'warn',
    principles: [{ principle: 'P1', name: 'user autonomy', status: 'violated', explanation: 'Pushes you.' }],
    highlights: [{ start: 0, end: 7, technique: 'T01', label: 'Urgency', explanation: 'Time pressure.' }],
  };
  const ok = { ok: true, level: 'high', findings: 4, duplicate: false, ...guidance };
  const principle = guidance.principles[0];
  const highlight = guidance.highlights[0];

  it.each([
    { name: 'a full answer', reply: ok, valid: true },
    {
      name: 'nothing to show',
      reply: { ...ok, level: 'none', findings: 0, action: 'record', principles: [], highlights: [] },
      valid: true,
    },
    { name: 'an error', reply: { ok: false, error: 'analysis failed' }, valid: true },
    { name: 'an unknown risk level', reply: { ...ok, level: 'severe' }, valid: false },
    { name: 'no findings count', reply: { ok: true, level: 'low' }, valid: false },
    { name: 'no duplicate flag', reply: { ...ok, duplicate: undefined }, valid: false },
    { name: 'an unknown action', reply: { ...ok, action: 'hide' }, valid: false },
    { name: 'no action', reply: { ...ok, action: undefined }, valid: false },
    {
      name: 'a respected principle',
      reply: { ...ok, principles: [{ ...principle, status: 'respected' }] },
      valid: false,
    },
    {
      name: 'an unknown principle',
      reply: { ...ok, principles: [{ ...principle, principle: 'P11' }] },
      valid: false,
    },
    {
      name: 'an empty explanation',
      reply: { ...ok, principles: [{ ...principle, explanation: '' }] },
      valid: false,
    },
    { name: 'an empty span', reply: { ...ok, highlights: [{ ...highlight, end: 0 }] }, valid: false },
    { name: 'a negative span', reply: { ...ok, highlights: [{ ...highlight, start: -1 }] }, valid: false },
    { name: 'a fractional span', reply: { ...ok, highlights: [{ ...highlight, end: 6.5 }] }, valid: false },
    {
      name: 'an unknown technique',
      reply: { ...ok, highlights: [{ ...highlight, technique: 'T99' }] },
      valid: false,
    },
    {
      name: 'too many highlights',
      reply: { ...ok, highlights: Array.from({ length: MAX_HIGHLIGHTS + 1 }, () => highlight) },
      valid: false,
    },
    { name: 'highlights missing', reply: { ...ok, highlights: undefined }, valid: false },
    { name: 'an error without its reason', reply: { ok: false }, valid: false },
    { name: 'nothing', reply: undefined, valid: false },
  ])('reply with $name is valid: $valid', ({ reply, valid }) => {
    expect(isAnalyzeTurnReply(reply)).toBe(valid);
  });

  it('copies only the guidance fields it knows', () => {
    const extra = {
      ...guidance,
      note: 'x',
      principles: [{ ...principle, fired: ['r'] }],
      highlights: [{ ...highlight, excerpt: 'Act now' }],
    };
    expect(guidanceOf(extra as never)).toEqual(guidance);
  });
});
