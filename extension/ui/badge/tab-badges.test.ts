import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_COLORS } from './tab-badge.ts';
import { createTabBadges } from './tab-badges.ts';

const conversation = 'chatgpt.com|one';
const page = 'https://chatgpt.com/c/one';

async function badge(tabId: number) {
  return {
    text: await fakeBrowser.action.getBadgeText({ tabId }),
    color: await fakeBrowser.action.getBadgeBackgroundColor({ tabId }),
  };
}

const rgba = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).concat(255);

describe('tab badges', () => {
  beforeEach(() => fakeBrowser.reset());

  it('counts flagged replies per tab, in parallel, and colours by the highest level', async () => {
    const badges = createTabBadges();
    await Promise.all([
      badges.replySeen(1, { key: 'a', conversation, page, findings: 1, level: 'low' }),
      badges.replySeen(1, { key: 'b', conversation, page, findings: 2, level: 'high' }),
      badges.replySeen(1, { key: 'c', conversation, page, findings: 0, level: 'none' }),
      badges.replySeen(2, {
        key: 'z',
        conversation: 'claude.ai|z',
        page: 'https://claude.ai/chat/z',
        findings: 1,
        level: 'medium',
      }),
    ]);
    expect(await badge(1)).toEqual({ text: '2', color: rgba(BADGE_COLORS.high) });
    expect(await badge(2)).toEqual({ text: '1', color: rgba(BADGE_COLORS.medium) });
    expect(await fakeBrowser.action.getTitle({ tabId: 1 })).toMatch(/2 replies with influence techniques/);
  });

  it('survives a service-worker restart (the count lives in session storage)', async () => {
    await createTabBadges().replySeen(1, { key: 'a', conversation, page, findings: 1, level: 'low' });
    const restarted = createTabBadges();
    await restarted.replySeen(1, { key: 'b', conversation, page, findings: 1, level: 'low' });
    expect((await badge(1)).text).toBe('2');
  });

  it.each([
    { name: 'a reload keeps the count', url: page, text: '1', kept: true },
    { name: 'a fragment change keeps the count', url: `${page}#end`, text: '1', kept: true },
    { name: 'another conversation resets it', url: 'https://chatgpt.com/c/two', text: '', kept: false },
    { name: 'leaving for a site we cannot see resets it', url: undefined, text: '', kept: false },
  ])('$name', async ({ url, text, kept }) => {
    const badges = createTabBadges();
    await badges.replySeen(1, { key: 'a', conversation, page, findings: 1, level: 'high' });
    await fakeBrowser.action.setBadgeText({ tabId: 1, text: '' }); // what the browser does on navigation
    await badges.tabUpdated(1, url);
    expect((await badge(1)).text).toBe(text);
    expect((await badges.state(1)) !== undefined).toBe(kept);
  });

  it('forgets a closed tab', async () => {
    const badges = createTabBadges();
    await badges.replySeen(7, { key: 'a', conversation, page, findings: 1, level: 'low' });
    await badges.tabClosed(7);
    expect(await badges.state(7)).toBeUndefined();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('ignores updates of tabs it never counted', async () => {
    const badges = createTabBadges();
    await badges.tabUpdated(3, 'https://example.com/');
    expect(await badge(3)).toEqual({ text: '', color: rgba('#5F5D5B') });
  });
});
