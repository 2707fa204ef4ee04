import { describe, expect, it } from 'vitest';
import { conversationsOf } from './conversation-list.ts';

describe('conversationsOf', () => {
  it('groups replies by site and conversation, the most recently active first', () => {
    const records = [
      { site: 'claude', conversationId: 'a', time: 10 },
      { site: 'chatgpt', conversationId: 'a', time: 30 },
      { site: 'claude', conversationId: 'a', time: 50 },
      { site: 'claude', conversationId: 'b', time: 20 },
      { site: 'claude', conversationId: 'a', time: 5 },
    ];
    expect(conversationsOf(records)).toEqual([
      { site: 'claude', conversationId: 'a', first: 5, last: 50, replies: 3 },
      { site: 'chatgpt', conversationId: 'a', first: 30, last: 30, replies: 1 },
      { site: 'claude', conversationId: 'b', first: 20, last: 20, replies: 1 },
    ]);
  });

  it('keeps apart ids that would collide if joined with a separator', () => {
    const records = [
      { site: 'a|b', conversationId: 'c', time: 1 },
      { site: 'a', conversationId: 'b|c', time: 1 },
    ];
    expect(conversationsOf(records)).toHaveLength(2);
  });

  it('has nothing to list for an empty footprint', () => {
    expect(conversationsOf([])).toEqual([]);
  });
});
