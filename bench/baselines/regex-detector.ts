import type { LexiconPack } from '../../wasm-core/lexicon-pack.ts';

/** A technique id, or a cue kind of the pack's `cues` section. */
export type RegexLabel = string;

/**
 * The straightforward way peer extensions detect techniques: fold the text with the platform's own
 * Unicode functions, then run one case-insensitive alternation regex per technique. Same phrases as the
 * WASM core (the pack's techniques and its cues, which the core matches in the same pass), same
 * word-boundary rule, so the benchmark compares engines rather than lexicons.
 */
export class RegexDetector {
  readonly #patterns: { label: RegexLabel; regex: RegExp }[];

  constructor(pack: LexiconPack) {
    const lists = [...Object.entries(pack.techniques), ...Object.entries(pack.cues ?? {})];
    this.#patterns = lists
      .filter(([, entries]) => (entries ?? []).length > 0)
      .map(([label, entries]) => ({
        label,
        regex: new RegExp(
          `(?<![a-z0-9])(?:${(entries ?? []).map((e) => escapePhrase(e.phrase)).join('|')})(?![a-z0-9])`,
          'g',
        ),
      }));
  }

  detect(text: string): { label: RegexLabel; start: number; end: number }[] {
    const folded = text
      .normalize('NFKC')
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
      .toLowerCase();
    const matches: { label: RegexLabel; start: number; end: number }[] = [];
    for (const { label, regex } of this.#patterns) {
      for (const m of folded.matchAll(regex)) {
        matches.push({ label, start: m.index, end: m.index + m[0].length });
      }
    }
    return matches;
  }
}

function escapePhrase(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}
