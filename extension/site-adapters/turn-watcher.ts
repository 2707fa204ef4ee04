import type { ChatTurn } from '../../wasm-core/types.ts';
import type { SiteAdapter } from './site-adapter.ts';

export interface TurnWatcherOptions {
  adapter: SiteAdapter;
  /** Called once per (site, conversationId, messageId) when a reply is complete. */
  onTurn: (turn: ChatTurn, element: Element, key: string) => void;
  /** Called on every scan for turns emitted earlier: their element may have been re-rendered. */
  onKnownTurn?: (key: string, element: Element) => void;
  document?: Document;
  /** The page URL; defaults to the document's location. */
  currentUrl?: () => string;
  /** Minimum gap between scans caused by page mutations. */
  throttleMs?: number;
  /** Overrides the adapter's settle time. */
  settleMs?: number;
  now?: () => number;
}

export interface TurnWatcher {
  start(): void;
  stop(): void;
  /** Asks for a scan soon (e.g. after a navigation event); coalesced with pending ones. */
  poke(): void;
  /** Runs a scan synchronously. */
  scanNow(): void;
}

/**
 * Where a not-yet-emitted turn stands: a cheap fingerprint of its content (the element's raw textContent,
 * which the browser computes natively) when last read, and since when it has been unchanged.
 */
interface Candidate {
  fingerprint: string | null;
  since: number;
  /** Settled, but holds no text once chrome is removed: left alone until its content changes. */
  empty?: boolean;
}

/** What was reported for an element, so a re-render under a different key is recognised as the same reply. */
interface Emitted {
  key: string;
  fingerprint: string;
  /** Other keys under which this element was confirmed to be the same reply. */
  aliases: Set<string>;
}

const DEFAULT_THROTTLE_MS = 250;
const IDLE_TIMEOUT_MS = 1000;
/** Text extraction is the costly step; a long conversation opened at once is reported over several scans. */
const MAX_EMITS_PER_SCAN = 8;

export function turnKey(site: string, conversationId: string, messageId: string): string {
  return `${site}|${conversationId}|${messageId}`;
}

/**
 * Finds completed assistant turns and reports each exactly once. Page mutations only schedule a scan (timer
 * then idle callback), so the page's own rendering is never held up; a scan reads attributes first and
 * extracts text only for turns that are not yet emitted and no longer streaming. A reply counts as complete
 * when its site says streaming is over and its text has not changed for the settle time.
 */
