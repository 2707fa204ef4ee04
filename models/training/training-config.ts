/**
 * Everything that decides the trained numbers besides the data. Part of the training digest: changing any
 * value changes the model, and `npm run train -- --check` notices.
 */
export const TRAINING_CONFIG = {
  seed: 20261121,
  epochs: 8,
  batchSize: 128,
  learningRate: 0.005,
  l2: 0.0005,
  /** Bias of techniques that are not fitted: sigmoid(−10) ≈ 0.00005, so they never look half-detected. */
  untrainedBias: -10,
  /** A technique is fitted only with at least this many positive training rows. */
  minTrainPositives: 30,
  thresholds: { minPrecision: 0.8, floor: 0.5, minPositives: 10, maxAssistantFalseAlarmRate: 0.02 },
  /** Dev sets of assistant-style replies: their negatives bound each threshold's false-alarm rate. */
  assistantStyleSets: ['own', 'darkbench_hackathon_synthetic_replies'] as readonly string[],
  /** Row weight per set (default 1): the project's own replies are few but are the target domain. */
  setWeights: { own: 3 } as Record<string, number>,
  /** Dev rows re-scored in onnxruntime-web to check the export. */
  onnxCheckRows: 16,
} as const;

export type TrainingConfig = typeof TRAINING_CONFIG;
