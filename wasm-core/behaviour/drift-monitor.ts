import type { AssistantState } from '../constitution/rule-pack.ts';
import type { DriftAssessment, DriftLevel } from './drift-assessment.ts';

/**
 * The drift state machine of SPEC §5, one record per assistant. Pure: every function takes the time it
 * acts at (an injected clock) and returns a new record; nothing reads the system clock.
 *
 *   NORMAL   → MONITOR   on a warning
 *   NORMAL   → HOLD      on a critical assessment, or when a warning makes the count exceed MAX_WARNINGS
 *   MONITOR  → HOLD      the same
 *   MONITOR  → NORMAL    once assessments have stayed under warning (ok) for MONITOR_CLEAR_MS (24 h),
 *                        checked at the first ok assessment at or after that time
 *   HOLD     → RECOVERY  when the user acknowledges
 *   HOLD     → DEGRADED  HOLD_TIMEOUT_MS (72 h) after entering HOLD without acknowledgement; applied by
 *                        advanceDriftClock, which every other function calls first, so the state is right
 *                        whenever the record is looked at, with or without a new assessment
 *   DEGRADED → RECOVERY  when the user acknowledges
 *   RECOVERY → NORMAL    when the next assessment is ok (the re-check passes)
 *   RECOVERY → HOLD      when it is critical, or when warnings exceed MAX_WARNINGS again
 *
 * Everything else keeps the state: a warning in RECOVERY keeps it in RECOVERY (the re-check has not
 * passed), and HOLD and DEGRADED ignore assessments, since only the user can release them.
 *
 * Insufficient data: an 'insufficient' assessment never changes the state and never counts as a warning.
 * It does break a MONITOR run under warning (the 24 hours restart at the next ok assessment): the monitor
 * cannot vouch for a period it could not judge.
 *
 * Counting warnings: assessments run repeatedly, so one drift episode would otherwise count once per run.
 * A warning assessment counts when it starts an episode (the previous assessment was not a warning or
 * critical) or when the last counted warning is at least WARNING_REPEAT_MS (24 h) old, so drift that
 * persists adds one warning a day. Counted warnings are remembered for WARNING_MEMORY_MS (30 days, the
 * baseline's span) and forgotten when the user acknowledges a HOLD or DEGRADED state.
 */

const HOUR_MS = 3_600_000;
export const MONITOR_CLEAR_MS = 24 * HOUR_MS;
export const HOLD_TIMEOUT_MS = 72 * HOUR_MS;
export const MAX_WARNINGS = 3;
export const WARNING_REPEAT_MS = 24 * HOUR_MS;
export const WARNING_MEMORY_MS = 30 * 24 * HOUR_MS;

export interface DriftRecord {
  state: AssistantState;
  /** When the current state was entered. */
  since: number;
  /** Counted warnings still remembered; always `warningTimes.length`. */
  warnings: number;
  /** When each remembered warning was counted, oldest first. */
  warningTimes: number[];
  /** When the last assessment was applied; null before the first. */
  lastAssessed: number | null;
  lastLevel: DriftLevel | null;
  /** In MONITOR: when the current run of ok assessments began. */
  underWarningSince?: number;
  /** When the user last acknowledged a HOLD or DEGRADED state. */
  acknowledgedAt?: number;
  /** The reasons of the last assessment that was not insufficient. */
  reasons: string[];
}

export function initialDrift(now: number): DriftRecord {
  return {
    state: 'NORMAL',
    since: now,
    warnings: 0,
    warningTimes: [],
    lastAssessed: null,
    lastLevel: null,
    reasons: [],
  };
}

function enter(record: DriftRecord, state: AssistantState, at: number): DriftRecord {
  if (record.state === state) return record;
  const { underWarningSince: _cleared, ...rest } = record;
  return { ...rest, state, since: at };
}

function withWarnings(record: DriftRecord, warningTimes: number[]): DriftRecord {
  return { ...record, warningTimes, warnings: warningTimes.length };
}

