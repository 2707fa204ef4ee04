/** Bit set by compareDocumentPosition when the argument node comes after the receiver. */
const DOCUMENT_POSITION_FOLLOWING = 4;

/**
 * The last element matching `selector` (and `accept`, when given) that comes before `turn` in document order
 * and is neither inside it nor around it: the user message a reply answers.
 */
export function lastMatchBefore(
  turn: Element,
  selector: string,
  accept: (candidate: Element) => boolean = () => true,
): Element | null {
  const root = turn.getRootNode() as ParentNode;
  if (typeof root.querySelectorAll !== 'function') return null;
  const candidates = root.querySelectorAll(selector);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const candidate = candidates[i];
    if (candidate === undefined || candidate.contains(turn) || turn.contains(candidate)) continue;
    if (candidate.compareDocumentPosition(turn) & DOCUMENT_POSITION_FOLLOWING && accept(candidate)) {
      return candidate;
    }
  }
  return null;
}
