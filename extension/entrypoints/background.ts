import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { ChatTurn } from '../../wasm-core/types.ts';
import { loadDeviceKey } from '../device-identity/device-key-store.ts';
import { type AnalyzeTurnReply, guidanceOf, isAnalyzeTurnMessage } from '../messages.ts';
import { cogfwDatabase } from '../store/database.ts';
import { deleteExpiredExcerpts } from '../store/excerpt-retention.ts';
import { sealDueBatches } from '../store/log-sealing.ts';
import { pageOf } from '../ui/badge/tab-badge.ts';
import { createTabBadges } from '../ui/badge/tab-badges.ts';
import { analyzeInOffscreen } from './offscreen/offscreen-document.ts';
import { checkChatTurn } from './offscreen/protocol.ts';

export default defineBackground(() => {
  const badges = createTabBadges();

  async function analyzeTurn(
    turn: ChatTurn,
    tab: { id?: number; url?: string } | undefined,
  ): Promise<AnalyzeTurnReply> {
    const problem = checkChatTurn(turn);
    if (problem) return { ok: false, error: problem };
    const reply = await analyzeInOffscreen(turn);
    if (!reply.ok) return reply;
    if (tab?.id !== undefined && tab.id >= 0) {
      // The page already has its answer's worth of work done; a badge that fails must not lose it.
      await badges
        .replySeen(tab.id, {
          key: reply.key,
          conversation: `${turn.site}|${turn.conversationId}`,
          page: pageOf(tab.url),
          findings: reply.findings,
          level: reply.level,
        })
        .catch((error: unknown) => console.warn('badge update failed', error));
    }
    return {
      ok: true,
      level: reply.level,
      findings: reply.findings,
      duplicate: reply.duplicate,
      ...guidanceOf(reply),
    };
  }

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Messages for the offscreen document carry a target and never match here.
    if (!isAnalyzeTurnMessage(message) || sender.id !== browser.runtime.id) return false;
    analyzeTurn(message.turn, sender.tab).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: String(error) } satisfies AnalyzeTurnReply),
    );
    return true;
  });

  browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
    if (changeInfo.url === undefined && changeInfo.status === undefined) return;
    void badges.tabUpdated(tabId, changeInfo.url ?? tab.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void badges.tabClosed(tabId);
  });

  const cleanUp = () => {
    deleteExpiredExcerpts(cogfwDatabase()).catch((error: unknown) =>
      console.warn('excerpt cleanup failed', error),
    );
  };
  browser.runtime.onStartup.addListener(cleanUp);
  browser.runtime.onInstalled.addListener(cleanUp);

  // The log's batches are due every 100 entries or after an hour; appends seal the first kind, this alarm
  // the second, for a tail that no later append comes to seal. Ten minutes keeps the hour within reach.
  const SEAL_ALARM = 'seal-log-batches';
  const sealLog = () => {
    sealDueBatches(cogfwDatabase()).catch((error: unknown) => console.warn('log sealing failed', error));
  };
  const scheduleSealing = () => {
    void browser.alarms.create(SEAL_ALARM, { periodInMinutes: 10 });
    sealLog();
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SEAL_ALARM) sealLog();
  });
  browser.runtime.onStartup.addListener(scheduleSealing);
  browser.runtime.onInstalled.addListener(() => {
    // The device key is made at install: its genesis entry opens the log.
    loadDeviceKey(cogfwDatabase())
      .catch((error: unknown) => console.warn('the device key could not be made', error))
      .finally(scheduleSealing);
  });
});
