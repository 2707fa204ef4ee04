import type { SentenceViewOptions } from './sentence-views.ts';
import type { ThresholdOptions } from './thresholds.ts';

export interface TrainingConfig {
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  untrainedBias: number;
  minPositives: { train: number; calibration: number; dev: number };
  calibration: { ridge: number };
  crossFit: { sets: readonly string[]; folds: number };
  sentenceViews: SentenceViewOptions;
  thresholds: ThresholdOptions;
  lexiconOnlyThresholds: ThresholdOptions;
  assistantStyleSets: readonly string[];
  setWeights: Record<string, number>;
  onnxCheckRows: number;
}

/**
 * Everything that decides the trained numbers besides the data. Part of the training digest: changing any
 * value changes the model, and `npm run train -- --check` notices.
 */
export const TRAINING_CONFIG: TrainingConfig = {
  seed: 20261121,
  epochs: 8,
  batchSize: 128,
  learningRate: 0.005,
  l2: 0.0005,
  /** Bias of techniques that are not fitted: sigmoid(−10) ≈ 0.00005, so they never look half-detected. */
  untrainedBias: -10,
  /**
   * A technique is fitted (the model scores it) only with at least this many positives in each split:
   * enough to fit its weights, calibrate its scores and measure a threshold. The others are lexicon-only.
   */
  minPositives: { train: 30, calibration: 5, dev: 10 },
  /**
   * L2 penalty on the calibration stacker's two weights, in units of row weight (every set carries the same
   * total weight in a calibration fit, times its set weight).
   */
  calibration: { ridge: 1 },
  /**
   * Sets whose training rows also calibrate, scored by models fitted without their fold (cross-fitting): our
   * own replies are the target domain but too few to spare for a calibration split.
   */
  crossFit: { sets: ['own'], folds: 3 },
  /**
   * Single sentences of assistant-style training replies, as negatives for what their reply is negative for
   * (sentence-views.ts): short assistant text, so that shortness alone does not read as a headline or an SMS.
   */
  sentenceViews: { sets: ['own', 'darkbench_hackathon_synthetic_replies'], minWords: 2, maxPerReply: 6 },
  /** Threshold choice for techniques the model scores, on their own dev rows. */
  thresholds: { floor: 0.5, minPositives: 10, maxAssistantFalseAlarmRate: 0.02 },
  /** One shared threshold for the lexicon-only techniques, on their dev rows pooled. */
  lexiconOnlyThresholds: { floor: 0.5, minPositives: 10, maxAssistantFalseAlarmRate: 0.02 },
  /** Dev sets of assistant-style replies: their negatives bound each threshold's false-alarm rate. */
  assistantStyleSets: ['own', 'darkbench_hackathon_synthetic_replies'],
  /**
   * Row weight per set (default 1), in fitting and calibration. Our own replies are few but are the target
   * domain.
   */
  setWeights: { own: 3 },
  /** Dev rows re-scored in onnxruntime-web to check the export. */
  onnxCheckRows: 16,
};
