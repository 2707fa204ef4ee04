import type { TextMap } from './turn-text.ts';

/**
 * What the extension needs to know about one chat site's DOM. Everything here reads the page and nothing
 * writes to it, so an adapter can be exercised against saved pages as well as live ones.
 */
export interface SiteAdapter {
  /** Short stable name used in ChatTurn.site and in footprint keys ("chatgpt", "claude", …). */
  readonly site: string;
  /** Exact `location.host` values this adapter handles. */
  readonly hosts: readonly string[];
  /**
   * How long (ms) a finished reply's text must stay unchanged before it counts as complete. Sites whose
   * streaming markers are reliable can afford a short wait; heuristic ones need longer.
   */
  readonly settleMs: number;
  /** Attributes whose changes signal streaming starting or stopping; the watcher observes only these. */
  readonly watchedAttributes: readonly string[];
  /** The conversation id in a page URL, or null when the URL names no conversation (a new, unsaved chat). */
  conversationId(url: URL): string | null;
  /** Assistant turn elements in document order. */
  findAssistantTurns(root: ParentNode): Element[];
  /** The page's own id for a turn when it has one, else `i<index>` (position among assistant turns). */
  messageId(turn: Element, index: number): string;
  /** The reply's visible text, without UI chrome (buttons, copy labels, hidden reasoning). */
  turnText(turn: Element): string;
  /** turnText() with the text node and offset each of its characters came from (for in-page highlights). */
  turnTextMap(turn: Element): TextMap;
  /** Text of the nearest user message before this turn, if the page shows one. */
  previousUserText(turn: Element): string | undefined;
  /**
   * The model's name where the page shows it (on the reply itself, or the conversation's model picker), so
   * the behavioural layer can follow each model of a site apart; undefined when the page does not say.
   */
  model(turn: Element): string | undefined;
  /** True while the reply is still being generated. `isLast`: the turn is the last assistant turn. */
  isStreaming(turn: Element, isLast: boolean): boolean;
}
