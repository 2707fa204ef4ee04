import { cleanModelName } from './model-name.ts';
import { lastMatchBefore } from './preceding-match.ts';
import type { SiteAdapter } from './site-adapter.ts';
import {
  BASE_CHROME_SELECTOR,
  extractText,
  extractTextMap,
  extractTextMapOfAll,
  extractTextOfAll,
  type TextMap,
} from './turn-text.ts';

/**
 * A site described as data: which selectors mark assistant turns, their content, the user's messages and
 * the streaming state. Most chat sites differ only in these, so each adapter is one profile.
 */
export interface DomProfile {
  site: string;
  hosts: readonly string[];
  settleMs: number;
  /** Path patterns whose first capture group is the conversation id; the first that matches wins. */
  conversationPaths: readonly RegExp[];
  /** Assistant turn elements. */
  turn: string;
  /** Drops matches of `turn` that are not replies (e.g. a shared class also used for user messages). */
  acceptTurn?: (element: Element) => boolean;
  /** The page's message id for a turn, or null to fall back to the turn's position. */
  messageId?: (turn: Element) => string | null;
  /** The raw model label for a turn (cleaned by cleanModelName), or null when the page shows none. */
  model?: (turn: Element) => string | null;
  /** The reply's content blocks inside a turn; the whole turn when absent or when none is found. */
  content?: string;
  /** Site-specific UI inside replies, added to the common chrome list. */
  chrome?: string;
  /** User message elements. */
  user: string;
  acceptUser?: (element: Element) => boolean;
  /** The text part of a user message element. */
  userContent?: string;
  /** Matches the turn itself, or something inside it, only while the reply streams. */
  streamingInTurn?: string;
  /** A page-level control shown only while a reply streams (a stop button); it applies to the last turn. */
  stopControl?: string;
  /** Attributes that flip when streaming starts or stops. */
  watchedAttributes: readonly string[];
}

export function adapterFromProfile(profile: DomProfile): SiteAdapter {
  const chrome = profile.chrome ? `${BASE_CHROME_SELECTOR}, ${profile.chrome}` : BASE_CHROME_SELECTOR;

  function blocksOf(container: Element, selector: string | undefined): Element[] {
    if (!selector) return [];
    return outermost([...container.querySelectorAll(selector)]).filter(
      (block) => !insideChrome(block, container, chrome),
    );
  }

  return {
    site: profile.site,
    hosts: profile.hosts,
    settleMs: profile.settleMs,
    watchedAttributes: profile.watchedAttributes,

    conversationId(url: URL): string | null {
      for (const pattern of profile.conversationPaths) {
        const id = pattern.exec(url.pathname)?.[1];
        if (id) return decodeURIComponent(id);
      }
      return null;
    },

    findAssistantTurns(root: ParentNode): Element[] {
      const all = [...root.querySelectorAll(profile.turn)];
      const accepted = profile.acceptTurn ? all.filter(profile.acceptTurn) : all;
      return outermost(accepted);
    },

    messageId(turn: Element, index: number): string {
      return profile.messageId?.(turn) || `i${index}`;
    },

    model(turn: Element): string | undefined {
      return cleanModelName(profile.model?.(turn));
    },

    turnText(turn: Element): string {
      const blocks = blocksOf(turn, profile.content);
      return blocks.length > 0 ? extractTextOfAll(blocks, chrome) : extractText(turn, chrome);
    },

    turnTextMap(turn: Element): TextMap {
      const blocks = blocksOf(turn, profile.content);
      return blocks.length > 0 ? extractTextMapOfAll(blocks, chrome) : extractTextMap(turn, chrome);
    },

    previousUserText(turn: Element): string | undefined {
      const user = lastMatchBefore(turn, profile.user, profile.acceptUser);
      if (!user) return undefined;
      const blocks = blocksOf(user, profile.userContent);
      const text = blocks.length > 0 ? extractTextOfAll(blocks, chrome) : extractText(user, chrome);
      return text || undefined;
    },

    isStreaming(turn: Element, isLast: boolean): boolean {
      const marker = profile.streamingInTurn;
      if (marker && (turn.matches(marker) || turn.querySelector(marker) !== null)) return true;
      return (
        isLast &&
        profile.stopControl !== undefined &&
        turn.ownerDocument.querySelector(profile.stopControl) !== null
      );
    },
  };
}

/** Keeps only elements not contained in another element of the list (nested matches would double text). */
export function outermost(elements: readonly Element[]): Element[] {
  const kept: Element[] = [];
  for (const element of elements) {
    const previous = kept[kept.length - 1];
    // Document order puts an ancestor right before its descendants, so checking the last kept one suffices.
    if (previous?.contains(element)) continue;
    kept.push(element);
  }
  return kept;
}

function insideChrome(block: Element, container: Element, chrome: string): boolean {
  const hit = block.parentElement?.closest(chrome);
  return hit !== null && hit !== undefined && container.contains(hit) && hit !== container;
}

/** The value of an attribute on the closest element (the turn itself included) that has it. */
export function closestAttribute(turn: Element, attribute: string): string | null {
  return turn.closest(`[${attribute}]`)?.getAttribute(attribute) || null;
}
