import { densifyFeatures, type SparseFeatures } from '../core.ts';
import { FEATURE_DIM } from '../features-spec.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';

/** What the lexicon found for one technique, after the semantic layer's adjustments. */
export interface LexiconEvidence {
  /** Lexicon score in [0, 1]. */
  score: number;
  /** Distinct phrases of the technique that matched. */
  phrases: number;
  /** The score from the pack's own phrase weights, before the semantic layer read their context. */
  baseScore: number;
}

/**
 * How much of the lexicon evidence the semantic layer kept: −ln(1 − score) / −ln(1 − baseScore), in [0, 1];
 * 1 when no phrase matched (nothing was judged). A negated, quoted or explained phrase keeps little.
 */
export function keptEvidence(evidence: LexiconEvidence | undefined): number {
  if (!evidence) return 1;
  const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1 - 1e-6, Math.max(0, x)) : 0);
  const base = -Math.log1p(-clamp(evidence.baseScore));
  if (!(base > 0)) return 1;
  return Math.min(1, Math.max(0, -Math.log1p(-clamp(evidence.score)) / base));
}

/**
 * Version of the lexicon-feature recipe below. Changing the recipe or the order needs a new version and a
 * retrained model; the model metadata records the version and the names, and the analyzer refuses a model
 * trained on another layout.
 */
export const LEXICON_FEATURE_VERSION = 1;

/**
 * Per technique, in taxonomy order: the (adjusted) lexicon score, and ln(1 + distinct phrases matched). The
 * second lets the model weigh repeated evidence differently from the noisy-OR score, and tell a phrase whose
 * weight the semantic layer lowered (a negation, a quotation) from no phrase at all.
 */
export const LEXICON_FEATURE_NAMES: readonly string[] = TECHNIQUE_IDS.flatMap((id) => [
  `${id}.score`,
  `${id}.log1pPhrases`,
]);

export const LEXICON_FEATURE_COUNT = LEXICON_FEATURE_NAMES.length;

/**
 * The lexicon part of the model's input. The analyzer and the trainer both call this on the evidence the
 * analyzer computes, so the model is trained on exactly what it sees at inference.
 */
export function lexiconFeatureVector(evidence: ReadonlyMap<TechniqueId, LexiconEvidence>): Float32Array {
  const out = new Float32Array(LEXICON_FEATURE_COUNT);
  TECHNIQUE_IDS.forEach((id, k) => {
    const found = evidence.get(id);
    if (!found) return;
    const score = Number.isFinite(found.score) ? Math.min(1, Math.max(0, found.score)) : 0;
    const phrases = Number.isFinite(found.phrases) ? Math.max(0, found.phrases) : 0;
    out[2 * k] = score;
    out[2 * k + 1] = Math.log1p(phrases);
  });
  return out;
}

/** The model's input row: the core's hashed text features followed by the lexicon features. */
export function modelInputRow(
  hashed: Float32Array | SparseFeatures,
  evidence: ReadonlyMap<TechniqueId, LexiconEvidence>,
): Float32Array {
  // Sparse features are written straight into the row: no dense copy to allocate and throw away.
  const width = hashed instanceof Float32Array ? hashed.length : FEATURE_DIM;
  const row = new Float32Array(width + LEXICON_FEATURE_COUNT);
  if (hashed instanceof Float32Array) row.set(hashed, 0);
  else densifyFeatures(hashed, row, 0);
  row.set(lexiconFeatureVector(evidence), width);
  return row;
}
