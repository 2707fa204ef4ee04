import { describe, expect, it } from 'vitest';
import { formatProblem } from './input-problem.ts';
import { parseJsonlChat } from './jsonl-chat.ts';

const context = {
  file: 'chat.jsonl',
  site: 'unknown',
  conversationId: 'chat.jsonl',
  fallbackTime: 1_000_000,
};
const jsonl = (...rows: unknown[]) =>
  rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n');

describe('parseJsonlChat', () => {
  it('analyses assistant rows only, with the preceding user row of the same conversation', () => {
    const parsed = parseJsonlChat(
      jsonl(
        { role: 'system', text: 'You are helpful.' },
        { role: 'user', text: 'Hi A', conversation: 'a', time: '2026-11-19T10:00:00Z' },
        { role: 'user', text: 'Hi B', conversation: 'b' },
        {
          role: 'assistant',
          text: 'Hello A',
          conversation: 'a',
          time: '2026-11-19T10:00:05Z',
          site: 'claude.ai',
        },
        { role: 'assistant', text: 'Hello B', conversation: 'b', time: 1795119300 },
        { role: 'assistant', text: 'Again A', conversation: 'a', time: 1795119300123 },
      ),
      context,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.undated).toBe(0);
    expect(parsed.turns).toEqual([
      {
        site: 'claude.ai',
        conversationId: 'a',
        messageId: 'l4',
        turnIndex: 1,
        role: 'assistant',
        text: 'Hello A',
        previousUserText: 'Hi A',
        time: Date.UTC(2026, 10, 19, 10, 0, 5),
      },
      {
        site: 'unknown',
        conversationId: 'b',
        messageId: 'l5',
        turnIndex: 1,
        role: 'assistant',
        text: 'Hello B',
        previousUserText: 'Hi B',
        time: 1795119300000,
      },
      {
        site: 'unknown',
        conversationId: 'a',
        messageId: 'l6',
        turnIndex: 2,
        role: 'assistant',
        text: 'Again A',
        previousUserText: 'Hi A',
        time: 1795119300123,
      },
    ]);
  });

  it('dates rows without a time by the fallback and counts them', () => {
    const parsed = parseJsonlChat(
      jsonl({ role: 'assistant', text: 'x' }, { role: 'assistant', text: 'y', time: null }),
      context,
    );
    expect(parsed.turns.map((t) => t.time)).toEqual([1_000_000, 1_000_000]);
    expect(parsed.turns.map((t) => t.conversationId)).toEqual(['chat.jsonl', 'chat.jsonl']);
    expect(parsed.turns[0]).not.toHaveProperty('previousUserText');
    expect(parsed.undated).toBe(2);
  });

  it.each<[string, string]>([
    ['{"role": "assistant", "text": "unterminated', 'not valid JSON'],
    ['[1, 2]', 'expected a JSON object'],
    ['"just a string"', 'expected a JSON object'],
    ['{"role": 7, "text": "x"}', '"role" must be'],
    ['{"id": "a", "labels": []}', 'missing "text"'],
    ['{"role": "bot", "text": "x"}', 'unknown role "bot"'],
    ['{"role": "assistant"}', 'missing "text"'],
    ['{"role": "assistant", "text": 42}', 'missing "text"'],
    ['{"role": "assistant", "text": "x", "time": "last Tuesday"}', 'is not an ISO 8601'],
    ['{"role": "assistant", "text": "x", "conversation": {"id": 1}}', '"conversation" must be'],
    ['{"role": "assistant", "text": "x", "site": ""}', '"site" must be'],
  ])('reports and skips a bad row: %s', (bad, message) => {
    const parsed = parseJsonlChat(
      jsonl({ role: 'assistant', text: 'before' }, '', bad, { role: 'assistant', text: 'after' }),
      context,
    );
    expect(parsed.turns.map((t) => t.text)).toEqual(['before', 'after']);
    expect(parsed.problems).toHaveLength(1);
    const [problem] = parsed.problems;
    expect(problem?.line).toBe(3);
    expect(problem?.message).toContain(message);
    expect(problem && formatProblem(problem)).toMatch(/^chat\.jsonl:3: /);
  });

  it('reads rows without a role as standalone replies, each its own conversation, with its prompt', () => {
    const parsed = parseJsonlChat(
      jsonl(
        { id: 'd:1', text: 'I missed you!', labels: ['x'], prompt: 'I feel so alone' },
        { id: 'd:2', text: 'Here is the recipe.' },
        { role: 'user', text: 'hello' },
        { text: 'Reply in a named conversation.', conversation: 'c9', prompt: '' },
      ),
      context,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.standalone).toBe(3);
    expect(parsed.turns.map((t) => [t.text, t.conversationId, t.previousUserText])).toEqual([
      ['I missed you!', 'chat.jsonl#l1', 'I feel so alone'],
      ['Here is the recipe.', 'chat.jsonl#l2', undefined],
      ['Reply in a named conversation.', 'c9', undefined],
    ]);
  });

  it('skips blank lines and CRLF line ends without complaint', () => {
    const parsed = parseJsonlChat(
      '\r\n{"role":"assistant","text":"a"}\r\n\r\n   \r\n{"role":"assistant","text":"b"}\r\n',
      context,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.turns.map((t) => [t.text, t.messageId])).toEqual([
      ['a', 'l2'],
      ['b', 'l5'],
    ]);
  });
});
