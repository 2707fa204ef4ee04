import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chatTurn } from '../../store/testing/analysis-fixtures.ts';
import {
  analyzeInOffscreen,
  ensureOffscreenDocument,
  OFFSCREEN_DOCUMENT_PATH,
} from './offscreen-document.ts';
import { isOffscreenAnalyzeRequest } from './protocol.ts';

/** The browser's side: one offscreen document at most, created after a short delay. */
function fakeOffscreenApi() {
  let open = false;
  const createDocument = vi.fn(async (parameters: { url: string; reasons: string[] }) => {
    if (open) throw new Error('Only a single offscreen document may be created.');
    await new Promise((resolve) => setTimeout(resolve, 5));
    open = true;
    expect(parameters).toMatchObject({ url: OFFSCREEN_DOCUMENT_PATH, reasons: ['WORKERS'] });
  });
  const getContexts = vi.fn(async (filter: { contextTypes: string[]; documentUrls: string[] }) => {
    expect(filter).toEqual({
      contextTypes: ['OFFSCREEN_DOCUMENT'],
      documentUrls: [fakeBrowser.runtime.getURL(OFFSCREEN_DOCUMENT_PATH)],
    });
    return open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : [];
  });
  // The fake browser has neither API; these stand in for Chrome's.
  Object.assign(fakeBrowser, { offscreen: { createDocument } });
  Object.assign(fakeBrowser.runtime, { getContexts });
  return { createDocument, close: () => (open = false), isOpen: () => open };
}

const guidance = {
  action: 'highlight',
  principles: [{ principle: 'P1', name: 'user autonomy', status: 'concern', explanation: 'Pushes you.' }],
  highlights: [{ start: 0, end: 7, technique: 'T01', label: 'Urgency', explanation: 'Time pressure.' }],
};

describe('offscreen document', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is created once even when many turns ask for it at the same time', async () => {
    const api = fakeOffscreenApi();
    await Promise.all(Array.from({ length: 8 }, () => ensureOffscreenDocument()));
    expect(api.createDocument).toHaveBeenCalledTimes(1);
    await ensureOffscreenDocument();
    expect(api.createDocument).toHaveBeenCalledTimes(1);
    api.close(); // the browser may close it; the next turn brings it back
    await ensureOffscreenDocument();
    expect(api.createDocument).toHaveBeenCalledTimes(2);
  });

  it('forwards the turn with a target and returns the document’s answer', async () => {
    fakeOffscreenApi();
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      seen.push(message);
      return isOffscreenAnalyzeRequest(message)
        ? { ok: true, key: 'k', level: 'medium', findings: 2, duplicate: false, ...guidance }
        : undefined;
    });
    expect(await analyzeInOffscreen(chatTurn())).toEqual({
      ok: true,
      key: 'k',
      level: 'medium',
      findings: 2,
      duplicate: false,
      ...guidance,
    });
    expect(seen).toEqual([{ target: 'cogfw-offscreen', type: 'cogfw:offscreen-analyze', turn: chatTurn() }]);
  });

  it('retries while the document is not listening yet, then gives up with an error', async () => {
    fakeOffscreenApi();
    // No listener at all: sendMessage rejects every time.
    const reply = await analyzeInOffscreen(chatTurn());
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^analysis unavailable: /) });
  });
});
