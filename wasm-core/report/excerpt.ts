import type { TechniqueId } from '../taxonomy.ts';
import type { Excerpt, Span } from '../types.ts';

/** SPEC §7: the footprint keeps no raw text beyond excerpts of at most this many characters. */
export const EXCERPT_MAX_LENGTH = 200;

const ELLIPSIS = '…';

function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * A window of at most EXCERPT_MAX_LENGTH characters around the first of `spans`, cut at word boundaries,
 * with an ellipsis where text was cut off. Every span of the technique that falls inside the window is
 * highlighted. Whitespace runs keep their length but become plain spaces, so the excerpt reads as one
 * line. Returns null when there is no span to show (a finding of the model alone has no evidence in the text).
 */
export function buildExcerpt(text: string, technique: TechniqueId, spans: readonly Span[]): Excerpt | null {
  const ordered = spans
    .filter((span) => span.end > span.start && span.start >= 0 && span.end <= text.length)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const anchor = ordered[0];
  if (!anchor) return null;

  const budget = EXCERPT_MAX_LENGTH - 2 * ELLIPSIS.length;
  let start: number;
  let end: number;
  if (text.length <= EXCERPT_MAX_LENGTH) {
    start = 0;
    end = text.length;
  } else {
    const anchorLength = Math.min(anchor.end - anchor.start, budget);
    const pad = Math.floor((budget - anchorLength) / 2);
    start = Math.max(0, anchor.start - pad);
    end = Math.min(text.length, start + budget);
    start = Math.max(0, end - budget);
    // Do not start or end in the middle of a word unless the anchor itself is there.
    if (start > 0 && !isWhitespace(text[start - 1])) {
      let next = start;
      while (next < anchor.start && !isWhitespace(text[next])) next++;
      if (next < anchor.start) start = next + 1;
    }
    if (end < text.length && !isWhitespace(text[end])) {
      let previous = end;
      while (previous > anchor.end && !isWhitespace(text[previous - 1])) previous--;
      if (previous > anchor.end) end = previous - 1;
    }
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  }
  while (start < anchor.start && isWhitespace(text[start])) start++;
  while (end > anchor.end && isWhitespace(text[end - 1])) end--;

  const prefix = text.slice(0, start).trim() === '' ? '' : ELLIPSIS;
  const suffix = text.slice(end).trim() === '' ? '' : ELLIPSIS;
  const highlights: Span[] = [];
  for (const span of ordered) {
    const from = Math.max(span.start, start);
    const to = Math.min(span.end, end);
    if (to <= from) continue;
    const highlight = { start: from - start + prefix.length, end: to - start + prefix.length };
    const last = highlights[highlights.length - 1];
    if (last && highlight.start <= last.end) last.end = Math.max(last.end, highlight.end);
    else highlights.push(highlight);
  }
  const body = text.slice(start, end).replace(/\s/g, ' ');
  return { technique, text: `${prefix}${body}${suffix}`, highlights };
}