export function createTurnWatcher(options: TurnWatcherOptions): TurnWatcher {
  const { adapter, onTurn, onKnownTurn } = options;
  const doc = options.document ?? document;
  const now = options.now ?? Date.now;
  const throttleMs = options.throttleMs ?? DEFAULT_THROTTLE_MS;
  const settleMs = options.settleMs ?? adapter.settleMs;
  const currentUrl = options.currentUrl ?? (() => doc.location.href);
  const view = doc.defaultView;
  const Observer = view?.MutationObserver ?? MutationObserver;

  const emittedKeys = new Set<string>();
  // When an unsaved chat gets its id, every key changes while the elements stay: the same element with the
  // same content is the same reply and must not be reported again. It is not added to emittedKeys under the
  // new key, so a different reply taking that position later (after a navigation) is still reported.
  const emitted = new WeakMap<Element, Emitted>();
  const candidates = new Map<Element, Candidate>();

  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDueAt = Number.POSITIVE_INFINITY;
  let idleHandle: number | undefined;
  let running = false;
  let conversationSource: string | null | undefined;
  let conversationId = '';
  let draftCounter = 0;

  function schedule(delayMs: number): void {
    if (!running) return;
    const due = now() + delayMs;
    if (timer !== undefined && timerDueAt <= due) return;
    if (timer !== undefined) clearTimeout(timer);
    timerDueAt = due;
    timer = setTimeout(() => {
      timer = undefined;
      timerDueAt = Number.POSITIVE_INFINITY;
      runWhenIdle();
    }, delayMs);
  }

  function runWhenIdle(): void {
    if (!running || idleHandle !== undefined) return;
    if (typeof globalThis.requestIdleCallback === 'function') {
      idleHandle = globalThis.requestIdleCallback(
        () => {
          idleHandle = undefined;
          scan();
        },
        { timeout: IDLE_TIMEOUT_MS },
      );
    } else {
      scan();
    }
  }

  function resolveConversation(): string {
    let source: string | null;
    try {
      source = adapter.conversationId(new URL(currentUrl()));
    } catch {
      source = null;
    }
    if (source !== conversationSource || conversationSource === undefined) {
      conversationSource = source;
      // An unsaved chat has no id yet; give each one its own so position-numbered turns of two different
      // unsaved chats never share a key.
      conversationId = source ?? `draft-${now().toString(36)}-${(draftCounter++).toString(36)}`;
      candidates.clear();
    }
    return conversationId;
  }

  function scan(): void {
    if (!running) return;
    const conversation = resolveConversation();
    const turns = adapter.findAssistantTurns(doc);
    const time = now();
    let nextCheck = Number.POSITIVE_INFINITY;
    let emits = 0;

    for (let index = 0; index < turns.length; index++) {
      const element = turns[index] as Element;
      const messageId = adapter.messageId(element, index);
      const key = turnKey(adapter.site, conversation, messageId);
      if (emittedKeys.has(key)) {
        candidates.delete(element);
        onKnownTurn?.(key, element);
        continue;
      }
      const streaming = adapter.isStreaming(element, index === turns.length - 1);
      const fingerprint = streaming ? null : (element.textContent ?? '');
      const prior = emitted.get(element);
      if (prior !== undefined && (prior.aliases.has(key) || prior.fingerprint === fingerprint)) {
        prior.aliases.add(key);
        candidates.delete(element);
        onKnownTurn?.(prior.key, element);
        continue;
      }
      if (fingerprint === null || fingerprint.trim().length === 0) {
        // Streaming, or nothing to read yet (a placeholder, an image-only reply). Streaming turns are polled
        // in case the end of streaming changes nothing the observer watches.
        candidates.set(element, { fingerprint: null, since: time });
        if (streaming) nextCheck = Math.min(nextCheck, settleMs);
        continue;
      }
      const candidate = candidates.get(element);
      if (candidate === undefined || candidate.fingerprint !== fingerprint) {
        candidates.set(element, { fingerprint, since: time });
        nextCheck = Math.min(nextCheck, settleMs);
        continue;
      }
      if (candidate.empty) continue;
      const waited = time - candidate.since;
      if (waited < settleMs) {
        nextCheck = Math.min(nextCheck, settleMs - waited);
        continue;
      }
      if (emits >= MAX_EMITS_PER_SCAN) {
        nextCheck = 0;
        break;
      }
      const text = adapter.turnText(element);
      if (text.length === 0) {
        candidate.empty = true;
        continue;
      }
      candidates.delete(element);
      emits++;
      emittedKeys.add(key);
      emitted.set(element, { key, fingerprint, aliases: new Set() });
      const previousUserText = adapter.previousUserText(element);
      const model = adapter.model(element);
      const turn: ChatTurn = {
        site: adapter.site,
        conversationId: conversation,
        messageId,
        turnIndex: index,
        role: 'assistant',
        text,
        time,
        ...(previousUserText === undefined ? {} : { previousUserText }),
        ...(model === undefined ? {} : { model }),
      };
      onTurn(turn, element, key);
    }

    const present = new Set<Element>(turns);
    for (const element of candidates.keys()) if (!present.has(element)) candidates.delete(element);
    if (nextCheck !== Number.POSITIVE_INFINITY) schedule(Math.max(nextCheck, throttleMs));
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      observer = new Observer(() => schedule(throttleMs));
      const watchAttributes = adapter.watchedAttributes.length > 0;
      observer.observe(doc, {
        childList: true,
        subtree: true,
        ...(watchAttributes ? { attributes: true, attributeFilter: [...adapter.watchedAttributes] } : {}),
      });
      view?.addEventListener('popstate', onNavigation);
      scan();
    },
    stop(): void {
      running = false;
      observer?.disconnect();
      observer = undefined;
      view?.removeEventListener('popstate', onNavigation);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      timerDueAt = Number.POSITIVE_INFINITY;
      if (idleHandle !== undefined) globalThis.cancelIdleCallback?.(idleHandle);
      idleHandle = undefined;
      candidates.clear();
    },
    poke(): void {
      schedule(throttleMs);
    },
    scanNow(): void {
      scan();
    },
  };

  function onNavigation(): void {
    schedule(throttleMs);
  }
}
