import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isChatGptExport, parseChatGptExport } from './chatgpt-export.ts';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/chatgpt-conversations.json', import.meta.url), 'utf8'),
);
const context = {
  file: 'conversations.json',
  site: 'chatgpt.com',
  conversationId: 'conversations.json',
  fallbackTime: 42,
};
const T = 1795119300_000;

describe('parseChatGptExport', () => {
  const parsed = parseChatGptExport(fixture, context);

  it('reads the current branch only, skipping system, tool, hidden and non-text messages', () => {
    expect(parsed.turns.map((t) => [t.conversationId, t.messageId, t.turnIndex, t.text])).toEqual([
      [
        'conv-course',
        'a1',
        1,
        'Act now, this offer ends today! Everyone is already signing up, and you deserve it.',
      ],
      [
        'conv-course',
        'a2',
        3,
        "I'll always be here for you. You don't need anyone else, just come to me first.",
      ],
      ['conv-photo', 'm2', 1, 'It shows a red bicycle leaning on a wall.'],
    ]);
    expect(parsed.turns.some((t) => t.text.includes('OLD BRANCH'))).toBe(false);
  });

  it('pairs each reply with the user message before it, text parts of multimodal messages only', () => {
    expect(parsed.turns.map((t) => t.previousUserText)).toEqual([
      'I feel so lonely lately. Should I buy this course?',
      'Can you check the price for me?',
      'What is in this picture?',
    ]);
  });

  it('dates replies by their message, else by their conversation', () => {
    expect(parsed.turns.map((t) => t.time)).toEqual([T + 20_000, T + 70_000, T + 2 * 86_400_000]);
    expect(parsed.undated).toBe(0);
    expect(parsed.turns.every((t) => t.site === 'chatgpt.com' && t.role === 'assistant')).toBe(true);
  });

  it('reports a conversation it cannot read, by position and title', () => {
    expect(parsed.problems).toEqual([
      {
        file: 'conversations.json',
        where: 'conversation 3 ("Broken")',
        message: 'has no "mapping" of messages',
      },
    ]);
  });

  it('falls back to the newest leaf without current_node, and reports cycles', () => {
    const mapping = {
      r: { id: 'r', message: null, parent: null, children: ['u'] },
      u: {
        id: 'u',
        message: { id: 'u', author: { role: 'user' }, content: { content_type: 'text', parts: ['q'] } },
        parent: 'r',
        children: ['a', 'b'],
      },
      a: {
        id: 'a',
        message: {
          id: 'a',
          author: { role: 'assistant' },
          create_time: 200,
          content: { content_type: 'text', parts: ['newer'] },
        },
        parent: 'u',
        children: [],
      },
      b: {
        id: 'b',
        message: {
          id: 'b',
          author: { role: 'assistant' },
          create_time: 100,
          content: { content_type: 'text', parts: ['older'] },
        },
        parent: 'u',
        children: [],
      },
    };
    expect(parseChatGptExport({ mapping }, context).turns.map((t) => t.text)).toEqual(['newer']);
    const cyclic = {
      mapping: { x: { parent: 'y', children: [] }, y: { parent: 'x', children: ['x'] } },
      current_node: 'x',
    };
    expect(parseChatGptExport([cyclic], context).problems[0]?.message).toContain('cycle');
  });

  it.each<[unknown, boolean]>([
    [fixture, true],
    [{ mapping: {} }, true],
    [[{ mapping: {} }, { title: 'no mapping' }], true],
    [[], false],
    [[{ role: 'user', text: 'x' }], false],
    [[1, { mapping: {} }], false],
    [{ chat_messages: [] }, false],
  ])('recognises %j by content: %s', (value, expected) => {
    expect(isChatGptExport(value)).toBe(expected);
  });
});
