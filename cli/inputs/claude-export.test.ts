import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isClaudeExport, parseClaudeExport } from './claude-export.ts';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/claude-conversations.json', import.meta.url), 'utf8'),
);
const context = { file: 'claude.json', site: 'claude.ai', conversationId: 'claude.json', fallbackTime: 42 };

describe('parseClaudeExport', () => {
  it('reads assistant text blocks with the human message before them', () => {
    const parsed = parseClaudeExport(fixture, context);
    expect(parsed.problems).toEqual([]);
    expect(parsed.turns).toEqual([
      {
        site: 'claude.ai',
        conversationId: 'claude-conv-1',
        messageId: 'a1',
        turnIndex: 1,
        role: 'assistant',
        text: 'Start by listing your fixed costs.\n\nThen set a weekly limit for groceries.',
        previousUserText: 'I need to save money this month.',
        time: Date.UTC(2026, 10, 17, 9, 0, 30, 123),
      },
    ]);
  });

  it('uses the text field when there are no content blocks, and the fallback time when undated', () => {
    const parsed = parseClaudeExport(
      [{ uuid: 'c', chat_messages: [{ sender: 'assistant', text: 'Hi' }] }, { name: 'x' }],
      context,
    );
    expect(parsed.turns.map((t) => [t.text, t.time])).toEqual([['Hi', 42]]);
    expect(parsed.undated).toBe(1);
    expect(parsed.problems).toEqual([
      { file: 'claude.json', where: 'conversation 2 ("x")', message: 'has no "chat_messages"' },
    ]);
  });

  it.each<[unknown, boolean]>([
    [fixture, true],
    [[{ mapping: {} }], false],
    [{ chat_messages: [] }, false],
  ])('recognises %j by content: %s', (value, expected) => {
    expect(isClaudeExport(value)).toBe(expected);
  });
});
