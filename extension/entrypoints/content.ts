import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ChatTurn } from '../../wasm-core/types.ts';
import { analyzeTurnMessage, isAnalyzeTurnReply } from '../messages.ts';
import { type MarkState, PageMarks } from '../page-marks/page-marks.ts';
import { adapterForHost } from '../site-adapters/adapter-for-host.ts';
import { SUPPORTED_HOSTS } from '../site-adapters/hosts.ts';
import { createTurnWatcher } from '../site-adapters/turn-watcher.ts';

/**
 * Runs on the supported chat sites. It only finds finished assistant replies and hands them to the
 * background; all analysis happens in the extension, never in the page.
 */
export default defineContentScript({
  matches: SUPPORTED_HOSTS.map((host) => `https://${host}/*`),
  runAt: 'document_idle',
  main(ctx) {
    const adapter = adapterForHost(location.host);
    if (!adapter) return;
    const marks = new PageMarks();
    const watcher = createTurnWatcher({
      adapter,
      onTurn: (turn, element, key) => {
        marks.set(key, element, 'pending');
        void requestAnalysis(turn).then((state) => marks.update(key, state));
      },
      onKnownTurn: (key, element) => marks.track(key, element),
    });
    watcher.start();
    // Single-page apps change conversations without reloading; WXT reports URL changes it notices.
    ctx.addEventListener(window, 'wxt:locationchange', () => watcher.poke());
    ctx.onInvalidated(() => watcher.stop());
  },
});

async function requestAnalysis(turn: ChatTurn): Promise<MarkState> {
  try {
    const reply: unknown = await browser.runtime.sendMessage(analyzeTurnMessage(turn));
    if (!isAnalyzeTurnReply(reply)) {
      console.warn('[cogfw] unexpected reply to analyze-turn');
      return 'error';
    }
    if (!reply.ok) {
      console.warn(`[cogfw] analysis failed: ${reply.error}`);
      return 'error';
    }
    return reply.level;
  } catch (error) {
    console.warn(
      `[cogfw] analysis request failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 'error';
  }
}
