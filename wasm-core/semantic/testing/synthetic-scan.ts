import type { CoreMatch } from '../../core.ts';
import type { TechniqueId } from '../../taxonomy.ts';
import type { SemanticCue, SemanticScan } from '../adjust-matches.ts';

/**
 * A scan built without the WASM core, for unit tests of the semantic rules: every case-insensitive
 * occurrence of each phrase at word boundaries, with offsets into the text as given. (The core also folds
 * Unicode, spacing and look-alikes; these tests are about sentences, not normalisation.)
 */
export function syntheticScan(
  text: string,
  techniques: Partial<Record<TechniqueId, readonly string[]>>,
  cues: Readonly<Record<string, readonly string[]>> = {},
  weight = 0.8,
): SemanticScan {
  const matches: CoreMatch[] = [];
  for (const [technique, phrases] of Object.entries(techniques) as [TechniqueId, readonly string[]][]) {
    phrases.forEach((phrase, index) => {
      for (const { start, end } of occurrences(text, phrase))
        matches.push({ technique, phrase: index, weight, start, end });
    });
  }
  const cueMatches: SemanticCue[] = [];
  for (const [kind, phrases] of Object.entries(cues)) {
    phrases.forEach((phrase, index) => {
      for (const { start, end } of occurrences(text, phrase))
        cueMatches.push({ kind, phrase: index, pack: 0, start, end });
    });
  }
  return { matches, cues: cueMatches };
}

function escapePattern(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
}

function occurrences(text: string, phrase: string): { start: number; end: number }[] {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}'’])${escapePattern(phrase)}(?![\\p{L}\\p{N}]|['’][\\p{L}])`,
    'giu',
  );
  return [...text.matchAll(pattern)].map((found) => ({
    start: found.index,
    end: found.index + found[0].length,
  }));
}
