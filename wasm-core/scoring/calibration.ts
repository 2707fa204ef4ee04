/**
 * How a technique's lexicon score l and model score m become its final score: a logistic stacker,
 *
 *   final = sigmoid(bias + lexicon · e(l) + model · g),   e(l) = −ln(1 − l),
 *   g = max(logit(m), MODEL_LOGIT_FLOOR) when the model leans against the technique, k · logit(m) when it
 *   leans for it
 *
 * e(l) turns the lexicon's noisy-OR score back into additive evidence (for distinct phrases of weights wᵢ,
 * e = Σ −ln(1 − wᵢ)), and logit(m) is the model's own log-odds, so the stacker is linear in both. k is the
 * share of lexicon evidence the semantic layer kept (scoring/lexicon-features.ts keptEvidence): when it read
 * the technique's phrases as negated, quoted or explained, the model, which reads the same words without
 * knowing that, may not vouch for the technique either. Both weights are ≥ 0: more evidence never lowers the
 * score. A technique the model does not score has model weight 0 (lexicon-only calibration). The parameters
 * are fitted by the trainer and stored in technique-model.json.
 */
export interface TechniqueCalibration {
  lexicon: number;
  model: number;
  bias: number;
}

/** Scores are kept this far from 0 and 1 so that e(l) and logit(m) stay finite. */
const EDGE = 1e-6;

export function lexiconLogEvidence(lexiconScore: number): number {
  const l = Number.isFinite(lexiconScore) ? Math.min(1 - EDGE, Math.max(0, lexiconScore)) : 0;
  return -Math.log1p(-l);
}

export function modelLogit(modelScore: number): number {
  const m = Number.isFinite(modelScore) ? Math.min(1 - EDGE, Math.max(EDGE, modelScore)) : 0.5;
  return Math.log(m / (1 - m));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * How far the model may argue against a technique, in log-odds. The model learned each technique from one
 * source's style (shopping banners for urgency, synthetic replies for brand bias) and does not transfer
 * to other styles (models/MODEL_CARD.md, cross-set transfer), so its "no" on an assistant's "you need to
 * act now" means "not a shopping banner", not "not urgency". Bounded, it can lower a weak lexicon hit but
 * never erase strong lexicon evidence.
 */
export const MODEL_LOGIT_FLOOR = -2;

/**
 * The model's term before its weight: its log-odds, scaled by the gate when it leans positive
 * (scoring/model-gate.ts) and bounded below by MODEL_LOGIT_FLOOR when it leans negative.
 */
export function gatedModelLogit(modelScore: number, kept = 1): number {
  const z = modelLogit(modelScore);
  const k = Number.isFinite(kept) ? Math.min(1, Math.max(0, kept)) : 1;
  return z > 0 ? k * z : Math.max(MODEL_LOGIT_FLOOR, z);
}

export function calibratedScore(
  calibration: TechniqueCalibration,
  lexiconScore: number,
  modelScore: number,
  kept = 1,
): number {
  const z =
    calibration.bias +
    calibration.lexicon * lexiconLogEvidence(lexiconScore) +
    (calibration.model === 0 ? 0 : calibration.model * gatedModelLogit(modelScore, kept));
  return sigmoid(z);
}

/** Problems with a parsed calibration entry, as messages naming `where`; empty when it is usable. */
export function calibrationProblems(value: unknown, where: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${where} must be an object { lexicon, model, bias }`];
  }
  const entry = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['lexicon', 'model'] as const) {
    const x = entry[key];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      problems.push(`${where}.${key} must be a finite number ≥ 0`);
    }
  }
  if (typeof entry.bias !== 'number' || !Number.isFinite(entry.bias)) {
    problems.push(`${where}.bias must be a finite number`);
  }
  return problems;
}
