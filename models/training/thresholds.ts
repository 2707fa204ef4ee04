export interface ScoredRow {
  score: number;
  positive: boolean;
  /** The assistant-style set the row comes from, if any: its negatives count toward that set's false-alarm budget. */
  assistantSet?: string;
}

export interface ThresholdChoice {
  threshold: number;
  /** How it was chosen; 'default' means the technique is not fitted and keeps the analyzer's default bar. */
  rule: 'precision-floor' | 'best-f0.5' | 'never' | 'default';
  precision: number;
  recall: number;
}

export interface ThresholdOptions {
  /** Prefer the widest cut whose precision reaches this. */
  minPrecision: number;
  /** No threshold below this, whatever the dev set says: false alarms on real replies cost trust. */
  floor: number;
  /** Fewer positives than this on dev and no threshold is trusted: the technique never fires. */
  minPositives: number;
  /**
   * Largest share of the negatives of any one assistant-style set the threshold may flag. The product reads
   * assistant replies; a detector that is precise on headlines or SMS but fires on ordinary replies is no
   * use there. Per set, so a large synthetic set cannot dilute the false alarms on a small realistic one.
   */
  maxAssistantFalseAlarmRate: number;
}

/** Thresholds are written with four decimals; rounding down keeps every row the sweep admitted. */
function roundDown(x: number): number {
  return Math.floor(x * 1e4) / 1e4;
}

/**
 * Picks a per-technique threshold that favours precision: the lowest one whose precision reaches
 * `minPrecision` (most recall at that precision), else the one with the best F0.5; never below `floor` and
 * never flagging more than `maxAssistantFalseAlarmRate` of the assistant-style negatives.
 * A row is predicted positive when score ≥ threshold.
 */
export function chooseThreshold(rows: readonly ScoredRow[], options: ThresholdOptions): ThresholdChoice {
  const total = rows.filter((row) => row.positive).length;
  const never: ThresholdChoice = { threshold: 1, rule: 'never', precision: 0, recall: 0 };
  if (total < options.minPositives) return never;
  const sorted = [...rows].sort((a, b) => b.score - a.score || Number(a.positive) - Number(b.positive));
  const assistantNegatives = new Map<string, number>();
  for (const row of rows) {
    if (row.assistantSet !== undefined && !row.positive) {
      assistantNegatives.set(row.assistantSet, (assistantNegatives.get(row.assistantSet) ?? 0) + 1);
    }
  }
  const assistantFp = new Map<string, number>();
  let tp = 0;
  let fp = 0;
  let floorCut: ThresholdChoice | undefined;
  let bestF: { f: number; choice: ThresholdChoice } | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i] as ScoredRow;
    if (row.positive) tp++;
    else fp++;
    let overBudget = false;
    if (row.assistantSet !== undefined && !row.positive) {
      const flagged = (assistantFp.get(row.assistantSet) ?? 0) + 1;
      assistantFp.set(row.assistantSet, flagged);
      overBudget =
        flagged / (assistantNegatives.get(row.assistantSet) ?? 1) > options.maxAssistantFalseAlarmRate;
    }
    // Lower thresholds only flag more: once a set is over budget, every lower cut is too.
    if (overBudget) break;
    const next = sorted[i + 1];
    // Only cut between distinct scores: rows with equal scores are predicted together.
    if (next && next.score === row.score) continue;
    const threshold = roundDown(row.score);
    if (threshold < options.floor) break;
    const precision = tp / (tp + fp);
    const recall = tp / total;
    if (precision >= options.minPrecision && tp > 0) {
      floorCut = { threshold, rule: 'precision-floor', precision, recall };
    }
    const f = precision + recall === 0 ? 0 : (1.25 * precision * recall) / (0.25 * precision + recall);
    if (f > 0 && (!bestF || f > bestF.f))
      bestF = { f, choice: { threshold, rule: 'best-f0.5', precision, recall } };
  }
  return floorCut ?? bestF?.choice ?? never;
}
