import { isTechniqueId, TECHNIQUE_IDS, type TechniqueId } from './taxonomy.ts';

export interface LexiconEntry {
  /** Literal words, matched case-insensitively on normalised text at word boundaries. */
  phrase: string;
  /** How strongly this phrase alone signals the technique, in (0, 1]. */
  weight: number;
}

/** A context marker: not a technique, but wording other layers read (negation, quotation, user signals). */
export interface CueEntry {
  /** Literal words, matched exactly like technique phrases. */
  phrase: string;
  /** Optional strength, in (0, 1]. */
  weight?: number;
}

/**
 * A lexicon pack (models/lexicon/*.json): data, loaded into the WASM matcher at run time. Several packs load
 * at once (WasmCore.loadLexicons); a pack may hold techniques, cues or both.
 */
export interface LexiconPack {
  id: string;
  version: number;
  language: string;
  description?: string;
  /** Phrases per technique. A pack of cues only has none (an absent section validates as {}). */
  techniques: Partial<Record<TechniqueId, readonly LexiconEntry[]>>;
  /** Phrases per cue kind (CUE_KIND_PATTERN), e.g. "negation", "benign.T12", "vulnerability.grief". */
  cues?: Readonly<Record<string, readonly CueEntry[]>>;
}

/**
 * Cue kind names: lower-case words of [a-z_] joined by dots; a segment may also be a technique id, so a
 * cue can be about one technique ("benign.T12").
 */
export const CUE_KIND_PATTERN = /^(?:[a-z_]+|T\d\d)(?:\.(?:[a-z_]+|T\d\d))*$/;

/** Why a cue kind name is not valid, or null when it is. */
export function cueKindProblem(kind: string): string | null {
  if (!CUE_KIND_PATTERN.test(kind)) {
    return `cue kind "${kind}" must be lower-case words of [a-z_] joined by dots (a segment may be a technique id)`;
  }
  const unknown = kind.split('.').find((segment) => /^T\d\d$/.test(segment) && !isTechniqueId(segment));
  return unknown ? `cue kind "${kind}" names unknown technique ${unknown}` : null;
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
  const techniques = value.techniques ?? {};
  let phraseCount = 0;
  const checkEntries = (at: string, entries: readonly unknown[], weightRequired: boolean) => {
    const seen = new Map<string, number>();
    entries.forEach((entry: unknown, index) => {
      const where = `${at}[${index}]`;
      if (!isRecord(entry)) {
        problems.push(`${where} must be an object { phrase${weightRequired ? ', weight' : ''} }`);
        return;
      }
      const { phrase, weight } = entry;
      if (typeof phrase !== 'string' || phrase.trim().length === 0) {
        problems.push(`${where}: empty phrase`);
      } else {
        const key = phraseKey(phrase);
        const first = seen.get(key);
        if (first !== undefined) problems.push(`${where}: duplicate phrase "${phrase}" (same as [${first}])`);
        else seen.set(key, index);
        phraseCount++;
      }
      if (weight === undefined && !weightRequired) return;
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0 || weight > 1) {
        problems.push(`${where}: weight ${JSON.stringify(weight)} out of (0, 1]`);
      }
    });
  };
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
      checkEntries(`techniques.${technique}`, entries, true);
    }
    if (options.requireAllTechniques) {
      for (const technique of TECHNIQUE_IDS) {
        const entries = techniques[technique];
        if (!Array.isArray(entries) || entries.length === 0)
          problems.push(`techniques.${technique} is missing`);
      }
    }
  }
  const cues = value.cues;
  if (cues !== undefined) {
    if (!isRecord(cues)) {
      problems.push('cues must be an object mapping cue kinds to phrase lists');
    } else {
      for (const [kind, entries] of Object.entries(cues)) {
        const problem = cueKindProblem(kind);
        if (problem) {
          problems.push(problem);
          continue;
        }
        if (!Array.isArray(entries)) {
          problems.push(`cues.${kind} must be an array of { phrase, weight? }`);
          continue;
        }
        checkEntries(`cues.${kind}`, entries, false);
      }
    }
  }
  if (phraseCount === 0 && problems.length === 0) problems.push('the pack has no phrases');
  if (problems.length > 0) throw new LexiconPackError(packId, problems);
  if (value.techniques === undefined) return { ...value, techniques: {} } as unknown as LexiconPack;
  return value as unknown as LexiconPack;
}
