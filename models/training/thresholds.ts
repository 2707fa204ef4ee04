export interface ScoredRow {
  score: number;
  positive: boolean;
  /** How much the row counts in precision and recall (default 1), e.g. to give every source the same say. */
  weight?: number;
  /**
   * The assistant-style budget the row counts toward when it is a negative (a set, or a set and technique
   * when several techniques share one threshold): every budget bounds the false alarms on its own negatives.
   */
  assistantSet?: string;
}

export interface ThresholdChoice {
  threshold: number;
  /**
   * How it was chosen: 'never' means no cut satisfied the constraints (the technique never fires); 'prior'
   * that there were no labelled rows to choose on (set by the caller).
   */
  rule: 'best-f0.5' | 'never' | 'prior';
  precision: number;
  recall: number;
  /** Largest share of any assistant-style budget's negatives flagged at this threshold. */
  assistantFalseAlarmRate: number;
}

export interface ThresholdOptions {
  /** No threshold below this, whatever the dev set says: false alarms on real replies cost trust. */
  floor: number;
  /** Fewer positives than this on dev and no threshold is trusted: the technique never fires. */
  minPositives: number;
  /**
   * Largest share of the negatives of any one assistant-style budget the threshold may flag. The product reads
   * assistant replies; a detector that is precise on headlines or SMS but fires on ordinary replies is no
   * use there. Per budget, so a large synthetic set cannot dilute the false alarms on a small realistic one.
   */
  maxAssistantFalseAlarmRate: number;
}

/** Thresholds are written with four decimals; rounding down keeps every row the sweep admitted. */
function roundDown(x: number): number {
  return Math.floor(x * 1e4) / 1e4;
}

/**
 * Picks a threshold that favours precision: the one with the best F0.5 (precision weighs twice recall; rows
 * counted by their weight), never below `floor` and never flagging more than `maxAssistantFalseAlarmRate` of
 * any assistant-style budget's negatives (counted as rows). Among equal F0.5 the higher threshold wins. A row
 * is predicted positive when score ≥ threshold.
 */
export function chooseThreshold(rows: readonly ScoredRow[], options: ThresholdOptions): ThresholdChoice {
  const positives = rows.filter((row) => row.positive);
  const total = positives.reduce((sum, row) => sum + (row.weight ?? 1), 0);
  const never: ThresholdChoice = {
    threshold: 1,
    rule: 'never',
    precision: 0,
    recall: 0,
    assistantFalseAlarmRate: 0,
  };
  if (positives.length < options.minPositives) return never;
  const sorted = [...rows].sort((a, b) => b.score - a.score || Number(a.positive) - Number(b.positive));
  const assistantNegatives = new Map<string, number>();
  for (const row of rows) {
    if (row.assistantSet !== undefined && !row.positive) {
      assistantNegatives.set(row.assistantSet, (assistantNegatives.get(row.assistantSet) ?? 0) + 1);
    }
  }
  const assistantFp = new Map<string, number>();
  let worstRate = 0;
  let tp = 0;
  let fp = 0;
  let best: { f: number; choice: ThresholdChoice } | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i] as ScoredRow;
    if (row.positive) tp += row.weight ?? 1;
    else fp += row.weight ?? 1;
    if (row.assistantSet !== undefined && !row.positive) {
      const flagged = (assistantFp.get(row.assistantSet) ?? 0) + 1;
      assistantFp.set(row.assistantSet, flagged);
      worstRate = Math.max(worstRate, flagged / (assistantNegatives.get(row.assistantSet) ?? 1));
    }
    // Lower thresholds only flag more: once a budget is exceeded, every lower cut exceeds it too.
    if (worstRate > options.maxAssistantFalseAlarmRate) break;
    const next = sorted[i + 1];
    // Only cut between distinct scores: rows with equal scores are predicted together.
    if (next && next.score === row.score) continue;
    const threshold = roundDown(row.score);
    if (threshold < options.floor) break;
    if (tp <= 0) continue;
    const precision = tp / (tp + fp);
    const recall = tp / total;
    const f = (1.25 * precision * recall) / (0.25 * precision + recall);
    if (!best || f > best.f) {
      best = {
        f,
        choice: { threshold, rule: 'best-f0.5', precision, recall, assistantFalseAlarmRate: worstRate },
      };
    }
  }
  return best?.choice ?? never;
}
