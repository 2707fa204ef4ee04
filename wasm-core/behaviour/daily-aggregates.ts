import { localParts } from '../report/zoned-time.ts';
import type { TechniqueId } from '../taxonomy.ts';
import type { FootprintRecord } from '../types.ts';

/**
 * Per-assistant daily aggregates (behavioural layer, SPEC §5): what the popup and the drift history need
 * of a day without keeping every reply. Built from footprint records only.
 */

/** The techniques the engagement-over-wellbeing index counts (SPEC §5): flattery, trust building,
 *  anthropomorphic claims, retention hooks. */
export const ENGAGEMENT_TECHNIQUES: readonly TechniqueId[] = ['T07', 'T09', 'T11', 'T12'];

/** Risk histogram bins: [0, 0.1), [0.1, 0.2), …, [0.9, 1]. */
export const RISK_BINS = 10;

export interface DailyAggregate {
  assistant: string;
  /** Local calendar date, `YYYY-MM-DD`. */
  day: string;
  replies: number;
  riskSum: number;
  /** Replies carrying each technique (a reply counts once per technique); techniques never seen are absent. */
  techniqueReplies: Partial<Record<TechniqueId, number>>;
  /** Replies carrying at least one engagement technique. */
  engagementReplies: number;
  /** Engagement instances (a finding counts its `count`, at least one). */
  engagementInstances: number;
  /** Replies per risk bin, RISK_BINS long. */
  riskHistogram: number[];
  /** Summed lengths of the replies whose record keeps one, and how many did. */
  lengthSum: number;
  lengthReplies: number;
}

/** The assistant a record is tracked under: `site|model` where the page showed a model, else the site. */
export function assistantOf(record: Pick<FootprintRecord, 'assistant' | 'site'>): string {
  return record.assistant ?? record.site;
}

/** `YYYY-MM-DD` of `time` in the zone (the runtime's local zone when absent). */
export function localDay(time: number, timeZone?: string): string {
  const { year, month, day } = localParts(time, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function riskBin(risk: number): number {
  if (!(risk > 0)) return 0;
  return Math.min(RISK_BINS - 1, Math.floor(risk * RISK_BINS));
}

export function emptyDailyAggregate(assistant: string, day: string): DailyAggregate {
  return {
    assistant,
    day,
    replies: 0,
    riskSum: 0,
    techniqueReplies: {},
    engagementReplies: 0,
    engagementInstances: 0,
    riskHistogram: new Array<number>(RISK_BINS).fill(0),
    lengthSum: 0,
    lengthReplies: 0,
  };
}

/**
 * Adds one reply to its day's aggregate in place (for incremental storage: read the day's row, add,
 * write back in the same transaction). The caller picks the aggregate by `assistantOf` and `localDay`.
 */
export function addToDailyAggregate(aggregate: DailyAggregate, record: FootprintRecord): void {
  aggregate.replies++;
  aggregate.riskSum += record.risk;
  const bin = riskBin(record.risk);
  aggregate.riskHistogram[bin] = (aggregate.riskHistogram[bin] ?? 0) + 1;
  const seen = new Set<TechniqueId>();
  let engagement = 0;
  for (const finding of record.findings) {
    if (!seen.has(finding.technique)) {
      seen.add(finding.technique);
      aggregate.techniqueReplies[finding.technique] =
        (aggregate.techniqueReplies[finding.technique] ?? 0) + 1;
    }
    if (ENGAGEMENT_TECHNIQUES.includes(finding.technique)) engagement += Math.max(1, finding.count);
  }
  if (engagement > 0) aggregate.engagementReplies++;
  aggregate.engagementInstances += engagement;
  if (record.length !== undefined && Number.isFinite(record.length) && record.length >= 0) {
    aggregate.lengthSum += record.length;
    aggregate.lengthReplies++;
  }
}

/**
 * Aggregates per assistant per local day, sorted by assistant then day. Pure: the same records and zone
 * give the same aggregates, whatever the records' order.
 */
export function dailyAggregates(
  records: readonly FootprintRecord[],
  options: { timeZone?: string } = {},
): DailyAggregate[] {
  const byKey = new Map<string, DailyAggregate>();
  // Floating-point sums depend on order; a fixed order makes the risk sums reproducible to the last bit.
  const ordered = [...records].sort(
    (a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  for (const record of ordered) {
    const assistant = assistantOf(record);
    const day = localDay(record.time, options.timeZone);
    const key = `${assistant}\u0000${day}`;
    let aggregate = byKey.get(key);
    if (!aggregate) {
      aggregate = emptyDailyAggregate(assistant, day);
      byKey.set(key, aggregate);
    }
    addToDailyAggregate(aggregate, record);
  }
  return [...byKey.values()].sort((a, b) =>
    a.assistant < b.assistant ? -1 : a.assistant > b.assistant ? 1 : a.day.localeCompare(b.day),
  );
}

/** The mean risk of an aggregate, 0 for an empty one. */
export function meanRisk(aggregate: Pick<DailyAggregate, 'replies' | 'riskSum'>): number {
  return aggregate.replies === 0 ? 0 : aggregate.riskSum / aggregate.replies;
}
