import { describe, expect, it } from 'vitest';
import { chatTurn } from '../../store/testing/analysis-fixtures.ts';
import {
  checkChatTurn,
  isOffscreenAnalyzeReply,
  isOffscreenAnalyzeRequest,
  offscreenAnalyzeRequest,
} from './protocol.ts';

const guidance = { action: 'badge', principles: [], highlights: [] };

describe('offscreen protocol', () => {
  it.each([
    { name: 'a well-formed turn', turn: chatTurn(), problem: null },
    { name: 'with a previous user message', turn: chatTurn({ previousUserText: 'hi' }), problem: null },
    { name: 'with a model name', turn: chatTurn({ model: 'gpt-5' }), problem: null },
    {
      name: 'a model name that is not a string',
      turn: { ...chatTurn(), model: 5 },
      problem: 'turn.model must be a string of at most 200 characters when present',
    },
    { name: 'not an object', turn: 'hello', problem: 'turn is not an object' },
    { name: 'empty site', turn: chatTurn({ site: '' }), problem: 'turn.site must be a non-empty string' },
    { name: 'a user turn', turn: chatTurn({ role: 'user' }), problem: 'only assistant turns are analysed' },
    {
      name: 'negative index',
      turn: chatTurn({ turnIndex: -1 }),
      problem: 'turn.turnIndex must be a non-negative integer',
    },
    { name: 'text missing', turn: { ...chatTurn(), text: undefined }, problem: 'turn.text must be a string' },
    {
      name: 'time not finite',
      turn: chatTurn({ time: Number.NaN }),
      problem: 'turn.time must be a finite number',
    },
  ])('checks $name', ({ turn, problem }) => {
    expect(checkChatTurn(turn)).toBe(problem);
  });

  it.each([
    { message: offscreenAnalyzeRequest(chatTurn()), forOffscreen: true },
    // The content script's own message reaches the offscreen document too; it must not answer it.
    { message: { type: 'cogfw:analyze-turn', turn: chatTurn() }, forOffscreen: false },
    { message: { ...offscreenAnalyzeRequest(chatTurn()), turn: { text: 'x' } }, forOffscreen: false },
    { message: null, forOffscreen: false },
  ])('offscreen answers $message.type: $forOffscreen', ({ message, forOffscreen }) => {
    expect(isOffscreenAnalyzeRequest(message)).toBe(forOffscreen);
  });

  it.each([
    { reply: { ok: true, key: 'k', level: 'low', findings: 1, duplicate: false, ...guidance }, valid: true },
    { reply: { ok: true, key: 'k', level: 'low', findings: 1, duplicate: false }, valid: false },
    {
      reply: { ok: true, key: 'k', level: 'low', findings: 1, duplicate: false, ...guidance, action: 'hide' },
      valid: false,
    },
    { reply: { ok: false, error: 'boom' }, valid: true },
    { reply: { ok: true, level: 'low' }, valid: false },
    { reply: undefined, valid: false },
  ])('reply $reply is valid: $valid', ({ reply, valid }) => {
    expect(isOffscreenAnalyzeReply(reply)).toBe(valid);
  });
});
