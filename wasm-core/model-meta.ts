import { FEATURE_DIM, FEATURE_VERSION } from './features-spec.ts';
import { calibrationProblems, type TechniqueCalibration } from './scoring/calibration.ts';
import {
  LEXICON_FEATURE_COUNT,
  LEXICON_FEATURE_NAMES,
  LEXICON_FEATURE_VERSION,
} from './scoring/lexicon-features.ts';
import { isTechniqueId, TECHNIQUE_IDS, type TechniqueId } from './taxonomy.ts';

/** The layout of the lexicon features appended to the hashed features (wasm-core/scoring/lexicon-features.ts). */
export interface LexiconFeatureLayout {
  version: number;
  count: number;
  /** Feature names in input order, e.g. "T01.score", "T01.log1pPhrases". */
  names: string[];
}

/**
 * models/technique-model.json: what the ONNX model reads, how its scores are calibrated together with the
 * lexicon's, and the per-technique decision thresholds on that calibrated score.
 */
export interface TechniqueModelMeta {
  id: string;
  version: number;
  /** Hashed text features, the first part of the input row: FEATURE_DIM of the core. */
  featureDim: number;
  /** Feature recipe the model was trained on; absent means FEATURE_VERSION 1. */
  featureVersion?: number;
  /** Lexicon features, the second part of the input row. */
  lexiconFeatures: LexiconFeatureLayout;
  /** Width of the ONNX input "features": featureDim + lexiconFeatures.count. */
  inputDim: number;
  /** Per technique: how lexicon score and model score become the final score (scoring/calibration.ts). */
  calibration: { method?: string; techniques: Record<TechniqueId, TechniqueCalibration> };
  /** Final-score threshold per technique; 0.5 where absent. */
  thresholds: Partial<Record<TechniqueId, number>>;
  trainedOn?: unknown;
  dev?: unknown;
}

export const DEFAULT_THRESHOLD = 0.5;

/** The input layout this code computes, as the metadata must record it. */
export function currentLexiconFeatureLayout(): LexiconFeatureLayout {
  return {
    version: LEXICON_FEATURE_VERSION,
    count: LEXICON_FEATURE_COUNT,
    names: [...LEXICON_FEATURE_NAMES],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function layoutProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['lexiconFeatures must be an object { version, count, names }'];
  const problems: string[] = [];
  if (value.version !== LEXICON_FEATURE_VERSION) {
    problems.push(
      `lexiconFeatures.version is ${JSON.stringify(value.version)}, this code computes ${LEXICON_FEATURE_VERSION}`,
    );
  }
  if (value.count !== LEXICON_FEATURE_COUNT) {
    problems.push(
      `lexiconFeatures.count is ${JSON.stringify(value.count)}, this code computes ${LEXICON_FEATURE_COUNT}`,
    );
  }
  const names = value.names;
  if (!Array.isArray(names)) {
    problems.push('lexiconFeatures.names must be an array');
  } else {
    const at = LEXICON_FEATURE_NAMES.findIndex((name, i) => names[i] !== name);
    if (at >= 0 || names.length !== LEXICON_FEATURE_COUNT) {
      const where = at >= 0 ? at : Math.min(names.length, LEXICON_FEATURE_COUNT);
      problems.push(
        `lexiconFeatures.names differ from this code's layout at ${where} (${JSON.stringify(names[where])}, expected ${JSON.stringify(LEXICON_FEATURE_NAMES[where])})`,
      );
    }
  }
  return problems;
}

/** Checks parsed JSON against the model metadata format and the input layout this code computes. */
export function validateModelMeta(value: unknown): TechniqueModelMeta {
  const problems: string[] = [];
  if (!isRecord(value)) throw new Error('invalid model metadata: not a JSON object');
  if (typeof value.id !== 'string' || value.id.length === 0) problems.push('id must be a non-empty string');
  if (typeof value.version !== 'number' || !Number.isInteger(value.version)) {
    problems.push('version must be an integer');
  }
  if (value.featureDim !== FEATURE_DIM) {
    problems.push(`featureDim is ${JSON.stringify(value.featureDim)}, the core computes ${FEATURE_DIM}`);
  }
  if (value.featureVersion !== undefined && value.featureVersion !== FEATURE_VERSION) {
    problems.push(
      `featureVersion is ${JSON.stringify(value.featureVersion)}, the core computes ${FEATURE_VERSION}`,
    );
  }
  problems.push(...layoutProblems(value.lexiconFeatures));
  if (value.inputDim !== FEATURE_DIM + LEXICON_FEATURE_COUNT) {
    problems.push(
      `inputDim is ${JSON.stringify(value.inputDim)}, expected ${FEATURE_DIM + LEXICON_FEATURE_COUNT} (featureDim + lexicon features)`,
    );
  }
  if (!isRecord(value.calibration) || !isRecord(value.calibration.techniques)) {
    problems.push('calibration must be an object with a "techniques" object');
  } else {
    const techniques = value.calibration.techniques;
    for (const id of TECHNIQUE_IDS) {
      problems.push(...calibrationProblems(techniques[id], `calibration.techniques.${id}`));
    }
    for (const key of Object.keys(techniques)) {
      if (!isTechniqueId(key)) problems.push(`calibration.techniques: unknown technique "${key}"`);
    }
  }
  if (!isRecord(value.thresholds)) {
    problems.push('thresholds must be an object mapping technique ids to numbers');
  } else {
    for (const [technique, threshold] of Object.entries(value.thresholds)) {
      if (!isTechniqueId(technique)) problems.push(`thresholds: unknown technique "${technique}"`);
      else if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
        problems.push(`thresholds.${technique} must be a number in [0, 1]`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`invalid model metadata: ${problems.join('; ')}`);
  return value as unknown as TechniqueModelMeta;
}
