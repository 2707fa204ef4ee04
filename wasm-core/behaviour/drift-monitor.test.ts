import { describe, expect, it } from 'vitest';
import { ASSISTANT_STATES, type AssistantState } from '../constitution/rule-pack.ts';
import type { DriftAssessment, DriftLevel } from './drift-assessment.ts';
import {
  acknowledgeDrift,
  advanceDrift,
  advanceDriftClock,
  type DriftRecord,
  describeDriftState,
  HOLD_TIMEOUT_MS,
  initialDrift,
  MONITOR_CLEAR_MS,
  WARNING_MEMORY_MS,
} from './drift-monitor.ts';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => T0 + hours * HOUR;

function assessment(level: DriftLevel): DriftAssessment {
  return {
    level,
    ksD: null,
    ksP: null,
    recentReplies: 0,
    baselineReplies: 0,
    recentMeanRisk: null,
    baselineMeanRisk: null,
    ratios: [],
    reasons: [`${level} reason`],
  };
}

/** Applies levels at the given hours, in order. */
function run(
  steps: readonly [number, DriftLevel | 'ack'][],
  start: DriftRecord = initialDrift(T0),
): DriftRecord {
  let record = start;
  for (const [hour, step] of steps) {
    record =
      step === 'ack' ? acknowledgeDrift(record, at(hour)) : advanceDrift(record, assessment(step), at(hour));
  }
  return record;
}

const inHold = () => run([[1, 'critical']]);
const inMonitor = () => run([[1, 'warning']]);
const inDegraded = () => advanceDriftClock(inHold(), at(1) + HOLD_TIMEOUT_MS);
const inRecovery = () => run([[2, 'ack']], inHold());

describe('initialDrift', () => {
  it('starts NORMAL with nothing assessed', () => {
    expect(initialDrift(T0)).toEqual({
      state: 'NORMAL',
      since: T0,
      warnings: 0,
      warningTimes: [],
      lastAssessed: null,
      lastLevel: null,
      reasons: [],
    });
  });
});

describe('advanceDrift: transitions out of NORMAL', () => {
  it.each([
    ['ok', 'NORMAL'],
    ['insufficient', 'NORMAL'],
    ['warning', 'MONITOR'],
    ['critical', 'HOLD'],
  ] as const)('NORMAL + %s → %s', (level, state) => {
    const record = advanceDrift(initialDrift(T0), assessment(level), at(1));
    expect(record.state).toBe(state);
    expect(record.since).toBe(state === 'NORMAL' ? T0 : at(1));
    expect(record.lastAssessed).toBe(at(1));
    expect(record.lastLevel).toBe(level);
  });

  it('keeps the reasons of the last assessment that could judge', () => {
    const warned = run([[1, 'warning']]);
    expect(warned.reasons).toEqual(['warning reason']);
    expect(run([[2, 'insufficient']], warned).reasons).toEqual(['warning reason']);
  });
});

describe('advanceDrift: MONITOR', () => {
  it('MONITOR + critical → HOLD', () => {
    expect(run([[2, 'critical']], inMonitor())).toMatchObject({ state: 'HOLD', since: at(2) });
  });

  it('MONITOR → NORMAL after 24 h under warning: not just before, at, and after the boundary', () => {
    const monitor = run([[2, 'ok']], inMonitor());
    expect(monitor).toMatchObject({ state: 'MONITOR', underWarningSince: at(2) });
    const justBefore = advanceDrift(monitor, assessment('ok'), at(2) + MONITOR_CLEAR_MS - 1);
    expect(justBefore).toMatchObject({ state: 'MONITOR', underWarningSince: at(2) });
    const atBoundary = advanceDrift(monitor, assessment('ok'), at(2) + MONITOR_CLEAR_MS);
    expect(atBoundary).toMatchObject({ state: 'NORMAL', since: at(2) + MONITOR_CLEAR_MS });
    expect(atBoundary.underWarningSince).toBeUndefined();
    const after = advanceDrift(justBefore, assessment('ok'), at(2) + MONITOR_CLEAR_MS + HOUR);
    expect(after.state).toBe('NORMAL');
  });

  it('a warning inside the 24 h restarts them', () => {
    const record = run([
      [1, 'warning'],
      [2, 'ok'],
      [20, 'warning'],
      [21, 'ok'],
      [26, 'ok'],
    ]);
    expect(record).toMatchObject({ state: 'MONITOR', underWarningSince: at(21) });
    expect(run([[21 + 24, 'ok']], record).state).toBe('NORMAL');
  });

  it('insufficient data keeps MONITOR and restarts the 24 h at the next ok assessment', () => {
    const record = run(
      [
        [2, 'ok'],
        [10, 'insufficient'],
        [12, 'ok'],
        [26, 'ok'],
      ],
      inMonitor(),
    );
    expect(record).toMatchObject({ state: 'MONITOR', underWarningSince: at(12) });
    expect(run([[36, 'ok']], record).state).toBe('NORMAL');
  });

  it('a fourth counted warning puts it on HOLD; persistent drift counts once a day', () => {
    // Hourly warnings for a day count once; the warnings at 25 h, 49 h and 73 h are the 2nd, 3rd, 4th.
    const hourly = Array.from({ length: 24 }, (_, h) => [h + 1, 'warning'] as [number, DriftLevel]);
    const oneDay = run(hourly);
    expect(oneDay).toMatchObject({ state: 'MONITOR', warnings: 1 });
    const threeDays = run(
      [
        [25, 'warning'],
        [49, 'warning'],
      ],
      oneDay,
    );
    expect(threeDays).toMatchObject({ state: 'MONITOR', warnings: 3 });
    expect(run([[72, 'warning']], threeDays)).toMatchObject({ state: 'MONITOR', warnings: 3 });
    expect(run([[73, 'warning']], threeDays)).toMatchObject({ state: 'HOLD', warnings: 4, since: at(73) });
  });

  it('separate episodes each count, and a warning from NORMAL can be the one that exceeds 3', () => {
    const record = run([
      [1, 'warning'],
      [2, 'ok'],
      [3, 'warning'],
      [4, 'ok'],
      [5, 'warning'],
      [6, 'ok'],
      [30, 'ok'],
    ]);
    expect(record).toMatchObject({ state: 'NORMAL', warnings: 3 });
    expect(run([[31, 'warning']], record)).toMatchObject({ state: 'HOLD', warnings: 4 });
  });

  it('forgets warnings after 30 days', () => {
    const record = run([
      [1, 'warning'],
      [2, 'ok'],
      [3, 'warning'],
      [4, 'ok'],
      [5, 'warning'],
      [6, 'ok'],
      [30, 'ok'],
    ]);
    // The warning counted at 1 h is remembered until exactly 30 days later.
    const forgotten = at(1) + WARNING_MEMORY_MS;
    expect(advanceDrift(record, assessment('warning'), forgotten - 1).state).toBe('HOLD');
    expect(advanceDrift(record, assessment('warning'), forgotten)).toMatchObject({
      state: 'MONITOR',
      warnings: 3,
      warningTimes: [at(3), at(5), forgotten],
    });
  });
});

