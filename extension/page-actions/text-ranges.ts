import type { TextMap } from '../site-adapters/turn-text.ts';

/**
 * The places in the page that hold text[start, end) of a turn's extracted text: one Range per stretch that
 * comes from a single text node. Units the extraction added (line breaks between blocks, cell tabs) belong
 * to no node and split the span, so a Range never reaches over a skipped element (a copy button, hidden
 * reasoning) that sits between two pieces of the reply.
 */
export function rangesForSpan(map: TextMap, start: number, end: number): Range[] {
  const ranges: Range[] = [];
  let node: Text | null = null;
  let first = 0;
  let last = 0;
  const flush = () => {
    if (!node) return;
    const range = node.ownerDocument.createRange();
    range.setStart(node, first);
    range.setEnd(node, last + 1);
    ranges.push(range);
    node = null;
  };
  const to = Math.min(end, map.text.length);
  for (let i = Math.max(0, start); i < to; i++) {
    const source = map.nodes[i] ?? null;
    const offset = map.offsets[i] ?? 0;
    if (source !== node || source === null || offset <= last) flush();
    if (source === null) continue;
    if (node === null) {
      node = source;
      first = offset;
    }
    last = offset;
  }
  flush();
  return ranges;
}

/**
 * True when text[start, end) of the page's text now is what was analysed: the site may have changed the
 * reply since (an edit, a regenerated answer in the same element), and stale offsets must mark nothing.
 */
export function spanStillReads(map: TextMap, analysedText: string, start: number, end: number): boolean {
  return end <= map.text.length && map.text.slice(start, end) === analysedText.slice(start, end);
}
