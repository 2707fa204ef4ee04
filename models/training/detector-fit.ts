import { calibratedScore, type TechniqueCalibration } from '../../wasm-core/scoring/calibration.ts';
import { TECHNIQUE_COUNT, TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import { fitCalibration } from './calibration-fit.ts';
import type { MappedRow } from './label-mapping.ts';
import { type LinearModel, scoreSparse } from './linear-model.ts';
import { classBalance, type TrainingExample, trainLogisticRegression } from './logistic-regression.ts';
import type { PreparedRow } from './prepared-rows.ts';
import { chooseThreshold, type ScoredRow, type ThresholdChoice } from './thresholds.ts';
import type { TrainingConfig } from './training-config.ts';

/** Everything the shipped detector is made of besides the lexicon: model, calibration, thresholds. */
export interface FittedDetector {
  model: LinearModel;
  /** Per technique: whether the model scores it (else lexicon-only calibration). */
  fitted: boolean[];
  calibration: Record<TechniqueId, TechniqueCalibration>;
  thresholds: Record<TechniqueId, number>;
  /** How each threshold was chosen; the lexicon-only techniques share one choice. */
  choices: Record<TechniqueId, ThresholdChoice>;
  positives: { train: number[]; calibration: number[]; dev: number[] };
  /** Rows the calibration of each technique was fitted on. */
  calibrationRows: Record<TechniqueId, number>;
}

/** A dev row with the model's and the detector's final scores, taxonomy order. */
export interface ScoredDevRow {
  prepared: PreparedRow;
  model: Float64Array;
  final: Float64Array;
}

function targetsOf(row: MappedRow): { targets: Uint8Array; mask: Uint8Array } {
  const targets = new Uint8Array(TECHNIQUE_COUNT);
  const mask = new Uint8Array(TECHNIQUE_COUNT);
  TECHNIQUE_IDS.forEach((id, k) => {
    if (row.scope.includes(id)) mask[k] = 1;
    if (row.labels.includes(id)) targets[k] = 1;
  });
  return { targets, mask };
}

function positiveCounts(rows: readonly PreparedRow[]): number[] {
  return TECHNIQUE_IDS.map((id) => rows.filter((r) => r.row.labels.includes(id)).length);
}

/** Makes technique k contribute nothing: each technique's regression is independent of the others'. */
function unfit(model: LinearModel, k: number, bias: number): void {
  for (let j = 0; j < model.dim; j++) model.weights[j * model.classes + k] = 0;
  model.bias[k] = bias;
}

/**
 * The lexicon-only calibration when no labelled rows can fit one: it reads a phrase's weight w as the
 * probability it states (final = w for one phrase of weight 0.5 or 0.9), so with a threshold of 0.5 a
 * technique fires exactly when its lexicon score reaches 0.5, the pack's own bar.
 */
export const LEXICON_PRIOR: TechniqueCalibration = {
  lexicon: Math.log(9) / Math.log(5),
  model: 0,
  bias: -Math.log(2) * (Math.log(9) / Math.log(5)),
};

/**
 * Scales row weights so that every set carries the same total weight (times the rows' own weights, e.g. the
 * configured set weight), keeping the overall total: a fit or a threshold then reflects how the evidence
 * behaves across sources rather than in whichever set has the most rows.
 */
export function balanceBySet<R extends { weight?: number }>(rows: readonly { set: string; row: R }[]): R[] {
  const perSet = new Map<string, number>();
  for (const { set } of rows) perSet.set(set, (perSet.get(set) ?? 0) + 1);
  const share = rows.length / Math.max(1, perSet.size);
  return rows.map(({ set, row }) => ({
    ...row,
    weight: ((row.weight ?? 1) * share) / (perSet.get(set) ?? 1),
  }));
}

/** The final scores of a row under a calibration, taxonomy order. */
export function finalScores(
  calibration: Record<TechniqueId, TechniqueCalibration>,
  lexicon: Float64Array,
  model: Float64Array,
  kept: Float64Array,
): Float64Array {
  return Float64Array.from(TECHNIQUE_IDS, (id, k) =>
    calibratedScore(calibration[id], lexicon[k] ?? 0, model[k] ?? 0, kept[k] ?? 1),
  );
}

/**
 * Fits the detector on prepared rows: the model on the train split (masked by scope, class-balanced, rows
 * weighted by set), the calibration on the calibration split (for lexicon-only techniques one shared
 * calibration over their rows of the train and calibration splits, since the model never learns their
 * labels), and thresholds on the dev split. A fitted technique whose dev scores allow no threshold is
 * unfitted and joins the lexicon-only ones.
 */
export function fitDetector(
  rows: readonly PreparedRow[],
  inputDim: number,
  config: TrainingConfig,
  log: (line: string) => void = () => {},
): { detector: FittedDetector; dev: ScoredDevRow[] } {
  const weightOf = (set: string) => config.setWeights[set] ?? 1;
  const train = rows.filter((r) => r.split === 'train');
  const calibrationSplit = rows.filter((r) => r.split === 'calibration');
  const devSplit = rows.filter((r) => r.split === 'dev');
  const examples: TrainingExample[] = train.map((r) => ({
    x: r.x,
    ...targetsOf(r.row),
    weight: weightOf(r.set),
  }));
  const positives = {
    train: positiveCounts(train),
    calibration: positiveCounts(calibrationSplit),
    dev: positiveCounts(devSplit),
  };
  const balance = classBalance(examples, TECHNIQUE_COUNT);
  const fitted = TECHNIQUE_IDS.map(
    (_, k) =>
      (positives.train[k] ?? 0) >= config.minPositives.train &&
      (positives.calibration[k] ?? 0) >= config.minPositives.calibration &&
      (positives.dev[k] ?? 0) >= config.minPositives.dev &&
      (balance[k]?.negatives ?? 0) > 0,
  );
  log(
    `fitting ${TECHNIQUE_IDS.filter((_, k) => fitted[k]).join(' ') || 'none'}; lexicon-only: ${
      TECHNIQUE_IDS.filter((_, k) => !fitted[k]).join(' ') || 'none'
    }`,
  );
  const trainModel = (subset: readonly TrainingExample[]) =>
    trainLogisticRegression(subset, {
      dim: inputDim,
      classes: TECHNIQUE_COUNT,
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      l2: config.l2,
      seed: config.seed,
      trainable: fitted,
      untrainedBias: config.untrainedBias,
    });
  const fitStart = performance.now();
  const model = trainModel(examples);
  log(`fitted ${examples.length} rows in ${((performance.now() - fitStart) / 1000).toFixed(1)} s`);

  // Cross-fitting: the training rows of the cross-fitted sets (our own replies: the target domain, too few to
  // spare many for a calibration split) are scored by models trained without their fold, so they can
  // calibrate too. Folds go by row order, which the digest fixes.
  const outOfFold = new Map<PreparedRow, Float64Array>();
  const crossFitted = train.filter((r) => !r.view && config.crossFit.sets.includes(r.set));
  if (crossFitted.length > 0) {
    const crossStart = performance.now();
    const foldOf = new Map(crossFitted.map((r, i) => [r, i % config.crossFit.folds]));
    for (let fold = 0; fold < config.crossFit.folds; fold++) {
      const foldModel = trainModel(examples.filter((_, i) => foldOf.get(train[i] as PreparedRow) !== fold));
      for (const r of crossFitted) if (foldOf.get(r) === fold) outOfFold.set(r, scoreSparse(foldModel, r.x));
    }
    log(
      `cross-fitted ${crossFitted.length} rows of ${config.crossFit.sets.join(', ')} in ${config.crossFit.folds} folds in ${((performance.now() - crossStart) / 1000).toFixed(1)} s`,
    );
  }

  const heldOut = [...calibrationSplit, ...devSplit];
  const modelScores = new Map<PreparedRow, Float64Array>();
  const rescore = () => {
    for (const r of heldOut) modelScores.set(r, scoreSparse(model, r.x));
  };
  rescore();
  const modelOf = (r: PreparedRow) =>
    outOfFold.get(r) ?? modelScores.get(r) ?? new Float64Array(TECHNIQUE_COUNT);
  const calibrationPool = [...calibrationSplit, ...crossFitted];

  for (;;) {
    const calibrationRows = (pool: readonly PreparedRow[], ids: readonly TechniqueId[]) =>
      balanceBySet(
        ids.flatMap((id) => {
          const k = TECHNIQUE_IDS.indexOf(id);
          return pool
            .filter((r) => r.row.scope.includes(id))
            .map((r) => ({
              set: r.set,
              row: {
                lexiconScore: r.lexicon[k] ?? 0,
                modelScore: modelOf(r)[k] ?? 0,
                kept: r.kept[k] ?? 1,
                positive: r.row.labels.includes(id),
                weight: weightOf(r.set),
              },
            }));
        }),
      );
    const lexiconOnlyIds = TECHNIQUE_IDS.filter((_, k) => !fitted[k]);
    // The model never learns the lexicon-only techniques' labels, so their training rows calibrate too.
    const lexiconOnlyRows = calibrationRows(
      [...train.filter((r) => !r.view), ...calibrationSplit],
      lexiconOnlyIds,
    );
    const lexiconOnlyPositives = lexiconOnlyRows.filter((r) => r.positive).length;
    const lexiconOnly =
      lexiconOnlyPositives >= config.minPositives.calibration
        ? fitCalibration(lexiconOnlyRows, false, config.calibration)
        : LEXICON_PRIOR;
    const calibration = {} as Record<TechniqueId, TechniqueCalibration>;
    const calibrationCounts = {} as Record<TechniqueId, number>;
    TECHNIQUE_IDS.forEach((id, k) => {
      if (!fitted[k]) {
        calibration[id] = lexiconOnly;
        calibrationCounts[id] = lexiconOnlyRows.length;
        return;
      }
      const rows = calibrationRows(calibrationPool, [id]);
      calibration[id] = fitCalibration(rows, true, config.calibration);
      calibrationCounts[id] = rows.length;
    });

    const dev = devSplit.map((prepared) => ({
      prepared,
      model: modelOf(prepared),
      final: finalScores(calibration, prepared.lexicon, modelOf(prepared), prepared.kept),
    }));
    const budgetOf = (set: string, id: TechniqueId, pooled: boolean) =>
      config.assistantStyleSets.includes(set) ? { assistantSet: pooled ? `${set}:${id}` : set } : {};
    const scored = (id: TechniqueId, k: number, pooled: boolean): { set: string; row: ScoredRow }[] =>
      dev
        .filter((d) => d.prepared.row.scope.includes(id))
        .map((d) => ({
          set: d.prepared.set,
          row: {
            score: d.final[k] ?? 0,
            positive: d.prepared.row.labels.includes(id),
            ...budgetOf(d.prepared.set, id, pooled),
          },
        }));
    const lexiconOnlyDev = TECHNIQUE_IDS.flatMap((id, k) => (fitted[k] ? [] : scored(id, k, true)));
    // Without labelled rows to learn from, the lexicon keeps the pack's own bar (see LEXICON_PRIOR); when
    // there are rows but no cut meets the constraints, the lexicon-only techniques stay silent.
    const lexiconOnlyChoice: ThresholdChoice =
      lexiconOnly === LEXICON_PRIOR ||
      lexiconOnlyDev.filter((d) => d.row.positive).length < config.lexiconOnlyThresholds.minPositives
        ? {
            threshold: 0.5,
            rule: 'prior',
            precision: 0,
            recall: 0,
            assistantFalseAlarmRate: 0,
          }
        : chooseThreshold(balanceBySet(lexiconOnlyDev), config.lexiconOnlyThresholds);
    const choices = {} as Record<TechniqueId, ThresholdChoice>;
    TECHNIQUE_IDS.forEach((id, k) => {
      choices[id] = fitted[k]
        ? chooseThreshold(balanceBySet(scored(id, k, false)), config.thresholds)
        : lexiconOnlyChoice;
    });
    const failed = TECHNIQUE_IDS.filter((id, k) => fitted[k] && choices[id].rule === 'never');
    if (failed.length === 0) {
      const thresholds = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, choices[id].threshold])) as Record<
        TechniqueId,
        number
      >;
      return {
        detector: {
          model,
          fitted,
          calibration,
          thresholds,
          choices,
          positives,
          calibrationRows: calibrationCounts,
        },
        dev,
      };
    }
    log(`no usable threshold for ${failed.join(' ')}: unfitted, left to the lexicon`);
    for (const id of failed) {
      const k = TECHNIQUE_IDS.indexOf(id);
      fitted[k] = false;
      unfit(model, k, config.untrainedBias);
    }
    rescore();
  }
}

/** The techniques a detector flags on a scored row. */
export function flagged(detector: FittedDetector, final: Float64Array): TechniqueId[] {
  return TECHNIQUE_IDS.filter((id, k) => (final[k] ?? 0) >= detector.thresholds[id]);
}
