import { browser } from 'wxt/browser';
import type { ChatTurn } from '../../../wasm-core/types.ts';
import { createSerialQueue } from '../../store/serial-queue.ts';
import { isOffscreenAnalyzeReply, type OffscreenAnalyzeReply, offscreenAnalyzeRequest } from './protocol.ts';

/** Where WXT emits the offscreen entrypoint (extension/entrypoints/offscreen/index.html). */
export const OFFSCREEN_DOCUMENT_PATH = '/offscreen.html';

const JUSTIFICATION =
  'Runs the on-device analysis of AI replies (WebAssembly and a small model) in a dedicated worker; a service worker cannot start one.';

const creation = createSerialQueue();

/**
 * Makes sure the one offscreen document exists. Checks and creations run one at a time, so replies that
 * arrive together while the document is being created do not try to create a second one.
 */
export function ensureOffscreenDocument(): Promise<void> {
  return creation.run(async () => {
    const url = browser.runtime.getURL(OFFSCREEN_DOCUMENT_PATH);
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT'],
      documentUrls: [url],
    });
    if (contexts.length > 0) return;
    try {
      await browser.offscreen.createDocument({
        url: OFFSCREEN_DOCUMENT_PATH,
        reasons: ['WORKERS'],
        justification: JUSTIFICATION,
      });
    } catch (error) {
      // Another service-worker instance may have won the race; one document is all we need.
      if (!/single offscreen document/i.test(String(error))) throw error;
    }
  });
}

const ATTEMPTS = 3;

/** Sends a turn to the offscreen document and waits for its stored result. Never throws. */
export async function analyzeInOffscreen(turn: ChatTurn): Promise<OffscreenAnalyzeReply> {
  let lastError = 'no attempt made';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      await ensureOffscreenDocument();
      const answer: unknown = await browser.runtime.sendMessage(offscreenAnalyzeRequest(turn));
      if (isOffscreenAnalyzeReply(answer)) return answer;
      lastError = 'the offscreen document gave no answer';
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    // A document that was just created, or closed by the browser, may not be listening yet.
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
  return { ok: false, error: `analysis unavailable: ${lastError}` };
}
