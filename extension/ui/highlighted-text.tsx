import type { Span } from '../../wasm-core/types.ts';

/** Text with its highlighted ranges wrapped in <mark>, which screen readers announce as highlighted. */
export function HighlightedText({ text, highlights }: { text: string; highlights: readonly Span[] }) {
  const parts = [];
  let at = 0;
  const ordered = [...highlights].sort((a, b) => a.start - b.start);
  for (const { start, end } of ordered) {
    const from = Math.max(start, at);
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > at) parts.push(text.slice(at, from));
    parts.push(<mark key={from}>{text.slice(from, to)}</mark>);
    at = to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