/** Applies what time alone does: forgets old warnings and turns a HOLD of 72 h into DEGRADED. */
export function advanceDriftClock(record: DriftRecord, now: number): DriftRecord {
  let next = record;
  const remembered = record.warningTimes.filter((time) => now - time < WARNING_MEMORY_MS);
  if (remembered.length !== record.warningTimes.length) next = withWarnings(next, remembered);
  if (next.state === 'HOLD' && now - next.since >= HOLD_TIMEOUT_MS) {
    // It became degraded when the 72 hours ran out, not when someone happened to look.
    next = enter(next, 'DEGRADED', next.since + HOLD_TIMEOUT_MS);
  }
  return next;
}

function countsAsNewWarning(record: DriftRecord, now: number): boolean {
  const continuing = record.lastLevel === 'warning' || record.lastLevel === 'critical';
  const last = record.warningTimes[record.warningTimes.length - 1];
  return !continuing || last === undefined || now - last >= WARNING_REPEAT_MS;
}

/** Applies one assessment made at `now`; see the transition table at the top of this file. */
export function advanceDrift(record: DriftRecord, assessment: DriftAssessment, now: number): DriftRecord {
  const current = advanceDriftClock(record, now);
  const level = assessment.level;
  if (level === 'insufficient') {
    const { underWarningSince: _broken, ...rest } = current;
    return { ...rest, lastAssessed: now, lastLevel: level };
  }

  let next: DriftRecord = { ...current, reasons: [...assessment.reasons] };
  if (level === 'warning' && current.state !== 'HOLD' && current.state !== 'DEGRADED') {
    if (countsAsNewWarning(current, now)) next = withWarnings(next, [...next.warningTimes, now]);
  }

  switch (current.state) {
    case 'NORMAL':
    case 'MONITOR':
      if (level === 'critical' || next.warnings > MAX_WARNINGS) next = enter(next, 'HOLD', now);
      else if (level === 'warning') {
        next = enter(next, 'MONITOR', now);
        const { underWarningSince: _broken, ...rest } = next;
        next = rest;
      } else if (current.state === 'MONITOR') {
        const start = current.underWarningSince ?? now;
        next =
          now - start >= MONITOR_CLEAR_MS
            ? enter(next, 'NORMAL', now)
            : { ...next, underWarningSince: start };
      }
      break;
    case 'RECOVERY':
      if (level === 'critical' || next.warnings > MAX_WARNINGS) next = enter(next, 'HOLD', now);
      else if (level === 'ok') next = enter(next, 'NORMAL', now);
      break;
    case 'HOLD':
    case 'DEGRADED':
      break;
  }
  return { ...next, lastAssessed: now, lastLevel: level };
}

/**
 * The user has seen the drift and acknowledged it: HOLD and DEGRADED move to RECOVERY and the warning
 * count starts afresh. In any other state this changes nothing but what time alone does.
 */
export function acknowledgeDrift(record: DriftRecord, now: number): DriftRecord {
  const current = advanceDriftClock(record, now);
  if (current.state !== 'HOLD' && current.state !== 'DEGRADED') return current;
  return withWarnings({ ...enter(current, 'RECOVERY', now), acknowledgedAt: now }, []);
}

const DESCRIPTIONS: Record<AssistantState, string> = {
  NORMAL: 'Behaving as usual: its recent replies look like its earlier ones.',
  MONITOR: 'Being watched more closely: its recent replies have drifted from its usual pattern.',
  HOLD: 'On hold: its replies have changed markedly. Please look at why and acknowledge it.',
  RECOVERY: 'Recovering: you acknowledged a change; the next check decides whether it is back to normal.',
  DEGRADED: 'Degraded: a marked change went unacknowledged for 3 days. Treat its replies with extra care.',
};

/** One plain-language line per state, for the popup. */
export function describeDriftState(state: AssistantState): string {
  return DESCRIPTIONS[state];
}
