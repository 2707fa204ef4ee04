import type { FootprintRecord, UserSignals } from '../../wasm-core/types.ts';
import { PROTECTION_LEVELS, type ProtectionLevel } from '../settings/protection-levels.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { recordsBetween } from '../store/queries.ts';

/** How far back the user's own messages count as "recent" for a suggestion. */
export const SIGNAL_WINDOW_MS = 7 * 86_400_000;

export type SignalName = keyof UserSignals;

/** Plain words for each signal, as the popup says them. */
export const SIGNAL_WORDS: Record<SignalName, string> = {
  loneliness: 'loneliness',
  grief: 'grief',
  distress: 'distress',
  minor: 'being under 18',
};

export interface LevelSuggestion {
  /** The level suggested: always above the current one. */
  level: ProtectionLevel;
  /** Signals seen in recent messages, in a fixed order. */
  signals: SignalName[];
  /** Replies in the window whose preceding message showed any signal. */
  replies: number;
}

const ORDER: readonly SignalName[] = ['distress', 'minor', 'grief', 'loneliness'];
const rank = (level: ProtectionLevel) => PROTECTION_LEVELS.findIndex((entry) => entry.id === level);

/**
 * A higher protection level to suggest when the user's recent messages showed vulnerability (SPEC §6: signals
 * may suggest a higher level, never lower one). Below enhanced only: enhanced and maximum already warn.
 * Distress or a minor points to maximum, which shows support resources and flags dependency always; the
 * other signals to enhanced. Nothing is changed here: the user (or their carer) decides in the options.
 */
export function levelSuggestion(
  records: readonly Pick<FootprintRecord, 'time' | 'userSignals'>[],
  current: ProtectionLevel,
  now: number,
): LevelSuggestion | null {
  if (rank(current) >= rank('enhanced')) return null;
  const seen = new Set<SignalName>();
  let replies = 0;
  for (const record of records) {
    if (record.time < now - SIGNAL_WINDOW_MS || record.time > now || !record.userSignals) continue;
    const signals = ORDER.filter((name) => record.userSignals?.[name] === true);
    if (signals.length === 0) continue;
    replies++;
    for (const name of signals) seen.add(name);
  }
  if (replies === 0) return null;
  const signals = ORDER.filter((name) => seen.has(name));
  const level: ProtectionLevel = seen.has('distress') || seen.has('minor') ? 'maximum' : 'enhanced';
  return { level, signals, replies };
}

/** The suggestion for the stored replies of the last SIGNAL_WINDOW_MS. */
export async function storedLevelSuggestion(
  db: CogfwDatabase,
  current: ProtectionLevel,
  now: number,
): Promise<LevelSuggestion | null> {
  if (rank(current) >= rank('enhanced')) return null;
  return levelSuggestion(await recordsBetween(db, now - SIGNAL_WINDOW_MS, now + 1), current, now);
}
