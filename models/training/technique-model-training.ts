import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { evaluatePredictions } from '../../wasm-core/evaluation/metrics.ts';
import { currentLexiconFeatureLayout } from '../../wasm-core/model-meta.ts';
import { MODEL_LOGIT_FLOOR } from '../../wasm-core/scoring/calibration.ts';
import { LEXICON_FEATURE_COUNT } from '../../wasm-core/scoring/lexicon-features.ts';
import { MODEL_FULL_TRUST_WORDS } from '../../wasm-core/scoring/model-gate.ts';
import { TECHNIQUE_COUNT, TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { AnalysisResult } from '../../wasm-core/types.ts';
import { type FittedDetector, finalScores, fitDetector, type ScoredDevRow } from './detector-fit.ts';
import type { MappedRow } from './label-mapping.ts';
import type { MappedDatasets } from './mapped-datasets.ts';
import { exportLinearModelToOnnx } from './onnx-export.ts';
import { scoreWithOnnxRuntime } from './onnx-scoring.ts';
import { type PreparedRow, prepareRows, type TextPreparer } from './prepared-rows.ts';
import { formatReport, summariseReport } from './report-table.ts';
import { sentenceViews } from './sentence-views.ts';
import { toDense } from './sparse-vector.ts';
import type { TrainingConfig } from './training-config.ts';

/**
 * The shipped analyzer built from candidate model files: the trainer runs it over the dev rows so that the
 * reported scores and the thresholds' effect come from the code the extension and cogfw run.
 */
export type AnalyzerRun = (
  onnx: Uint8Array,
  metaJson: string,
  texts: readonly string[],
) => Promise<AnalysisResult[]>;

export interface TrainingInput {
  mapped: MappedDatasets;
  /** The analyzer (with or without a model: preparation does not depend on it). */
  preparer: TextPreparer;
  analyzerRun: AnalyzerRun;
  featureDim: number;
  featureVersion: number;
  /** Other files the result depends on (the lexicon packs), for the training digest. */
  digestInputs: readonly string[];
  config: TrainingConfig;
  log: (line: string) => void;
}

export interface TrainingOutput {
  onnx: Uint8Array;
  /** models/technique-model.json, serialised. */
  json: string;
  /** Largest |onnxruntime-web − TypeScript| model score difference over the checked rows. */
  onnxMaxDifference: number;
  /** Largest |analyzer − TypeScript| final score difference over the dev rows. */
  analyzerMaxDifference: number;
  /** The prepared rows and fitted detector, for the cross-set transfer check. */
  rows: PreparedRow[];
  detector: FittedDetector;
}

export const MODEL_ID = 'tech-hash';
/** Version 2: lexicon features in the input and calibrated final scores. */
export const MODEL_VERSION = 2;

const encoder = new TextEncoder();
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A digest of every input the trained numbers depend on, in a fixed order. */
function trainingDigest(
  input: TrainingInput,
  trainedOn: string[],
  views: ReadonlyMap<string, readonly MappedRow[]>,
): string {
  const hash = sha256.create();
  const add = (text: string) => hash.update(encoder.encode(`${text}\n`));
  add(
    JSON.stringify({
      featureDim: input.featureDim,
      featureVersion: input.featureVersion,
      lexiconFeatures: currentLexiconFeatureLayout(),
      config: input.config,
    }),
  );
  add(input.mapped.mappingSource);
  for (const source of input.digestInputs) add(source);
  for (const set of input.mapped.sets) {
    if (!trainedOn.includes(set.set)) continue;
    for (const [split, rows] of [
      ['train', set.train],
      ['view', views.get(set.set) ?? []],
      ['calibration', set.calibration],
      ['dev', set.eval],
    ] as const) {
      for (const row of rows) add(JSON.stringify([set.set, split, row.id, row.text, row.labels, row.scope]));
    }
  }
  return bytesToHex(hash.digest());
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/**
 * Trains the technique model on the may-train sets, calibrates it with the lexicon, chooses thresholds,
 * exports it to ONNX (checked in onnxruntime-web against the TypeScript forward pass) and finally runs the
 * shipped analyzer with the result over the dev rows: its final scores must equal the trainer's, and the dev
 * scores reported are the analyzer's.
 */
export async function trainTechniqueModel(input: TrainingInput): Promise<TrainingOutput> {
  const { mapped, config, log } = input;
  const inputDim = input.featureDim + LEXICON_FEATURE_COUNT;
  const trainedOn = mapped.sets.filter((set) => set.mayTrain && set.train.length > 0).map((set) => set.set);

  const prepareStart = performance.now();
  const views = new Map(
    mapped.sets.map((set) => [set.set, sentenceViews(set, config.sentenceViews)] as const),
  );
  const rows = prepareRows(mapped, input.preparer, inputDim, views).filter((r) => trainedOn.includes(r.set));
  const count = (split: string) => rows.filter((r) => r.split === split && !r.view).length;
  const viewCount = rows.filter((r) => r.view).length;
  log(
    `prepared ${count('train')} training rows (+ ${viewCount} sentence views), ${count('calibration')} ` +
      `calibration and ${count('dev')} dev rows (${inputDim} inputs: ${input.featureDim} hashed + ` +
      `${LEXICON_FEATURE_COUNT} lexicon) in ${seconds(prepareStart)} s`,
  );

  const { detector, dev } = fitDetector(rows, inputDim, config, log);
  const onnx = exportLinearModelToOnnx(
    detector.model,
    'Technique scores T01..T22 (sigmoid) from hashed text features and lexicon features; see models/MODEL_CARD.md.',
  );
  const onnxMaxDifference = await checkOnnxExport(onnx, dev, input, inputDim);
  const fittedIds = TECHNIQUE_IDS.filter((_, k) => detector.fitted[k]);
  const lexiconOnlyIds = TECHNIQUE_IDS.filter((_, k) => !detector.fitted[k]);

  const metadata = (devReport: unknown) => ({
    id: MODEL_ID,
    version: MODEL_VERSION,
    featureDim: input.featureDim,
    featureVersion: input.featureVersion,
    lexiconFeatures: currentLexiconFeatureLayout(),
    inputDim,
    outputs: TECHNIQUE_IDS,
    calibration: {
      method:
        `final = sigmoid(bias + lexicon·(−ln(1 − l)) + model·g), g = max(logit(m), ${MODEL_LOGIT_FLOOR}) if m ≤ 0.5 ` +
        'else k·logit(m), k = share of lexicon evidence the semantic layer kept (1 without matches) × ' +
        `min(1, words / ${MODEL_FULL_TRUST_WORDS}); ` +
        'weights ≥ 0. Techniques the model ' +
        'scores: fitted per technique on the calibration split. Lexicon-only techniques (model weight 0): one ' +
        'shared fit over their rows of the train and calibration splits.',
      techniques: Object.fromEntries(
        TECHNIQUE_IDS.map((id) => {
          const c = detector.calibration[id];
          return [id, { lexicon: round6(c.lexicon), model: round6(c.model), bias: round6(c.bias) }];
        }),
      ),
    },
    thresholds: detector.thresholds,
    fitted: fittedIds,
    lexiconOnly: lexiconOnlyIds,
    trainedOn,
    training: {
      rows: count('train'),
      sentenceViews: viewCount,
      calibrationRows: count('calibration'),
      devRows: count('dev'),
      positives: {
        train: Object.fromEntries(TECHNIQUE_IDS.map((id, k) => [id, detector.positives.train[k] ?? 0])),
        calibration: Object.fromEntries(
          TECHNIQUE_IDS.map((id, k) => [id, detector.positives.calibration[k] ?? 0]),
        ),
        dev: Object.fromEntries(TECHNIQUE_IDS.map((id, k) => [id, detector.positives.dev[k] ?? 0])),
      },
      config,
    },
    dev: devReport,
    trainingDigest: trainingDigest(input, trainedOn, views),
  });

  // The calibration is stored rounded; the analyzer applies the stored numbers, so the trainer's own final
  // scores are recomputed from them for the comparison below.
  const stored = JSON.parse(
    JSON.stringify(metadata(null).calibration.techniques),
  ) as FittedDetector['calibration'];
  const analyzerStart = performance.now();
  const results = await input.analyzerRun(
    onnx,
    JSON.stringify(metadata(null)),
    dev.map((d) => d.prepared.row.text),
  );
  let analyzerMaxDifference = 0;
  dev.forEach((d, i) => {
    const result = results[i];
    if (!result || result.error) throw new Error(`the analyzer failed on a dev row: ${result?.error}`);
    const expected = finalScores(stored, d.prepared.lexicon, d.model, d.prepared.kept);
    TECHNIQUE_IDS.forEach((id, k) => {
      analyzerMaxDifference = Math.max(
        analyzerMaxDifference,
        Math.abs(result.scores[id] - (expected[k] ?? 0)),
      );
    });
  });
  if (!(analyzerMaxDifference < 1e-3)) {
    throw new Error(
      `the analyzer's final scores differ from the trainer's by up to ${analyzerMaxDifference}`,
    );
  }
  log(
    `the shipped analyzer reproduces the trainer's final scores on ${dev.length} dev rows (max |Δ| ${analyzerMaxDifference.toExponential(1)}) in ${seconds(analyzerStart)} s`,
  );

  const devReport = reportDev(dev, results, trainedOn, detector, log);
  const json = `${JSON.stringify(metadata(devReport), null, 2)}\n`;
  return { onnx, json, onnxMaxDifference, analyzerMaxDifference, rows, detector };
}

/** Dev scores of the shipped analyzer (its findings), per set and pooled, printed and summarised for the JSON. */
function reportDev(
  dev: readonly ScoredDevRow[],
  results: readonly AnalysisResult[],
  trainedOn: readonly string[],
  detector: FittedDetector,
  log: (line: string) => void,
) {
  const sets: Record<string, ReturnType<typeof summariseReport>> = {};
  for (const set of [...trainedOn, 'pooled']) {
    const indices = dev.flatMap((d, i) => (set === 'pooled' || d.prepared.set === set ? [i] : []));
    const report = evaluatePredictions(
      indices.map((i) => ({
        labels: dev[i]?.prepared.row.labels ?? [],
        scope: dev[i]?.prepared.row.scope ?? [],
        predicted: (results[i]?.findings ?? []).map((f) => f.technique),
      })),
    );
    sets[set] = summariseReport(report, indices.length);
    const pooled = set === 'pooled';
    log(
      formatReport(
        pooled ? `dev, all sets pooled (${indices.length} rows)` : `dev ${set} (${indices.length} rows)`,
        report,
        {
          header: 'threshold',
          value: (id: TechniqueId) =>
            `${detector.thresholds[id].toFixed(4)}${detector.fitted[TECHNIQUE_IDS.indexOf(id)] ? '' : ' (lexicon-only)'}`,
        },
      ),
    );
  }
  return {
    scoring: 'the shipped analyzer (lexicon + model + calibration) with the thresholds above: its findings',
    sets,
    thresholdRules: Object.fromEntries(
      TECHNIQUE_IDS.map((id) => {
        const c = detector.choices[id];
        return [
          id,
          {
            rule: c.rule,
            shared: !detector.fitted[TECHNIQUE_IDS.indexOf(id)],
            precision: round4(c.precision),
            recall: round4(c.recall),
            assistantFalseAlarmRate: round4(c.assistantFalseAlarmRate),
          },
        ];
      }),
    ),
  };
}

/** Re-scores a spread of dev rows in onnxruntime-web and fails unless it matches the TypeScript forward pass. */
async function checkOnnxExport(
  onnx: Uint8Array,
  dev: readonly ScoredDevRow[],
  input: TrainingInput,
  inputDim: number,
): Promise<number> {
  const step = Math.max(1, Math.floor(dev.length / input.config.onnxCheckRows));
  const checkRows = dev.filter((_, i) => i % step === 0).slice(0, input.config.onnxCheckRows);
  const onnxScores = await scoreWithOnnxRuntime(
    onnx,
    checkRows.map((d) => toDense(d.prepared.x, inputDim)),
  );
  let maxDifference = 0;
  checkRows.forEach((d, i) => {
    const row = onnxScores[i];
    for (let k = 0; k < TECHNIQUE_COUNT; k++) {
      maxDifference = Math.max(maxDifference, Math.abs((row?.[k] ?? Number.NaN) - (d.model[k] ?? 0)));
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
