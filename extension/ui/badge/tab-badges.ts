import { browser } from 'wxt/browser';
import { createSerialQueue } from '../../store/serial-queue.ts';
import {
  badgeFor,
  badgeTitle,
  leftPage,
  type ReplySeen,
  type TabBadgeState,
  withReply,
} from './tab-badge.ts';

const storageKey = (tabId: number) => `badge:${tabId}`;

/**
 * Per-tab badge counts. Kept in storage.session, because the service worker is stopped when idle and
 * memory goes with it, while the count must survive until the tab closes or moves on. Updates run one at
 * a time so two replies finishing together both count.
 */
export function createTabBadges() {
  const queue = createSerialQueue();

  async function read(tabId: number): Promise<TabBadgeState | undefined> {
    const key = storageKey(tabId);
    const stored = await browser.storage.session.get(key);
    return stored[key] as TabBadgeState | undefined;
  }

  async function show(tabId: number, state: TabBadgeState | undefined): Promise<void> {
    const badge = badgeFor(state);
    await browser.action.setBadgeText({ tabId, text: badge.text });
    if (badge.color) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
      await browser.action.setBadgeTextColor({ tabId, color: '#FFFFFF' });
    }
    await browser.action.setTitle({ tabId, title: badgeTitle(state) });
  }

  return {
    /** A reply from this tab was analysed (or found already recorded). */
    replySeen(tabId: number, reply: ReplySeen): Promise<TabBadgeState> {
      return queue.run(async () => {
        const state = withReply(await read(tabId), reply);
        await browser.storage.session.set({ [storageKey(tabId)]: state });
        await show(tabId, state);
        return state;
      });
    },

    /** The tab's URL or loading status changed. */
    tabUpdated(tabId: number, url: string | undefined): Promise<void> {
      return queue.run(async () => {
        const state = await read(tabId);
        if (!state) return;
        if (leftPage(state, url)) {
          await browser.storage.session.remove(storageKey(tabId));
          await show(tabId, undefined);
        } else {
          // The browser drops per-tab badges on a reload; put the count back.
          await show(tabId, state);
        }
      });
    },

    tabClosed(tabId: number): Promise<void> {
      return queue.run(() => browser.storage.session.remove(storageKey(tabId)));
    },

    state: read,
  };
}

export type TabBadges = ReturnType<typeof createTabBadges>;
