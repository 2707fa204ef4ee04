import { adapterFromProfile } from './dom-profile.ts';

const MESSAGE_CONTENT_PREFIX = 'message-content-id-';

/**
 * gemini.google.com. Checked against a saved page: replies are `<model-response>` elements; the answer is
 * the `.markdown` panel inside `<message-content id="message-content-id-r_…">` (the `r_…` part is the
 * response id), whose `aria-busy` is "true" while it streams; `<model-thoughts>` and code-block headers sit
 * outside it or are chrome. While generating, the composer's send icon becomes `fonticon="stop"`.
 */
export const geminiAdapter = adapterFromProfile({
  site: 'gemini',
  hosts: ['gemini.google.com'],
  settleMs: 800,
  conversationPaths: [/\/app\/([^/?#]+)/, /\/gem\/[^/]+\/([^/?#]+)/],
  turn: 'model-response',
  messageId: (turn) => {
    const contentId = turn.querySelector(`message-content[id^="${MESSAGE_CONTENT_PREFIX}"]`)?.id;
    if (contentId) return contentId.slice(MESSAGE_CONTENT_PREFIX.length);
    return turn.closest('.conversation-container[id]')?.id || null;
  },
  content: 'message-content .markdown',
  chrome: 'model-thoughts, .code-block-decoration',
  user: 'user-query',
  userContent: '.query-text',
  streamingInTurn: '[aria-busy="true"]',
  stopControl: 'mat-icon[fonticon="stop"], button[aria-label="Stop response"]',
  watchedAttributes: ['aria-busy', 'fonticon', 'aria-label'],
});
