import { isTechniqueId, type TechniqueId } from '../taxonomy.ts';
import type { FootprintRecord, TurnSummary } from '../types.ts';

/** Earlier turns the contextual layer looks at: enough for every pattern, and a bound on the work. */
export const HISTORY_WINDOW = 10;

/** The summary of an analysed reply (a footprint record, or a turn with its result) for later replies. */
export function turnSummary(
  record: Pick<FootprintRecord, 'turnIndex' | 'time' | 'risk'> & {
    findings: readonly { technique: TechniqueId }[];
  },
): TurnSummary {
  return {
    turnIndex: record.turnIndex,
    time: record.time,
    risk: record.risk,
    techniques: record.findings.map((finding) => finding.technique),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The last HISTORY_WINDOW well-formed turns, oldest first by turnIndex (input order among equal indices).
 * History arrives from other contexts (the store, a worker message), so malformed entries are dropped
 * rather than trusted: the analyzer must not throw on them.
 */
export function boundedHistory(history: unknown): TurnSummary[] {
  if (!Array.isArray(history)) return [];
  const turns: TurnSummary[] = [];
  // Only the tail can be kept, but sorting needs every entry: cap the scan at a generous multiple.
  for (const entry of history.slice(-HISTORY_WINDOW * 10)) {
    if (!isRecord(entry)) continue;
    const { turnIndex, time, risk, techniques } = entry;
    if (typeof turnIndex !== 'number' || !Number.isFinite(turnIndex)) continue;
    if (typeof risk !== 'number' || !Number.isFinite(risk)) continue;
    turns.push({
      turnIndex,
      time: typeof time === 'number' && Number.isFinite(time) ? time : 0,
      risk: Math.min(1, Math.max(0, risk)),
      techniques: Array.isArray(techniques)
        ? techniques.filter((t): t is TechniqueId => isTechniqueId(t))
        : [],
    });
  }
  turns.sort((a, b) => a.turnIndex - b.turnIndex);
  return turns.slice(-HISTORY_WINDOW);
}
