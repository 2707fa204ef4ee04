import { isTechniqueId, TECHNIQUE_IDS, type TechniqueId } from './taxonomy.ts';

export interface LexiconEntry {
  /** Literal words, matched case-insensitively on normalised text at word boundaries. */
  phrase: string;
  /** How strongly this phrase alone signals the technique, in (0, 1]. */
  weight: number;
}

/** A lexicon pack (models/lexicon/*.json): data, loaded into the WASM matcher at run time. */
export interface LexiconPack {
  id: string;
  version: number;
  language: string;
  description?: string;
  techniques: Partial<Record<TechniqueId, readonly LexiconEntry[]>>;
}

export class LexiconPackError extends Error {
  readonly problems: readonly string[];

  constructor(packId: string, problems: readonly string[]) {
    const shown = problems.slice(0, 20).join('; ');
    const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : '';
    super(`invalid lexicon pack ${packId}: ${shown}${more}`);
    this.name = 'LexiconPackError';
    this.problems = problems;
  }
}

export interface LexiconValidationOptions {
  /** Require a non-empty phrase list for every technique of the taxonomy (true for shipped packs). */
  requireAllTechniques?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A cheap spelling key; the core also rejects phrases that only collide after full normalisation. */
export function phraseKey(phrase: string): string {
  return phrase.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Checks an untrusted value (parsed JSON) against the pack format and returns it typed. Throws a
 * LexiconPackError that lists every problem found, each with its location (`techniques.T01[3]`).
 */
export function validateLexiconPack(value: unknown, options: LexiconValidationOptions = {}): LexiconPack {
  if (!isRecord(value))
    throw new LexiconPackError('(not an object)', ['a lexicon pack must be a JSON object']);
  const problems: string[] = [];
  const id = value.id;
  const packId = typeof id === 'string' && id.length > 0 ? `"${id}"` : '(no id)';
  if (typeof id !== 'string' || id.trim().length === 0) problems.push('id must be a non-empty string');
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    problems.push('version must be a positive integer');
  }
  if (typeof value.language !== 'string' || value.language.trim().length === 0) {
    problems.push('language must be a non-empty string');
  }
  if (value.description !== undefined && typeof value.description !== 'string') {
    problems.push('description must be a string');
  }
  const techniques = value.techniques;
  let phraseCount = 0;
  if (!isRecord(techniques)) {
    problems.push('techniques must be an object mapping technique ids to phrase lists');
  } else {
    for (const [technique, entries] of Object.entries(techniques)) {
      if (!isTechniqueId(technique)) {
        problems.push(`unknown technique "${technique}" (expected one of T01..T${TECHNIQUE_IDS.length})`);
        continue;
      }
      if (!Array.isArray(entries)) {
        problems.push(`techniques.${technique} must be an array of { phrase, weight }`);
        continue;
      }
      const seen = new Map<string, number>();
      entries.forEach((entry: unknown, index) => {
        const at = `techniques.${technique}[${index}]`;
        if (!isRecord(entry)) {
          problems.push(`${at} must be an object { phrase, weight }`);
          return;
        }
        const { phrase, weight } = entry;
        if (typeof phrase !== 'string' || phrase.trim().length === 0) {
          problems.push(`${at}: empty phrase`);
        } else {
          const key = phraseKey(phrase);
          const first = seen.get(key);
          if (first !== undefined) problems.push(`${at}: duplicate phrase "${phrase}" (same as [${first}])`);
          else seen.set(key, index);
          phraseCount++;
        }
        if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0 || weight > 1) {
          problems.push(`${at}: weight ${JSON.stringify(weight)} out of (0, 1]`);
        }
      });
    }
    if (options.requireAllTechniques) {
      for (const technique of TECHNIQUE_IDS) {
        const entries = techniques[technique];
        if (!Array.isArray(entries) || entries.length === 0)
          problems.push(`techniques.${technique} is missing`);
      }
    }
    if (phraseCount === 0 && problems.length === 0) problems.push('the pack has no phrases');
  }
  if (problems.length > 0) throw new LexiconPackError(packId, problems);
  return value as unknown as LexiconPack;
}
