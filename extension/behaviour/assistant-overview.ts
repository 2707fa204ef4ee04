import { assistantName } from '../../wasm-core/behaviour/assistant-names.ts';
import { assistantOf } from '../../wasm-core/behaviour/daily-aggregates.ts';
import { DAY_MS, RECENT_DAYS } from '../../wasm-core/behaviour/drift-assessment.ts';
import { describeDriftState, initialDrift } from '../../wasm-core/behaviour/drift-monitor.ts';
import { type EngagementIndex, engagementIndex } from '../../wasm-core/behaviour/engagement-index.ts';
import { type ThreatProfileScore, threatProfiles } from '../../wasm-core/behaviour/threat-profiles.ts';
import type { AssistantState } from '../../wasm-core/constitution/rule-pack.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { recordsBetween } from '../store/queries.ts';
import type { DriftSummary } from './drift-row.ts';
import { assistantDriftRows } from './drift-store.ts';

/** The window the popup's per-assistant figures cover: the drift monitor's recent week. */
export const OVERVIEW_WINDOW_MS = RECENT_DAYS * DAY_MS;

export interface AssistantOverview {
  /** `site` or `site|model`. */
  assistant: string;
  /** How people read it: "ChatGPT (gpt-5)". */
  name: string;
  state: AssistantState;
  /** One plain line saying what the state means. */
  description: string;
  /** What drifted, in plain sentences; empty while the assistant behaves as usual. */
  drifted: string[];
  /** The user can acknowledge the drift (HOLD or DEGRADED). */
  canAcknowledge: boolean;
  assessment: DriftSummary | null;
  /** Over the assistant's replies of the last 7 days. */
  engagement: EngagementIndex;
  /** Profiles whose pattern the last 7 days' replies match, each with its "patterns consistent with" sentence. */
  profiles: (ThreatProfileScore & { sentence: string })[];
  /** Replies of the last 7 days. */
  replies: number;
}

const ACKNOWLEDGEABLE: ReadonlySet<AssistantState> = new Set(['HOLD', 'DEGRADED']);

/**
 * Every assistant the user has met, with its drift state and what its last week of replies looks like:
 * the assistants with a drift row (most troubling first), then those with replies this week but no drift
 * row yet (recorded before the behavioural layer), which are NORMAL until assessed.
 */
export async function assistantOverview(db: CogfwDatabase, now: number): Promise<AssistantOverview[]> {
  const [rows, recent] = await Promise.all([
    assistantDriftRows(db, now),
    recordsBetween(db, now - OVERVIEW_WINDOW_MS, now + 1),
  ]);
  const byAssistant = new Map<string, FootprintRecord[]>();
  for (const record of recent) {
    const assistant = assistantOf(record);
    const list = byAssistant.get(assistant);
    if (list) list.push(record);
    else byAssistant.set(assistant, [record]);
  }
  const tracked = new Set(rows.map((row) => row.assistant));
  const untracked = [...byAssistant.keys()].filter((assistant) => !tracked.has(assistant)).sort();
  const entries = [
    ...rows.map((row) => ({ assistant: row.assistant, drift: row.drift, assessment: row.assessment })),
    ...untracked.map((assistant) => ({ assistant, drift: initialDrift(now), assessment: null })),
  ];
  return entries.map(({ assistant, drift, assessment }) => {
    const name = assistantName(assistant);
    const replies = byAssistant.get(assistant) ?? [];
    const profiles = threatProfiles(assistant, replies).filter(
      (profile): profile is ThreatProfileScore & { sentence: string } => profile.sentence !== null,
    );
    return {
      assistant,
      name,
      state: drift.state,
      description: describeDriftState(drift.state),
      drifted: drift.state === 'NORMAL' ? [] : drift.reasons,
      canAcknowledge: ACKNOWLEDGEABLE.has(drift.state),
      assessment,
      engagement: engagementIndex(assistant, replies),
      profiles,
      replies: replies.length,
    };
  });
}
