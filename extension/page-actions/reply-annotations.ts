import type { ReplyGuidance } from '../messages.ts';
import type { TextMap } from '../site-adapters/turn-text.ts';
import { actionPlan, showsAnything } from './action-plan.ts';
import { blurTurn, unblurTurn } from './blur-overlay.ts';
import type { MarkedPhrase } from './explanation-popover.ts';
import { FindingHighlights } from './finding-highlights.ts';
import { ReplyNote } from './reply-note.ts';
import { rangesForSpan, spanStillReads } from './text-ranges.ts';

export interface AnnotatedReply {
  guidance: ReplyGuidance;
  /** The text that was analysed: the highlights' offsets point into it. */
  text: string;
  /** The reply just arrived (it was not recorded before): its warning is read out. */
  announce: boolean;
}

export interface ReplyAnnotationsOptions {
  /** The turn's text and its sources, built exactly as the text that was analysed (the site's adapter). */
  textMap(turn: Element): TextMap;
  highlights?: FindingHighlights;
}

interface Annotation extends AnnotatedReply {
  element: Element;
  note: ReplyNote | null;
  acknowledged: boolean;
  /** The element the ranges were computed in, and the ranges: recomputed when either goes stale. */
  mappedIn: Element | null;
  ranges: Range[];
  phrases: MarkedPhrase[];
}

/**
 * What the page shows for each analysed reply, by turn key: highlights, the marker and its explanation, the
 * warning and the blur, as the reply's action asks. Like PageMarks it remembers everything by key, so when
 * the site re-renders a reply into a new element (or replaces its text nodes) the annotation follows: the
 * spans are mapped again, the note is put back before the reply, and a reply the user has not chosen to
 * see is blurred again. Re-applying an unchanged annotation writes nothing to the page.
 */
export class ReplyAnnotations {
  private readonly annotations = new Map<string, Annotation>();
  private readonly highlights: FindingHighlights;

  constructor(private readonly options: ReplyAnnotationsOptions) {
    this.highlights = options.highlights ?? new FindingHighlights();
  }

  show(key: string, element: Element, reply: AnnotatedReply): void {
    const previous = this.annotations.get(key);
    if (previous) this.remove(key, previous);
    const annotation: Annotation = {
      ...reply,
      element,
      note: null,
      acknowledged: false,
      mappedIn: null,
      ranges: [],
      phrases: [],
    };
    this.annotations.set(key, annotation);
    this.apply(key, annotation);
  }

  /** The turn was seen again, possibly as a new element. */
  track(key: string, element: Element): void {
    const annotation = this.annotations.get(key);
    if (!annotation) return;
    if (annotation.element !== element) {
      unblurTurn(annotation.element);
      annotation.element = element;
    }
    this.apply(key, annotation);
  }

  /** Takes down what belongs to replies no longer on the page (after a navigation); it returns on track(). */
  prune(): void {
    for (const [key, annotation] of this.annotations) {
      if (annotation.element.isConnected) continue;
      this.highlights.clear(key);
      annotation.note?.remove();
      annotation.mappedIn = null;
      annotation.ranges = [];
    }
  }

  /** Removes everything the extension added to the page. */
  clear(): void {
    for (const [key, annotation] of this.annotations) this.remove(key, annotation);
    this.annotations.clear();
  }

  private remove(key: string, annotation: Annotation): void {
    this.highlights.clear(key);
    annotation.note?.remove();
    unblurTurn(annotation.element);
  }

  private apply(key: string, annotation: Annotation): void {
    const plan = actionPlan(annotation.guidance.action);
    if (!showsAnything(plan)) return;
    const { element } = annotation;
    let changed = annotation.note === null;
    if (plan.highlight && this.rangesStale(annotation)) {
      const before = annotation.phrases.map((p) => p.span);
      this.mapSpans(annotation);
      this.highlights.show(key, annotation.ranges);
      const after = annotation.phrases.map((p) => p.span);
      changed ||= before.length !== after.length || before.some((span, i) => span !== after[i]);
    }
    const blurred = plan.blur && !annotation.acknowledged;
    if (blurred) blurTurn(element);
    else unblurTurn(element);

    annotation.note ??= new ReplyNote(element.ownerDocument);
    const note = annotation.note;
    if (changed) {
      note.render({
        plan,
        principles: annotation.guidance.principles,
        phrases: annotation.phrases,
        // Only the first appearance is read out; re-attaching after a re-render is not news.
        announce: annotation.announce,
        acknowledged: annotation.acknowledged,
        onShowReply: () => this.acknowledge(key),
      });
      annotation.announce = false;
    }
    note.placeBefore(element);
    note.cover(blurred ? element : null);
  }

  private acknowledge(key: string): void {
    const annotation = this.annotations.get(key);
    if (!annotation || annotation.acknowledged) return;
    annotation.acknowledged = true;
    unblurTurn(annotation.element);
    annotation.note?.render({
      plan: actionPlan(annotation.guidance.action),
      principles: annotation.guidance.principles,
      phrases: annotation.phrases,
      announce: false,
      acknowledged: true,
      onShowReply: () => this.acknowledge(key),
    });
    annotation.note?.cover(null);
    annotation.note?.focusWarning();
  }

  private rangesStale(annotation: Annotation): boolean {
    if (annotation.mappedIn !== annotation.element) return true;
    // A live Range whose text node was removed collapses onto the node's parent.
    return annotation.ranges.some(
      (range) =>
        range.collapsed ||
        !range.startContainer.isConnected ||
        !annotation.element.contains(range.startContainer),
    );
  }

  private mapSpans(annotation: Annotation): void {
    const map = this.options.textMap(annotation.element);
    const ranges: Range[] = [];
    const phrases: MarkedPhrase[] = [];
    for (const span of annotation.guidance.highlights) {
      if (!spanStillReads(map, annotation.text, span.start, span.end)) continue;
      ranges.push(...rangesForSpan(map, span.start, span.end));
      phrases.push({ span, text: annotation.text.slice(span.start, span.end) });
    }
    annotation.mappedIn = annotation.element;
    annotation.ranges = ranges;
    annotation.phrases = phrases;
  }
}
