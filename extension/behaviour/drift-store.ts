import { assistantOf } from '../../wasm-core/behaviour/daily-aggregates.ts';
import {
  assessDrift,
  BASELINE_DAYS,
  DAY_MS,
  RECENT_DAYS,
} from '../../wasm-core/behaviour/drift-assessment.ts';
import {
  acknowledgeDrift,
  advanceDrift,
  advanceDriftClock,
  initialDrift,
} from '../../wasm-core/behaviour/drift-monitor.ts';
import type { AssistantState } from '../../wasm-core/constitution/rule-pack.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { appendLogEntryInTransaction, appendQueue } from '../store/log-append.ts';
import { type DriftRow, driftSummary } from './drift-row.ts';

/** The span assessDrift reads: the 7 recent days and the 30-day baseline before them. */
export const DRIFT_SPAN_MS = (RECENT_DAYS + BASELINE_DAYS) * DAY_MS;

/**
 * How often an assistant is re-assessed at most. An assessment reads up to 37 days of the assistant's
 * replies (one index range, thousands of rows for a heavy user) and runs the KS test over them; a reply adds
 * one row to windows of at least a hundred, so re-assessing on every reply would spend that cost to move
 * the statistics by a hair. Within this interval a reply costs one read of the drift row. The state
 * machine's timers are hours long (24 h, 72 h), so a few minutes' delay changes no transition, and the
 * HOLD → DEGRADED timer is applied from the clock whenever the row is read, reply or not.
 */
export const REASSESS_INTERVAL_MS = 5 * 60_000;

/** States only the user (or the clock) can leave: an assessment cannot change them, so none is made. */
const USER_RELEASED: ReadonlySet<AssistantState> = new Set(['HOLD', 'DEGRADED']);

function needsAssessment(row: DriftRow | undefined, now: number): boolean {
  if (!row) return true;
  if (USER_RELEASED.has(row.drift.state)) return false;
  const last = row.drift.lastAssessed;
  return last === null || now - last >= REASSESS_INTERVAL_MS;
}

/** The replies of one assistant that the assessment at `now` reads, in the form it reads them. */
async function driftReplies(db: CogfwDatabase, assistant: string, now: number) {
  const records = await db.footprint
    .where('[assistant+time]')
    .between([assistant, now - DRIFT_SPAN_MS], [assistant, now], true, false)
    .toArray();
  return records.map((record) => ({
    time: record.time,
    risk: record.risk,
    techniques: record.findings.map((finding) => finding.technique),
  }));
}

/**
 * After a reply is recorded: brings its assistant's drift state up to date. Reads the window, assesses and
 * stores the advanced record in one transaction, so two pages doing this at once cannot lose a transition.
 * See REASSESS_INTERVAL_MS for when an assessment is skipped; the clock's own transitions (HOLD → DEGRADED,
 * forgetting old warnings) are stored either way.
 */
export function recordDrift(db: CogfwDatabase, record: FootprintRecord, now: number): Promise<void> {
  const assistant = assistantOf(record);
  return db.transaction('rw', db.footprint, db.drift, async () => {
    const row = await db.drift.get(assistant);
    if (!needsAssessment(row, now)) {
      if (!row) return;
      const advanced = advanceDriftClock(row.drift, now);
      if (advanced !== row.drift) await db.drift.put({ ...row, drift: advanced });
      return;
    }
    const assessment = assessDrift(await driftReplies(db, assistant, now), now);
    const drift = advanceDrift(row?.drift ?? initialDrift(now), assessment, now);
    await db.drift.put({ assistant, drift, assessment: driftSummary(assessment, now) });
  });
}

/** The assistant's drift state at `now`, for the constitution's `context.assistant_state`; NORMAL if unseen. */
export async function assistantStateOf(
  db: CogfwDatabase,
  assistant: string,
  now: number = Date.now(),
): Promise<AssistantState> {
  const row = await db.drift.get(assistant);
  return row ? advanceDriftClock(row.drift, now).state : 'NORMAL';
}

/** Every assistant's drift row with the clock applied at `now`, most troubling state first, then by name. */
export async function assistantDriftRows(db: CogfwDatabase, now: number): Promise<DriftRow[]> {
  const rows = await db.drift.toArray();
  return rows
    .map((row) => ({ ...row, drift: advanceDriftClock(row.drift, now) }))
    .sort(
      (a, b) =>
        STATE_ORDER.indexOf(a.drift.state) - STATE_ORDER.indexOf(b.drift.state) ||
        (a.assistant < b.assistant ? -1 : a.assistant > b.assistant ? 1 : 0),
    );
}

const STATE_ORDER: readonly AssistantState[] = ['HOLD', 'DEGRADED', 'MONITOR', 'RECOVERY', 'NORMAL'];

/** What the log keeps of an acknowledgement (a 'feedback' event): who, and the states before and after. */
export interface DriftAcknowledgementBody {
  feedback: 'drift-acknowledged';
  assistant: string;
  from: AssistantState;
  to: AssistantState;
}

/**
 * The user has seen an assistant's drift (the popup's "I've seen this"): HOLD or DEGRADED move to RECOVERY
 * and the acknowledgement goes into the log with the new state, in one transaction. In any other state
 * nothing changes and nothing is logged. Returns the state after, or null for an assistant never assessed.
 */
export function acknowledgeAssistantDrift(
  db: CogfwDatabase,
  assistant: string,
  now: number = Date.now(),
): Promise<AssistantState | null> {
  return appendQueue(db).run(() =>
    db.transaction('rw', db.drift, db.log, async () => {
      const row = await db.drift.get(assistant);
      if (!row) return null;
      const before = advanceDriftClock(row.drift, now);
      const after = acknowledgeDrift(before, now);
      if (after.state === before.state) return before.state;
      const body: DriftAcknowledgementBody = {
        feedback: 'drift-acknowledged',
        assistant,
        from: before.state,
        to: after.state,
      };
      await appendLogEntryInTransaction(db, 'feedback', body, now);
      await db.drift.put({ ...row, drift: after });
      return after.state;
    }),
  );
}
