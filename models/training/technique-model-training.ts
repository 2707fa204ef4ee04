import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { evaluatePredictions } from '../../wasm-core/evaluation/metrics.ts';
import { DEFAULT_THRESHOLD } from '../../wasm-core/model-meta.ts';
import { TECHNIQUE_COUNT, TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { MappedRow } from './label-mapping.ts';
import { type LinearModel, scoreSparse } from './linear-model.ts';
import { classBalance, type TrainingExample, trainLogisticRegression } from './logistic-regression.ts';
import type { MappedDatasets } from './mapped-datasets.ts';
import { exportLinearModelToOnnx } from './onnx-export.ts';
import { scoreWithOnnxRuntime } from './onnx-scoring.ts';
import { formatReport, summariseReport } from './report-table.ts';
import { type SparseVector, toDense, toSparse } from './sparse-vector.ts';
import { chooseThreshold, type ThresholdChoice } from './thresholds.ts';
import type { TrainingConfig } from './training-config.ts';

/** What training needs from the WASM core: the one featurizer training and inference share. */
export interface Featurizer {
  features(text: string): Float32Array;
}

/**
 * The final per-technique scores the shipped analyzer gives each text with this model (lexicon and model
 * combined): thresholds are decisions on that score, so they are chosen on it.
 */
export type FinalScorer = (onnx: Uint8Array, texts: readonly string[]) => Promise<Float64Array[]>;

export interface TrainingInput {
  mapped: MappedDatasets;
  featurizer: Featurizer;
  finalScores: FinalScorer;
  featureDim: number;
  featureVersion: number;
  /** Other files the result depends on (the lexicon pack), for the training digest. */
  digestInputs: readonly string[];
  config: TrainingConfig;
  log: (line: string) => void;
}

export interface TrainingOutput {
  onnx: Uint8Array;
  /** models/technique-model.json, serialised. */
  json: string;
  /** Largest |onnxruntime-web − TypeScript| score difference over the checked rows. */
  onnxMaxDifference: number;
}

interface DevRow {
  set: string;
  row: MappedRow;
  x: SparseVector;
  /** The model's own scores. */
  scores: Float64Array;
  /** The analyzer's final scores (lexicon + model). */
  final: Float64Array;
}

const encoder = new TextEncoder();
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function targetsOf(row: MappedRow): { targets: Uint8Array; mask: Uint8Array } {
  const targets = new Uint8Array(TECHNIQUE_COUNT);
  const mask = new Uint8Array(TECHNIQUE_COUNT);
  TECHNIQUE_IDS.forEach((id, k) => {
    if (row.scope.includes(id)) mask[k] = 1;
    if (row.labels.includes(id)) targets[k] = 1;
  });
  return { targets, mask };
}

/** A digest of every input the trained numbers depend on, in a fixed order. */
function trainingDigest(input: TrainingInput, trainedOn: string[]): string {
  const hash = sha256.create();
  const add = (text: string) => hash.update(encoder.encode(`${text}\n`));
  add(
    JSON.stringify({
      featureDim: input.featureDim,
      featureVersion: input.featureVersion,
      config: input.config,
    }),
  );
  add(input.mapped.mappingSource);
  for (const source of input.digestInputs) add(source);
  for (const set of input.mapped.sets) {
    if (!trainedOn.includes(set.set)) continue;
    for (const [split, rows] of [
      ['train', set.train],
      ['dev', set.eval],
    ] as const) {
      for (const row of rows) add(JSON.stringify([set.set, split, row.id, row.text, row.labels, row.scope]));
    }
  }
  return bytesToHex(hash.digest());
}

/** Rows of a split whose scope holds the technique and whose labels carry it, per technique. */
function positiveCounts(rows: readonly MappedRow[]): number[] {
  return TECHNIQUE_IDS.map((id) => rows.filter((row) => row.labels.includes(id)).length);
}

/** Makes technique k contribute nothing: each technique's regression is independent of the others'. */
function unfit(model: LinearModel, k: number, bias: number): void {
  for (let j = 0; j < model.dim; j++) model.weights[j * model.classes + k] = 0;
  model.bias[k] = bias;
}

/**
 * Trains the technique model on the may-train sets' train splits, exports it to ONNX (checked in
 * onnxruntime-web against the TypeScript forward pass) and picks thresholds on their dev splits, on the
 * final score of the full analyzer. A technique is fitted only with enough positives in both splits; one
 * whose dev scores cannot support any threshold is unfitted again and left to the lexicon.
 */
export async function trainTechniqueModel(input: TrainingInput): Promise<TrainingOutput> {
  const { mapped, featurizer, config, log } = input;
  const trainSets = mapped.sets.filter((set) => set.mayTrain && set.train.length > 0);
  const trainedOn = trainSets.map((set) => set.set);
  const cache = new Map<string, SparseVector>();
  const featuresOf = (text: string): SparseVector => {
    let x = cache.get(text);
    if (!x) {
      const dense = featurizer.features(text);
      if (dense.length !== input.featureDim) {
        throw new Error(`featurizer returned ${dense.length} features, expected ${input.featureDim}`);
      }
      x = toSparse(dense);
      cache.set(text, x);
    }
    return x;
  };

  const featureStart = performance.now();
  const examples: TrainingExample[] = [];
  for (const set of trainSets) {
    const weight = config.setWeights[set.set] ?? 1;
    for (const row of set.train) examples.push({ x: featuresOf(row.text), ...targetsOf(row), weight });
  }
  const devRows: DevRow[] = trainSets.flatMap((set) =>
    set.eval.map((row) => ({
      set: set.set,
      row,
      x: featuresOf(row.text),
      scores: new Float64Array(),
      final: new Float64Array(),
    })),
  );
  log(`featurised ${examples.length} training and ${devRows.length} dev rows in ${seconds(featureStart)} s`);

  const trainPositives = positiveCounts(trainSets.flatMap((set) => set.train));
  const devPositives = positiveCounts(devRows.map((d) => d.row));
  const balance = classBalance(examples, TECHNIQUE_COUNT);
  const fitted = TECHNIQUE_IDS.map(
    (_, k) =>
      (trainPositives[k] ?? 0) >= config.minTrainPositives &&
      (devPositives[k] ?? 0) >= config.thresholds.minPositives &&
      (balance[k]?.negatives ?? 0) > 0,
  );
  log(
    `fitting ${TECHNIQUE_IDS.filter((_, k) => fitted[k]).join(' ')}; not fitted (lexicon only): ${
      TECHNIQUE_IDS.filter((_, k) => !fitted[k]).join(' ') || 'none'
    }`,
  );
  const fitStart = performance.now();
  const model = trainLogisticRegression(examples, {
    dim: input.featureDim,
    classes: TECHNIQUE_COUNT,
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    l2: config.l2,
    seed: config.seed,
    trainable: fitted,
    untrainedBias: config.untrainedBias,
  });
  log(`fitted in ${seconds(fitStart)} s`);

  // Fitted techniques get thresholds chosen on the analyzer's final score; the others keep the analyzer's
  // default bar, which is then the lexicon's alone (the model adds ~0 for them).
  const choose = (score: (d: DevRow, k: number) => number) => {
    const choices = {} as Record<TechniqueId, ThresholdChoice>;
    TECHNIQUE_IDS.forEach((id, k) => {
      const scored = devRows
        .filter((d) => d.row.scope.includes(id))
        .map((d) => ({
          score: score(d, k),
          positive: d.row.labels.includes(id),
          ...(config.assistantStyleSets.includes(d.set) ? { assistantSet: d.set } : {}),
        }));
      choices[id] = fitted[k]
        ? chooseThreshold(scored, config.thresholds)
        : { threshold: DEFAULT_THRESHOLD, rule: 'default', precision: 0, recall: 0 };
    });
    return choices;
  };
  let onnx: Uint8Array;
  let onnxMaxDifference: number;
  let choices: Record<TechniqueId, ThresholdChoice>;
  for (;;) {
    for (const dev of devRows) dev.scores = scoreSparse(model, dev.x);
    onnx = exportLinearModelToOnnx(
      model,
      'Technique scores T01..T22 (sigmoid) from hashed text features; see models/MODEL_CARD.md.',
    );
    onnxMaxDifference = await checkOnnxExport(onnx, devRows, input);
    const finalStart = performance.now();
    const finals = await input.finalScores(
      onnx,
      devRows.map((d) => d.row.text),
    );
    devRows.forEach((d, i) => {
      d.final = finals[i] ?? new Float64Array(TECHNIQUE_COUNT);
    });
    log(`scored ${devRows.length} dev rows with the full analyzer in ${seconds(finalStart)} s`);
    choices = choose((d, k) => d.final[k] ?? 0);
    const failed = TECHNIQUE_IDS.filter((id, k) => fitted[k] && choices[id].rule === 'never');
    if (failed.length === 0) break;
    log(`no usable threshold for ${failed.join(' ')}: unfitted, left to the lexicon`);
    for (const id of failed) {
      const k = TECHNIQUE_IDS.indexOf(id);
      fitted[k] = false;
      unfit(model, k, config.untrainedBias);
    }
  }
  const thresholds = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, choices[id].threshold])) as Record<
    TechniqueId,
    number
  >;
  const shipped = (d: DevRow) => TECHNIQUE_IDS.filter((id, k) => (d.final[k] ?? 0) >= thresholds[id]);

  // For comparison only: the model alone, with thresholds chosen on its own scores.
  const modelChoices = choose((d, k) => d.scores[k] ?? 0);
  const modelAlone = (d: DevRow) =>
    TECHNIQUE_IDS.filter((id, k) => fitted[k] && (d.scores[k] ?? 0) >= modelChoices[id].threshold);

  const fittedIds = TECHNIQUE_IDS.filter((_, k) => fitted[k]);
  const evaluate = (rows: DevRow[], predicted: (d: DevRow) => TechniqueId[], only?: readonly TechniqueId[]) =>
    evaluatePredictions(
      rows.map((d) => ({
        labels: d.row.labels,
        scope: only ? d.row.scope.filter((id) => only.includes(id)) : d.row.scope,
        predicted: predicted(d),
      })),
    );
  const dev: Record<string, ReturnType<typeof summariseReport>> = {};
  const modelAloneMacroF1: Record<string, number> = {};
  for (const set of [...trainedOn, 'pooled']) {
    const rows = set === 'pooled' ? devRows : devRows.filter((d) => d.set === set);
    const report = evaluate(rows, shipped);
    dev[set] = summariseReport(report, rows.length);
    modelAloneMacroF1[set] = round4(evaluate(rows, modelAlone, fittedIds).macroF1);
    const pooled = set === 'pooled';
    log(
      formatReport(
        pooled ? `dev, all sets pooled (${rows.length} rows)` : `dev ${set} (${rows.length} rows)`,
        report,
        {
          header: pooled ? 'threshold (rule)' : 'threshold',
          value: (id) => `${thresholds[id].toFixed(4)}${pooled ? ` (${choices[id].rule})` : ''}`,
        },
      ),
    );
  }
  log(
    `macro F1 of the model alone over the fitted techniques (thresholds chosen on its own scores): ${Object.entries(
      modelAloneMacroF1,
    )
      .map(([set, f]) => `${set} ${f.toFixed(3)}`)
      .join(', ')}`,
  );

  const metadata = {
    id: 'tech-hash',
    version: 1,
    featureDim: input.featureDim,
    featureVersion: input.featureVersion,
    outputs: TECHNIQUE_IDS,
    thresholds,
    fitted: fittedIds,
    trainedOn,
    training: {
      rows: examples.length,
      positives: Object.fromEntries(TECHNIQUE_IDS.map((id, k) => [id, trainPositives[k] ?? 0])),
      devPositives: Object.fromEntries(TECHNIQUE_IDS.map((id, k) => [id, devPositives[k] ?? 0])),
      seed: config.seed,
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      l2: config.l2,
      setWeights: config.setWeights,
      assistantStyleSets: config.assistantStyleSets,
      minTrainPositives: config.minTrainPositives,
      thresholdRule: config.thresholds,
    },
    dev: {
      scoring: 'full analyzer (lexicon + this model): final score against the thresholds above',
      sets: dev,
      modelAloneMacroF1,
      thresholdRules: Object.fromEntries(
        TECHNIQUE_IDS.map((id) => [
          id,
          {
            rule: choices[id].rule,
            precision: round4(choices[id].precision),
            recall: round4(choices[id].recall),
          },
        ]),
      ),
    },
    trainingDigest: trainingDigest(input, trainedOn),
  };
  return { onnx, json: `${JSON.stringify(metadata, null, 2)}\n`, onnxMaxDifference };
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/** Re-scores a spread of dev rows in onnxruntime-web and fails unless it matches the TypeScript forward pass. */
async function checkOnnxExport(
  onnx: Uint8Array,
  devRows: readonly DevRow[],
  input: TrainingInput,
): Promise<number> {
  const step = Math.max(1, Math.floor(devRows.length / input.config.onnxCheckRows));
  const checkRows = devRows.filter((_, i) => i % step === 0).slice(0, input.config.onnxCheckRows);
  const onnxScores = await scoreWithOnnxRuntime(
    onnx,
    checkRows.map((d) => toDense(d.x, input.featureDim)),
  );
  let maxDifference = 0;
  checkRows.forEach((d, i) => {
    const row = onnxScores[i];
    for (let k = 0; k < TECHNIQUE_COUNT; k++) {
      maxDifference = Math.max(maxDifference, Math.abs((row?.[k] ?? Number.NaN) - (d.scores[k] ?? 0)));
    }
  });
  if (!(maxDifference < 1e-5)) {
    throw new Error(`ONNX export disagrees with the TypeScript model: max difference ${maxDifference}`);
  }
  input.log(
    `onnxruntime-web reproduces the TypeScript scores on ${checkRows.length} dev rows (max |Δ| ${maxDifference.toExponential(1)})`,
  );
  return maxDifference;
}
