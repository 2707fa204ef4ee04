import { adapterFromProfile, closestAttribute, type DomProfile } from './dom-profile.ts';
import type { SiteAdapter } from './site-adapter.ts';

/**
 * The other supported sites. Where a saved page shows the DOM (Perplexity, DeepSeek, Le Chat, Meta AI) the
 * profile uses its markers; the rest share a heuristic built from the conventions those pages have in common
 * (role attributes on message containers, markdown blocks for the text, a stop button while streaming).
 * Their markers are less certain, so they wait longer for a reply to settle.
 */

/** Stop buttons as most sites label them; a reply can also be judged finished by its text settling. */
const GENERIC_STOP_CONTROL = [
  'button[data-testid*="stop"]',
  'button[aria-label^="Stop"]',
  'button[aria-label^="stop"]',
].join(', ');

const GENERIC_STREAMING_IN_TURN = [
  '[aria-busy="true"]',
  '[data-is-streaming="true"]',
  '[data-streaming-complete="false"]',
].join(', ');

const GENERIC_WATCHED = [
  'aria-busy',
  'aria-label',
  'data-testid',
  'data-is-streaming',
  'data-streaming-complete',
];

const HEURISTIC_SETTLE_MS = 1500;

function hasChildWithClass(element: Element, className: string): boolean {
  for (const child of element.children) if (child.classList.contains(className)) return true;
  return false;
}

/**
 * www.perplexity.ai. Saved page: each answer is `div[id^="markdown-content-"]`; the question is an `h1`
 * whose text is in `.select-text`.
 */
export const perplexityProfile: DomProfile = {
  site: 'perplexity',
  hosts: ['www.perplexity.ai', 'perplexity.ai'],
  settleMs: 1000,
  conversationPaths: [/\/search\/([^/?#]+)/],
  turn: '[id^="markdown-content-"]',
  content: '[data-renderer="lm"], .prose',
  chrome: '[data-testid="code-language-indicator"]',
  user: 'h1[class*="group/query"]',
  userContent: '.select-text',
  streamingInTurn: GENERIC_STREAMING_IN_TURN,
  stopControl: GENERIC_STOP_CONTROL,
  watchedAttributes: GENERIC_WATCHED,
};

/**
 * chat.deepseek.com. Saved page: user and assistant messages are both `.ds-message`; a reply holds a direct
 * `.ds-markdown` child (the answer) next to the collapsed thinking block; `data-virtual-list-item-key` on the
 * row identifies the message.
 */
export const deepseekProfile: DomProfile = {
  site: 'deepseek',
  hosts: ['chat.deepseek.com'],
  settleMs: 1000,
  conversationPaths: [/\/chat\/s\/([^/?#]+)/, /\/s\/([^/?#]+)/],
  turn: '.ds-message',
  acceptTurn: (element) => hasChildWithClass(element, 'ds-markdown'),
  messageId: (turn) => closestAttribute(turn, 'data-virtual-list-item-key'),
  content: '.ds-assistant-message-main-content',
  chrome: '.ds-think-content, .md-code-block-banner-wrap',
  user: '.ds-message',
  acceptUser: (element) => !hasChildWithClass(element, 'ds-markdown'),
  streamingInTurn: GENERIC_STREAMING_IN_TURN,
  stopControl: GENERIC_STOP_CONTROL,
  watchedAttributes: GENERIC_WATCHED,
};

/**
 * chat.mistral.ai (Le Chat). Saved page: messages carry `data-message-author-role` and `data-message-id`
 * like ChatGPT; the answer is `[data-message-part-type="answer"]` (a `.markdown-container-style` block),
 * while the reasoning, also markdown, sits in an inert collapsible region.
 */
export const mistralProfile: DomProfile = {
  site: 'mistral',
  hosts: ['chat.mistral.ai'],
  settleMs: 1000,
  conversationPaths: [/\/chat\/([^/?#]+)/],
  turn: '[data-message-author-role="assistant"]',
  messageId: (turn) => turn.getAttribute('data-message-id'),
  content: '[data-message-part-type="answer"], .markdown-container-style',
  chrome: '[role="region"]',
  user: '[data-message-author-role="user"]',
  userContent: '.select-text',
  streamingInTurn: GENERIC_STREAMING_IN_TURN,
  stopControl: GENERIC_STOP_CONTROL,
  watchedAttributes: GENERIC_WATCHED,
};

/**
 * www.meta.ai. Saved page: replies are `[data-testid="assistant-message"]` with
 * `data-streaming-complete="true"` once done; the question and its reply share the row's `data-message-id`.
 */
export const metaProfile: DomProfile = {
  site: 'meta',
  hosts: ['www.meta.ai'],
  settleMs: 1000,
  conversationPaths: [/\/prompt\/([^/?#]+)/, /\/c\/([^/?#]+)/],
  turn: '[data-testid="assistant-message"]',
  messageId: (turn) => closestAttribute(turn, 'data-message-id'),
  content: '.markdown-content',
  chrome: '.ur-code-block__header, [data-streamdown="code-block-header"]',
  user: '[data-message-type="user"]',
  userContent: '.whitespace-pre-wrap, .overflow-hidden',
  streamingInTurn: `${GENERIC_STREAMING_IN_TURN}, [data-streaming-state="STREAMING"]`,
  stopControl: GENERIC_STOP_CONTROL,
  watchedAttributes: [...GENERIC_WATCHED, 'data-streaming-state'],
};

/** Markers several chat front ends use for message authorship; used where no saved page was available. */
const HEURISTIC_ASSISTANT = [
  '[data-message-author-role="assistant"]',
  '[data-role="assistant"]',
  '[data-author="assistant"]',
  '[data-testid="assistant-message"]',
  '[data-message-type="assistant"]',
  '[data-content="ai-message"]',
  '[class*="botMessageBubble"]',
].join(', ');

const HEURISTIC_USER = [
  '[data-message-author-role="user"]',
  '[data-role="user"]',
  '[data-author="user"]',
  '[data-testid="user-message"]',
  '[data-message-type="user"]',
  '[data-content="user-message"]',
  '[class*="humanMessageBubble"]',
].join(', ');

function heuristicProfile(
  site: string,
  hosts: readonly string[],
  conversationPaths: readonly RegExp[],
): DomProfile {
  return {
    site,
    hosts,
    settleMs: HEURISTIC_SETTLE_MS,
    conversationPaths,
    turn: HEURISTIC_ASSISTANT,
    messageId: (turn) => turn.getAttribute('data-message-id'),
    content: '.markdown, .prose, [class*="markdown"]',
    user: HEURISTIC_USER,
    streamingInTurn: GENERIC_STREAMING_IN_TURN,
    stopControl: GENERIC_STOP_CONTROL,
    watchedAttributes: GENERIC_WATCHED,
  };
}

export const GENERIC_PROFILES: readonly DomProfile[] = [
  perplexityProfile,
  deepseekProfile,
  mistralProfile,
  metaProfile,
  heuristicProfile('copilot', ['copilot.microsoft.com'], [/\/chats\/([^/?#]+)/]),
  heuristicProfile('character', ['character.ai'], [/\/chat\/([^/?#]+)/]),
  heuristicProfile('poe', ['poe.com'], [/\/chat\/([^/?#]+)/]),
  heuristicProfile('grok', ['grok.com'], [/\/c\/([^/?#]+)/, /\/chat\/([^/?#]+)/]),
];

export const GENERIC_ADAPTERS: readonly SiteAdapter[] = GENERIC_PROFILES.map(adapterFromProfile);
