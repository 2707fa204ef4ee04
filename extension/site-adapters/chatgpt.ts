import { adapterFromProfile, closestAttribute } from './dom-profile.ts';

/**
 * chatgpt.com. Checked against saved pages: every message is `[data-message-author-role]` with a UUID in
 * `data-message-id`; the reply text sits in `.markdown`; code-block headers and citation pills are
 * `.select-none`; the thinking summary and sources list sit outside `.markdown`. Labels are localised, so
 * streaming is read from the composer's `data-testid="stop-button"` rather than its aria-label. Each reply
 * names the model that wrote it in `data-message-model-slug` ("gpt-5-1-thinking").
 */
export const chatgptAdapter = adapterFromProfile({
  site: 'chatgpt',
  hosts: ['chatgpt.com', 'chat.openai.com'],
  settleMs: 800,
  conversationPaths: [/\/c\/([^/?#]+)/],
  turn: '[data-message-author-role="assistant"]',
  messageId: (turn) => turn.getAttribute('data-message-id'),
  model: (turn) => closestAttribute(turn, 'data-message-model-slug'),
  content: '.markdown',
  chrome: '.select-none, [data-testid="webpage-citation-pill"]',
  user: '[data-message-author-role="user"]',
  userContent: '.user-message-bubble-color',
  streamingInTurn: '.result-streaming',
  stopControl: '[data-testid="stop-button"], button[aria-label="Stop streaming"]',
  watchedAttributes: ['data-testid', 'aria-label'],
});
