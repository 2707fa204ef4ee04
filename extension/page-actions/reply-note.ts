import type { PrincipleAtStake } from '../messages.ts';
import type { ActionPlan } from './action-plan.ts';
import { blurOverlay } from './blur-overlay.ts';
import { explanationMarker, type MarkedPhrase } from './explanation-popover.ts';
import { REPLY_NOTE_CSS } from './reply-note-styles.ts';
import { warningBanner } from './warning-banner.ts';

/** The element the extension puts before an annotated reply; everything it shows lives in its shadow root. */
export const REPLY_NOTE_TAG = 'cogfw-reply-note';

/** Ids only need to be unique inside one shadow root. */
const ID = 'cogfw';

export interface ReplyNoteView {
  plan: ActionPlan;
  principles: readonly PrincipleAtStake[];
  phrases: readonly MarkedPhrase[];
  /** Read the warning out as it appears (a reply that just arrived). */
  announce: boolean;
  /** The user chose to show the blurred reply. */
  acknowledged: boolean;
  onShowReply(): void;
}

/**
 * The extension's annotation of one reply, placed right before the reply's element: the marker with its
 * explanation, the warning, and over a blurred reply the overlay with "Show reply". It is a shadow host, so
 * the site's styles cannot break it and its styles cannot touch the site.
 */
export class ReplyNote {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly doc: Document;
  private curtain: HTMLElement | null = null;
  private covered: Element | null = null;
  private resizeObserver: ResizeObserver | null = null;

  constructor(doc: Document) {
    this.doc = doc;
    this.host = doc.createElement(REPLY_NOTE_TAG);
    // Inline, so no page rule short of !important changes how the host itself is laid out.
    this.host.setAttribute(
      'style',
      'all: initial; display: block; position: relative; z-index: 2; margin: 0 0 0.5rem 0;',
    );
    this.root = this.host.attachShadow({ mode: 'open' });
  }

  render(view: ReplyNoteView): void {
    const { doc } = this;
    const style = doc.createElement('style');
    style.textContent = REPLY_NOTE_CSS;
    const parts: HTMLElement[] = [];
    if (view.plan.warn && view.principles.length > 0) {
      parts.push(warningBanner(doc, ID, view.principles, view.announce));
    }
    if (view.plan.highlight && (view.principles.length > 0 || view.phrases.length > 0)) {
      parts.push(explanationMarker(doc, ID, view.principles, view.phrases));
    }
    this.curtain = view.plan.blur && !view.acknowledged ? blurOverlay(doc, ID, view.onShowReply) : null;
    if (this.curtain) parts.push(this.curtain);
    const note = doc.createElement('div');
    note.className = 'note';
    note.append(...parts);
    this.root.replaceChildren(style, note);
    this.fitCurtain();
  }

  /** Keeps the note right before the reply's element, wherever the site has put (or re-rendered) it. */
  placeBefore(turn: Element): void {
    if (this.host.isConnected && this.host.nextElementSibling === turn) return;
    // A site that re-renders by cloning takes along a copy of the host without its shadow root: drop it.
    const stale = turn.previousElementSibling;
    if (stale && stale !== this.host && stale.localName === REPLY_NOTE_TAG && !stale.shadowRoot)
      stale.remove();
    turn.before(this.host);
    this.fitCurtain();
  }

  /** The overlay follows the covered reply's size, so it lies over the whole blurred reply. */
  cover(turn: Element | null): void {
    if (this.covered === turn) return;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.covered = turn;
    const View = this.doc.defaultView?.ResizeObserver;
    if (turn && View) {
      this.resizeObserver = new View(() => this.fitCurtain());
      this.resizeObserver.observe(turn);
    }
    this.fitCurtain();
  }

  /** Moves focus to the warning (after "Show reply", whose button is gone). */
  focusWarning(): void {
    const warning = this.root.querySelector<HTMLElement>('.warning');
    warning?.focus();
  }

  remove(): void {
    this.cover(null);
    this.host.remove();
  }

  private fitCurtain(): void {
    const curtain = this.curtain;
    const turn = this.covered;
    if (!curtain || !turn || !this.host.isConnected) return;
    const hostBox = this.host.getBoundingClientRect();
    const turnBox = turn.getBoundingClientRect();
    curtain.style.top = `${Math.max(0, turnBox.top - hostBox.top)}px`;
    curtain.style.height = `${Math.max(0, turnBox.height)}px`;
  }
}
