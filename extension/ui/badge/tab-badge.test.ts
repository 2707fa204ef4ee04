import { describe, expect, it } from 'vitest';
import type { RiskLevel } from '../../../wasm-core/types.ts';
import {
  BADGE_COLORS,
  badgeFor,
  leftPage,
  pageOf,
  type ReplySeen,
  type TabBadgeState,
  withReply,
} from './tab-badge.ts';

const PAGE = 'https://chatgpt.com/c/one';
const reply = (
  key: string,
  findings: number,
  level: RiskLevel,
  conversation = 'chatgpt.com|one',
): ReplySeen => ({
  key,
  conversation,
  page: PAGE,
  findings,
  level,
});

function replay(replies: ReplySeen[]): TabBadgeState | undefined {
  return replies.reduce<TabBadgeState | undefined>((state, r) => withReply(state, r), undefined);
}

describe('badge for a tab', () => {
  it.each([
    { name: 'nothing seen', replies: [], text: '', color: null },
    {
      name: 'clean replies only',
      replies: [reply('a', 0, 'none'), reply('b', 0, 'none')],
      text: '',
      color: null,
    },
    {
      name: 'one flagged reply among clean ones',
      replies: [reply('a', 0, 'none'), reply('b', 2, 'medium')],
      text: '1',
      color: BADGE_COLORS.medium,
    },
    {
      name: 'colour follows the highest level',
      replies: [reply('a', 1, 'low'), reply('b', 3, 'high'), reply('c', 1, 'medium')],
      text: '3',
      color: BADGE_COLORS.high,
    },
    {
      name: 'a re-sent turn (reload) counts once',
      replies: [reply('a', 1, 'low'), reply('a', 1, 'low'), reply('b', 1, 'low'), reply('a', 1, 'low')],
      text: '2',
      color: BADGE_COLORS.low,
    },
    {
      name: 'another conversation starts a new count',
      replies: [reply('a', 1, 'high'), reply('b', 1, 'high'), reply('x', 1, 'low', 'chatgpt.com|two')],
      text: '1',
      color: BADGE_COLORS.low,
    },
    {
      name: 'a flagged reply with overall level none still shows',
      replies: [reply('a', 1, 'none')],
      text: '1',
      color: BADGE_COLORS.low,
    },
    {
      name: 'more than 99 is shown as 99+',
      replies: Array.from({ length: 120 }, (_, i) => reply(`k${i}`, 1, 'low')),
      text: '99+',
      color: BADGE_COLORS.low,
    },
  ])('$name → "$text"', ({ replies, text, color }) => {
    expect(badgeFor(replay(replies))).toEqual({ text, color });
  });

  it.each([
    { url: 'https://chatgpt.com/c/one', left: false },
    { url: 'https://chatgpt.com/c/one?model=x#bottom', left: false },
    { url: 'https://chatgpt.com/c/two', left: true },
    { url: 'https://claude.ai/chat/one', left: true },
    { url: undefined, left: true },
    { url: 'not a url', left: true },
  ])('navigating to $url leaves the page: $left', ({ url, left }) => {
    const state = withReply(undefined, reply('a', 1, 'low'));
    expect(leftPage(state, url)).toBe(left);
  });

  it('does not decide on navigation before it knows the page', () => {
    const state = withReply(undefined, { ...reply('a', 1, 'low'), page: null });
    expect(leftPage(state, 'https://example.com/')).toBe(false);
    expect(pageOf('https://chatgpt.com/c/one?x=1')).toBe(PAGE);
  });
});
