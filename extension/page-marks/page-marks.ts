import type { RiskLevel } from '../../wasm-core/types.ts';

/** Attribute set on each analysed assistant turn element; highlights and warnings build on it. */
export const MARK_ATTRIBUTE = 'data-cogfw';

/** `pending` while the analysis runs; `error` when it failed (the turn is left unanalysed). */
export type MarkState = RiskLevel | 'pending' | 'error';

/**
 * Remembers the mark of every turn by its key, so a mark survives the site re-rendering a reply into a new
 * element, and an answer arriving after such a re-render lands on the element now on the page.
 */
export class PageMarks {
  private readonly marks = new Map<string, { element: Element; state: MarkState }>();

  set(key: string, element: Element, state: MarkState): void {
    this.marks.set(key, { element, state });
    apply(element, state);
  }

  /** Records the turn's latest answer and marks the element the turn currently lives in. */
  update(key: string, state: MarkState): void {
    const mark = this.marks.get(key);
    if (!mark) return;
    mark.state = state;
    apply(mark.element, state);
  }

  /** The turn was seen again, possibly as a new element: move its mark there. */
  track(key: string, element: Element): void {
    const mark = this.marks.get(key);
    if (!mark) return;
    mark.element = element;
    apply(element, mark.state);
  }

  /** The element the turn lives in now (after any re-render seen so far). */
  elementOf(key: string): Element | undefined {
    return this.marks.get(key)?.element;
  }

  stateOf(key: string): MarkState | undefined {
    return this.marks.get(key)?.state;
  }

  clear(): void {
    for (const { element } of this.marks.values()) element.removeAttribute(MARK_ATTRIBUTE);
    this.marks.clear();
  }
}

function apply(element: Element, state: MarkState): void {
  // Writing only on change keeps the page's own MutationObservers quiet.
  if (element.getAttribute(MARK_ATTRIBUTE) !== state) element.setAttribute(MARK_ATTRIBUTE, state);
}
