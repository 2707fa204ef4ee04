import type { MappedRow } from './label-mapping.ts';
import type { MappedSet } from './mapped-datasets.ts';

/** Sentences: split after . ! ? (and any closing quote) before white space, and at line breaks. */
const SENTENCE_END = /(?<=[.!?]["')\]]?)\s+|\n+/u;

export function sentencesOf(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export interface SentenceViewOptions {
  /** Sets whose training replies are split. */
  sets: readonly string[];
  /** Sentences with fewer words are skipped. */
  minWords: number;
  /** At most this many sentences per reply: the first half from its start, the rest from its end. */
  maxPerReply: number;
}

/**
 * Single sentences of assistant-style training replies as extra training rows, each a NEGATIVE for every
 * technique its whole reply is a negative for (the reply's scope minus its labels). A technique absent from
 * a reply is absent from each of its sentences. Without them the only short texts the model sees are
 * headlines (clickbait → T12), SMS (spam → T20) and shop strings, and it learns that being short is the
 * technique: "Hope this helps!" looked like a retention hook. Rows that would say nothing are skipped.
 */
export function sentenceViews(set: MappedSet, options: SentenceViewOptions): MappedRow[] {
  if (!options.sets.includes(set.set)) return [];
  const views: MappedRow[] = [];
  for (const row of set.train) {
    const scope = row.scope.filter((id) => !row.labels.includes(id));
    if (scope.length === 0) continue;
    const sentences = sentencesOf(row.text).filter((s) => s.split(/\s+/u).length >= options.minWords);
    if (sentences.length < 2) continue;
    const head = Math.ceil(options.maxPerReply / 2);
    const picked =
      sentences.length <= options.maxPerReply
        ? sentences
        : [...sentences.slice(0, head), ...sentences.slice(sentences.length - (options.maxPerReply - head))];
    picked.forEach((text, i) => {
      views.push({ id: `${row.id}#s${i}`, text, labels: [], scope });
    });
  }
  return views;
}
