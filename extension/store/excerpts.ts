import { buildExcerpt, EXCERPT_MAX_LENGTH } from '../../wasm-core/report/excerpt.ts';
import type { Excerpt, Finding, Span } from '../../wasm-core/types.ts';

export { EXCERPT_MAX_LENGTH };
export const EXCERPTS_PER_FINDING = 2;

/**
 * Up to two excerpts per finding (SPEC §7: ≤ 200 characters each, the only raw text the footprint keeps).
 * The second one is anchored on the first span the first excerpt does not show, so the two never repeat
 * the same evidence.
 */
export function buildExcerpts(text: string, findings: readonly Finding[]): Excerpt[] {
  const excerpts: Excerpt[] = [];
  for (const finding of findings) {
    let remaining: Span[] = finding.spans
      .filter((span) => span.end > span.start && span.start >= 0 && span.end <= text.length)
      .sort((a, b) => a.start - b.start);
    for (let taken = 0; taken < EXCERPTS_PER_FINDING; taken++) {
      const anchor = remaining[0];
      if (!anchor) break;
      const excerpt = buildExcerpt(text, finding.technique, remaining);
      if (!excerpt) break;
      excerpts.push(excerpt);
      const shownUntil = endInText(text, excerpt, anchor) ?? anchor.start + EXCERPT_MAX_LENGTH;
      remaining = remaining.filter((span) => span.start >= shownUntil);
    }
  }
  return excerpts;
}

const ELLIPSIS = '…';

/**
 * Where in the original text an excerpt ends. An excerpt is the original window with whitespace turned
 * into spaces and an ellipsis on each side that was cut, and its first highlight is its anchor; the one
 * reading that reproduces the excerpt from the text gives the window. Null when no reading fits: the
 * caller then falls back to the longest window an excerpt can have.
 */
function endInText(text: string, excerpt: Excerpt, anchor: Span): number | null {
  const first = excerpt.highlights[0];
  if (!first) return null;
  for (const prefix of [0, 1]) {
    for (const suffix of [0, 1]) {
      const start = anchor.start - (first.start - prefix);
      const length = excerpt.text.length - prefix - suffix;
      if (start < 0 || length <= 0 || start + length > text.length) continue;
      const body = text.slice(start, start + length).replace(/\s/g, ' ');
      const rendered = `${prefix ? ELLIPSIS : ''}${body}${suffix ? ELLIPSIS : ''}`;
      if (rendered === excerpt.text) return start + length;
    }
  }
  return null;
}
