import { FEATURE_DIM, FEATURE_VERSION } from './features-spec.ts';
import { isTechniqueId, type TechniqueId } from './taxonomy.ts';

/** models/technique-model.json: what the ONNX model is and the per-technique decision thresholds. */
export interface TechniqueModelMeta {
  id: string;
  version: number;
  featureDim: number;
  /** Feature recipe the model was trained on; absent means FEATURE_VERSION 1. */
  featureVersion?: number;
  /** Final-score threshold per technique; 0.5 where absent. */
  thresholds: Partial<Record<TechniqueId, number>>;
  trainedOn?: unknown;
  dev?: unknown;
}

export const DEFAULT_THRESHOLD = 0.5;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks parsed JSON against the model metadata format and the feature format this code computes. */
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
