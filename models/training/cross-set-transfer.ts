import { evaluatePredictions } from '../../wasm-core/evaluation/metrics.ts';
import { TECHNIQUE_IDS } from '../../wasm-core/taxonomy.ts';
import { type FittedDetector, finalScores, fitDetector, flagged } from './detector-fit.ts';
import { scoreSparse } from './linear-model.ts';
import type { PreparedRow } from './prepared-rows.ts';
import type { TrainingConfig } from './training-config.ts';

export interface TransferResult {
  set: string;
  rows: number;
  /** Macro F1 on the set's dev split of the detector trained with all sets. */
  withSet: number;
  /** The same, for a detector trained, calibrated and thresholded without any row of the set. */
  withoutSet: number;
  /** Per technique with dev positives: F1 with and without the set. */
  techniques: { id: string; support: number; withSet: number; withoutSet: number }[];
}

function devReport(detector: FittedDetector, dev: readonly PreparedRow[]) {
  return evaluatePredictions(
    dev.map((r) => ({
      labels: r.row.labels,
      scope: r.row.scope,
      predicted: flagged(
        detector,
        finalScores(detector.calibration, r.lexicon, scoreSparse(detector.model, r.x), r.kept),
      ),
    })),
  );
}

/**
 * Leave-one-set-out: for each training set, refits the whole detector (model, calibration, thresholds)
 * without it and scores its dev split, next to the detector that saw it. The gap shows how much of a set's
 * dev score is knowledge of that set's style rather than of the technique.
 */
export function crossSetTransfer(
  rows: readonly PreparedRow[],
  full: FittedDetector,
  sets: readonly string[],
  inputDim: number,
  config: TrainingConfig,
  log: (line: string) => void,
): TransferResult[] {
  const results: TransferResult[] = [];
  for (const set of sets) {
    const dev = rows.filter((r) => r.set === set && r.split === 'dev');
    const { detector } = fitDetector(
      rows.filter((r) => r.set !== set),
      inputDim,
      config,
    );
    const withSet = devReport(full, dev);
    const withoutSet = devReport(detector, dev);
    const techniques = TECHNIQUE_IDS.flatMap((id) => {
      const a = withSet.techniques[id];
      const b = withoutSet.techniques[id];
      return a && a.support > 0 ? [{ id, support: a.support, withSet: a.f1, withoutSet: b?.f1 ?? 0 }] : [];
    });
    const result = {
      set,
      rows: dev.length,
      withSet: withSet.macroF1,
      withoutSet: withoutSet.macroF1,
      techniques,
    };
    results.push(result);
    log(
      `without ${set}: macro F1 on its dev split ${result.withoutSet.toFixed(3)} (with it ${result.withSet.toFixed(3)}); ` +
        techniques.map((t) => `${t.id} ${t.withSet.toFixed(3)}→${t.withoutSet.toFixed(3)}`).join(', '),
    );
  }
  return results;
}
