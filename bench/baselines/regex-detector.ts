import type { LexiconPack } from '../../wasm-core/lexicon-pack.ts';
import type { TechniqueId } from '../../wasm-core/taxonomy.ts';

/**
 * The straightforward way peer extensions detect techniques: fold the text with the platform's own
 * Unicode functions, then run one case-insensitive alternation regex per technique. Same phrases as the
 * WASM core, same word-boundary rule, so the benchmark compares engines rather than lexicons.
 */
export class RegexDetector {
  readonly #patterns: { technique: TechniqueId; regex: RegExp }[];

  constructor(pack: LexiconPack) {
    this.#patterns = Object.entries(pack.techniques).map(([technique, entries]) => ({
      technique: technique as TechniqueId,
      regex: new RegExp(
        `(?<![a-z0-9])(?:${(entries ?? []).map((e) => escapePhrase(e.phrase)).join('|')})(?![a-z0-9])`,
        'g',
      ),
    }));
  }

  detect(text: string): { technique: TechniqueId; start: number; end: number }[] {
    const folded = text
      .normalize('NFKC')
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
      .toLowerCase();
    const matches: { technique: TechniqueId; start: number; end: number }[] = [];
    for (const { technique, regex } of this.#patterns) {
      for (const m of folded.matchAll(regex)) {
        matches.push({ technique, start: m.index, end: m.index + m[0].length });
      }
    }
    return matches;
  }
}

function escapePhrase(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}
