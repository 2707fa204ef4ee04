import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ChatTurn } from '../../wasm-core/types.ts';
import { type AnalyzeTurnReply, analyzeTurnMessage, isAnalyzeTurnReply } from '../messages.ts';
import '../page-actions/page-actions.css';
import { ReplyAnnotations } from '../page-actions/reply-annotations.ts';
import { PageMarks } from '../page-marks/page-marks.ts';
import { adapterForHost } from '../site-adapters/adapter-for-host.ts';
import { SUPPORTED_HOSTS } from '../site-adapters/hosts.ts';
import { createTurnWatcher } from '../site-adapters/turn-watcher.ts';

/**
 * Runs on the supported chat sites. It finds finished assistant replies and hands them to the background;
 * all analysis happens in the extension, never in the page. The answer comes back with what the protection
 * level asks the page to show (highlights, a warning, a blur), which is drawn here, in shadow roots and
 * through the CSS highlight registry, never by rewriting the site's own markup.
 */
export default defineContentScript({
  matches: SUPPORTED_HOSTS.map((host) => `https://${host}/*`),
  runAt: 'document_idle',
  main(ctx) {
    const adapter = adapterForHost(location.host);
    if (!adapter) return;
    const marks = new PageMarks();
    const annotations = new ReplyAnnotations({ textMap: (turn) => adapter.turnTextMap(turn) });
    const watcher = createTurnWatcher({
      adapter,
      onTurn: (turn, element, key) => {
        marks.set(key, element, 'pending');
        void requestAnalysis(turn).then((reply) => {
          if (!reply?.ok) {
            marks.update(key, 'error');
            return;
          }
          marks.update(key, reply.level);
          // The answer may arrive after the site re-rendered the reply: annotate where it lives now.
          annotations.show(key, marks.elementOf(key) ?? element, {
            guidance: reply,
            text: turn.text,
            announce: !reply.duplicate,
          });
        });
      },
      onKnownTurn: (key, element) => {
        marks.track(key, element);
        annotations.track(key, element);
      },
    });
    watcher.start();
    // Single-page apps change conversations without reloading; WXT reports URL changes it notices.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      annotations.prune();
      watcher.poke();
    });
    ctx.onInvalidated(() => {
      watcher.stop();
      annotations.clear();
    });
  },
});

/** The background's answer, or null when there is none (the reason is logged). */
async function requestAnalysis(turn: ChatTurn): Promise<AnalyzeTurnReply | null> {
  try {
    const reply: unknown = await browser.runtime.sendMessage(analyzeTurnMessage(turn));
    if (!isAnalyzeTurnReply(reply)) {
      console.warn('[cogfw] unexpected reply to analyze-turn');
      return null;
    }
    if (!reply.ok) console.warn(`[cogfw] analysis failed: ${reply.error}`);
    return reply;
  } catch (error) {
    console.warn(
      `[cogfw] analysis request failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}
