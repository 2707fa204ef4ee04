import type { DriftAssessment, TechniqueRatio } from '../../wasm-core/behaviour/drift-assessment.ts';
import { WARNING_RATIO } from '../../wasm-core/behaviour/drift-assessment.ts';
import type { DriftRecord } from '../../wasm-core/behaviour/drift-monitor.ts';

/** What the popup shows of the last assessment: the numbers behind the state, not the replies. */
export interface DriftSummary extends Omit<DriftAssessment, 'ratios' | 'reasons'> {
  /** When the assessment was made. */
  at: number;
  /** Techniques whose rate at least doubled against the baseline, highest ratio first. */
  rising: TechniqueRatio[];
}

/** One assistant's row in the `drift` table. */
export interface DriftRow {
  /** `site` or `site|model` (FootprintRecord.assistant). */
  assistant: string;
  drift: DriftRecord;
  /** Null until the first assessment. */
  assessment: DriftSummary | null;
}

export function driftSummary(assessment: DriftAssessment, at: number): DriftSummary {
  const { reasons: _reasons, ratios, ...numbers } = assessment;
  return { at, ...numbers, rising: ratios.filter((entry) => entry.ratio >= WARNING_RATIO) };
}
