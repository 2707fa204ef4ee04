import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';

export interface LabelledPrediction {
  labels: readonly TechniqueId[];
  /** Techniques this row was labelled for; all 22 when absent. Outside scope a row says nothing. */
  scope?: readonly TechniqueId[];
  predicted: readonly TechniqueId[];
}

export interface TechniqueMetrics {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Rows in scope that carry the label. */
  support: number;
}

export interface EvalReport {
  techniques: Partial<Record<TechniqueId, TechniqueMetrics>>;
  /** Mean F1 over techniques in scope of some row that have support > 0. */
  macroF1: number;
}

/**
 * Per-technique confusion counts and scores. Precision or recall with an empty denominator is 0, so a
 * technique that is never predicted scores 0, not NaN.
 */
export function evaluatePredictions(rows: readonly LabelledPrediction[]): EvalReport {
  const counts = new Map<TechniqueId, { tp: number; fp: number; fn: number }>();
  for (const row of rows) {
    for (const technique of row.scope ?? TECHNIQUE_IDS) {
      const c = counts.get(technique) ?? { tp: 0, fp: 0, fn: 0 };
      counts.set(technique, c);
      const labelled = row.labels.includes(technique);
      const predicted = row.predicted.includes(technique);
      if (labelled && predicted) c.tp++;
      else if (predicted) c.fp++;
      else if (labelled) c.fn++;
    }
  }
  const techniques: Partial<Record<TechniqueId, TechniqueMetrics>> = {};
  const f1s: number[] = [];
  for (const technique of TECHNIQUE_IDS) {
    const c = counts.get(technique);
    if (!c) continue;
    const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
    const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const support = c.tp + c.fn;
    techniques[technique] = { ...c, precision, recall, f1, support };
    if (support > 0) f1s.push(f1);
  }
  const macroF1 = f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length;
  return { techniques, macroF1 };
}
