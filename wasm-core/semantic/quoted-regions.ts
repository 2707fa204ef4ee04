import type { Span } from '../types.ts';
import { lastAtOrBefore } from './sorted-positions.ts';
import { isLetterOrDigitUnit } from './unit-classes.ts';

/**
 * Quoted text in the ORIGINAL reply: what an assistant shows rather than says. Found in one pass:
 *   - double quotes: straight "…", curly “…”, low „…“, guillemets «…» and »…«;
 *   - single quotes: curly ‘…’ and straight '…', told apart from apostrophes by their neighbours (an opening
 *     quote follows no letter and precedes a visible character; a closing one follows a visible character
 *     and precedes no letter), and at most SINGLE_QUOTE_MAX code units long;
 *   - Markdown code: ``` fenced blocks ``` and `inline code`;
 *   - Markdown block quotes: lines starting with ">".
 * A quote never crosses a line break (chat replies do not wrap quoted lines); one left open at the end of a
 * line is dropped, so a stray quote mark cannot swallow the rest of the reply. Fenced code may span lines.
 * The result is merged: ascending, non-overlapping spans, each including its quote marks.
 */
export const SINGLE_QUOTE_MAX = 240;

function isLetterOrDigit(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return isLetterOrDigitUnit(text.charCodeAt(index));
}

function isBlank(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  const code = text.charCodeAt(index);
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0;
}

/** ASCII units the scan acts on: line breaks, backticks, straight quotes. */
const QUOTE_RELEVANT_ASCII = new Uint8Array(0x80);
for (const code of [0x0a, 0x0d, 0x60, 0x22, 0x27]) QUOTE_RELEVANT_ASCII[code] = 1;

/** Whether quotedRegions() does anything at a unit (other than count it against an open single quote). */
function isQuoteRelevant(code: number): boolean {
  if (code < 0x80) return QUOTE_RELEVANT_ASCII[code] === 1;
  return (
    code === 0xab ||
    code === 0xbb ||
    code === 0x2018 ||
    code === 0x2019 ||
    code === 0x201c ||
    code === 0x201d ||
    code === 0x201e
  );
}

const DOUBLE_OPEN = new Map<number, number>([
  [0x201c, 0x201d], // “ ”
  [0x201e, 0x201c], // „ “
  [0x00ab, 0x00bb], // « »
  [0x00bb, 0x00ab], // » « (German order)
]);

export function quotedRegions(text: string, limit: number = text.length): Span[] {
  const n = Math.min(limit, text.length);
  const regions: Span[] = [];
  // Open double quote: its offset and the code unit that closes it (0x22 for a straight quote).
  let doubleAt = -1;
  let doubleCloser = 0;
  let singleAt = -1;
  let lineStart = true;

  let i = 0;
  while (i < n) {
    if (!lineStart) {
      // Most units open, close and end nothing: for them the loop below would only let an open single quote
      // run out, so they are passed over in a tight loop and the quote's length is checked once after them.
      const from = i;
      while (i < n && !isQuoteRelevant(text.charCodeAt(i))) i++;
      if (i > from && singleAt >= 0 && i - 1 - singleAt > SINGLE_QUOTE_MAX) singleAt = -1;
      if (i >= n) break;
    }
    const code = text.charCodeAt(i);

    if (code === 0x0a || code === 0x0d) {
      doubleAt = -1;
      singleAt = -1;
      lineStart = true;
      i++;
      continue;
    }
    if (lineStart) {
      if (code === 0x20 || code === 0x09) {
        i++;
        continue;
      }
      lineStart = false;
      if (code === 0x3e) {
        // "> quoted line": the whole line is shown, not said.
        let end = i;
        while (end < n && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
        regions.push({ start: i, end });
        i = end;
        continue;
      }
    }

    if (code === 0x60) {
      // ``` fence: up to the closing fence (or the end); `inline`: up to the next backtick on the line.
      if (text.startsWith('```', i)) {
        const close = text.indexOf('```', i + 3);
        const end = close < 0 || close + 3 > n ? n : close + 3;
        regions.push({ start: i, end });
        i = end;
        continue;
      }
      let end = i + 1;
      while (end < n && text.charCodeAt(end) !== 0x60 && text.charCodeAt(end) !== 0x0a) end++;
      if (end < n && text.charCodeAt(end) === 0x60) {
        regions.push({ start: i, end: end + 1 });
        i = end + 1;
        continue;
      }
      i++;
      continue;
    }

    if (doubleAt >= 0 && code === doubleCloser) {
      regions.push({ start: doubleAt, end: i + 1 });
      doubleAt = -1;
    } else if (doubleAt < 0 && code === 0x22) {
      doubleAt = i;
      doubleCloser = 0x22;
    } else if (doubleAt < 0 && code >= 0xab && DOUBLE_OPEN.has(code)) {
      doubleAt = i;
      doubleCloser = DOUBLE_OPEN.get(code) as number;
    } else if (code === 0x2018 || code === 0x2019 || code === 0x27) {
      const wordBefore = isLetterOrDigit(text, i - 1);
      const wordAfter = isLetterOrDigit(text, i + 1);
      const closes = singleAt >= 0 && !isBlank(text, i - 1) && !wordAfter && code !== 0x2018;
      if (closes) {
        regions.push({ start: singleAt, end: i + 1 });
        singleAt = -1;
      } else if (!wordBefore && !isBlank(text, i + 1) && code !== 0x2019) {
        singleAt = i;
      }
    }
    if (singleAt >= 0 && i - singleAt > SINGLE_QUOTE_MAX) singleAt = -1;
    i++;
  }
  return mergeRegions(regions);
}

function byStartThenLongest(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

function mergeRegions(regions: Span[]): Span[] {
  regions.sort(byStartThenLongest);
  const merged: Span[] = [];
  for (const region of regions) {
    const last = merged[merged.length - 1];
    if (last && region.start < last.end) last.end = Math.max(last.end, region.end);
    else merged.push({ start: region.start, end: region.end });
  }
  return merged;
}

/** Index of the merged region that contains [start, end) entirely, or −1. `starts` = regions' start offsets. */
export function containingRegion(
  regions: readonly Span[],
  starts: ArrayLike<number>,
  start: number,
  end: number,
) {
  const index = lastAtOrBefore(starts, start);
  if (index < 0) return -1;
  const region = regions[index] as Span;
  return region.end >= end ? index : -1;
}