describe('HOLD and DEGRADED', () => {
  it.each(['ok', 'warning', 'critical', 'insufficient'] as const)('HOLD ignores a %s assessment', (level) => {
    expect(advanceDrift(inHold(), assessment(level), at(2))).toMatchObject({ state: 'HOLD', since: at(1) });
  });

  it('HOLD → DEGRADED 72 h after entering HOLD without acknowledgement: just before, at, after', () => {
    const hold = inHold();
    expect(advanceDriftClock(hold, at(1) + HOLD_TIMEOUT_MS - 1).state).toBe('HOLD');
    expect(advanceDriftClock(hold, at(1) + HOLD_TIMEOUT_MS)).toMatchObject({
      state: 'DEGRADED',
      since: at(1) + HOLD_TIMEOUT_MS,
    });
    // Looked at later, it became degraded when the 72 hours ran out.
    expect(advanceDriftClock(hold, at(1) + HOLD_TIMEOUT_MS + 10 * HOUR)).toMatchObject({
      state: 'DEGRADED',
      since: at(1) + HOLD_TIMEOUT_MS,
    });
    // An assessment applies the timer too.
    expect(advanceDrift(hold, assessment('ok'), at(1) + HOLD_TIMEOUT_MS).state).toBe('DEGRADED');
    expect(advanceDrift(hold, assessment('ok'), at(1) + HOLD_TIMEOUT_MS - 1).state).toBe('HOLD');
  });

  it('HOLD → RECOVERY on acknowledgement, with the warnings forgotten', () => {
    const hold = run([
      [1, 'warning'],
      [2, 'critical'],
    ]);
    expect(hold.warnings).toBe(1);
    const recovery = acknowledgeDrift(hold, at(3));
    expect(recovery).toMatchObject({ state: 'RECOVERY', since: at(3), acknowledgedAt: at(3), warnings: 0 });
  });

  it('acknowledging just before the 72 h recovers from HOLD; at 72 h, from DEGRADED', () => {
    const hold = inHold();
    expect(acknowledgeDrift(hold, at(1) + HOLD_TIMEOUT_MS - 1).state).toBe('RECOVERY');
    expect(acknowledgeDrift(hold, at(1) + HOLD_TIMEOUT_MS).state).toBe('RECOVERY');
  });

  it.each(['ok', 'warning', 'critical', 'insufficient'] as const)(
    'DEGRADED ignores a %s assessment',
    (level) => {
      const degraded = inDegraded();
      expect(advanceDrift(degraded, assessment(level), at(100)).state).toBe('DEGRADED');
    },
  );

  it('DEGRADED → RECOVERY on acknowledgement', () => {
    expect(acknowledgeDrift(inDegraded(), at(200))).toMatchObject({ state: 'RECOVERY', since: at(200) });
  });

  it.each([
    ['NORMAL', () => initialDrift(T0)],
    ['MONITOR', inMonitor],
    ['RECOVERY', inRecovery],
  ] as const)('acknowledging in %s changes nothing', (_state, make) => {
    const record = make();
    expect(acknowledgeDrift(record, at(5))).toEqual(record);
  });
});

describe('RECOVERY', () => {
  it.each([
    ['ok', 'NORMAL'],
    ['critical', 'HOLD'],
    ['warning', 'RECOVERY'],
    ['insufficient', 'RECOVERY'],
  ] as const)('RECOVERY + %s → %s', (level, state) => {
    const record = advanceDrift(inRecovery(), assessment(level), at(5));
    expect(record.state).toBe(state);
    expect(record.since).toBe(state === 'RECOVERY' ? at(2) : at(5));
  });

  it('goes back to HOLD when warnings exceed 3 again during recovery', () => {
    const record = run(
      [
        [3, 'warning'],
        [27, 'warning'],
        [51, 'warning'],
      ],
      inRecovery(),
    );
    expect(record).toMatchObject({ state: 'RECOVERY', warnings: 3 });
    expect(run([[75, 'warning']], record).state).toBe('HOLD');
  });
});

describe('describeDriftState', () => {
  it('has one plain line per state', () => {
    const lines = ASSISTANT_STATES.map((state: AssistantState) => describeDriftState(state));
    expect(new Set(lines).size).toBe(ASSISTANT_STATES.length);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(110);
      expect(line).toMatch(/\.$/);
    }
    expect(describeDriftState('HOLD')).toMatch(/acknowledge/);
  });
});
