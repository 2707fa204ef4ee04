import { assistantOf } from '../behaviour/daily-aggregates.ts';
import { engagementIndex } from '../behaviour/engagement-index.ts';
import { threatProfiles } from '../behaviour/threat-profiles.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { FootprintRecord, RiskLevel } from '../types.ts';
import { addPatternCounts, emptyPatternCounts } from './pattern-sentences.ts';
import { weeklySentences } from './report-sentences.ts';
import type { AssistantWeek, WeeklyReport } from './weekly-report-types.ts';
import { localParts, shiftWeek, weekStartOf } from './zoned-time.ts';

export { weekStartOf } from './zoned-time.ts';

export const MAX_EXAMPLES = 5;

export interface WeeklyReportOptions {
  /** Any instant inside the week to report on, ms since the epoch. */
  now: number;
  /** IANA time zone for week boundaries, weekdays and hours; the runtime's local zone when absent. */
  timeZone?: string;
}

export function emptyTechniqueCounts(): Record<TechniqueId, number> {
  return Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
}

/** Instances a record contributes: each finding counts its `count`, at least one. */
export function recordInstances(record: FootprintRecord): number {
  let total = 0;
  for (const finding of record.findings) total += Math.max(1, finding.count);
  return total;
}

export function addTechniqueCounts(counts: Record<TechniqueId, number>, record: FootprintRecord): void {
  for (const finding of record.findings) counts[finding.technique] += Math.max(1, finding.count);
}

/**
 * The weekly influence report for the week containing `options.now` (SPEC §8), computed from footprint
 * records alone. Records outside that week and the week before are ignored, so the whole footprint can be
 * passed in. Pure: the same records, `now` and time zone give the same report.
 */
export function buildWeeklyReport(
  records: readonly FootprintRecord[],
  options: WeeklyReportOptions,
): WeeklyReport {
  const { timeZone } = options;
  const weekStart = weekStartOf(options.now, timeZone);
  const weekEnd = shiftWeek(weekStart, 1, timeZone);
  const previousStart = shiftWeek(weekStart, -1, timeZone);

  const counts = emptyTechniqueCounts();
  const previousCounts = emptyTechniqueCounts();
  const levels: Record<RiskLevel, number> = { none: 0, low: 0, medium: 0, high: 0 };
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const sites = new Map<string, { site: string; replies: number; instances: number }>();
  const candidates: (WeeklyReport['examples'][number] & { score: number })[] = [];
  let replies = 0;
  let flaggedReplies = 0;
  const patterns = emptyPatternCounts();
  const escalatingConversations = new Set<string>();
  const byAssistant = new Map<string, FootprintRecord[]>();

  for (const record of records) {
    if (record.time >= previousStart && record.time < weekStart) {
      addTechniqueCounts(previousCounts, record);
      continue;
    }
    if (record.time < weekStart || record.time >= weekEnd) continue;

    replies++;
    if (record.findings.length > 0) flaggedReplies++;
    addTechniqueCounts(counts, record);
    levels[record.level]++;
    addPatternCounts(patterns, record, escalatingConversations);

    const instances = recordInstances(record);
    const { weekday, hour } = localParts(record.time, timeZone);
    const row = heatmap[weekday];
    if (row) row[hour] = (row[hour] ?? 0) + instances;

    const site = sites.get(record.site) ?? { site: record.site, replies: 0, instances: 0 };
    site.replies++;
    site.instances += instances;
    sites.set(record.site, site);

    const assistant = assistantOf(record);
    const assistantRecords = byAssistant.get(assistant) ?? [];
    assistantRecords.push(record);
    byAssistant.set(assistant, assistantRecords);

    for (const excerpt of record.excerpts) {
      const score = record.findings.find((f) => f.technique === excerpt.technique)?.score ?? 0;
      candidates.push({ ...excerpt, site: record.site, time: record.time, score });
    }
  }

  const bySite = [...sites.values()].sort(
    (a, b) => b.instances - a.instances || b.replies - a.replies || a.site.localeCompare(b.site),
  );
  const assistants = assistantWeeks(byAssistant);
  return {
    weekStart,
    weekEnd,
    replies,
    flaggedReplies,
    counts,
    previousCounts,
    sentences: weeklySentences({
      replies,
      flaggedReplies,
      counts,
      previousCounts,
      heatmap,
      levels,
      bySite,
      patterns,
    }).concat(notableAssistantSentences(assistants)),
    bySite,
    heatmap,
    levels,
    patterns,
    examples: pickExamples(candidates),
    assistants,
  };
}

/** Per-assistant engagement index and threat-actor profiles over the week's replies, most replies first. */
function assistantWeeks(byAssistant: ReadonlyMap<string, readonly FootprintRecord[]>): AssistantWeek[] {
  return [...byAssistant.entries()]
    .map(([assistant, list]): AssistantWeek => {
      const engagement = engagementIndex(assistant, list);
      const profiles = threatProfiles(assistant, list);
      const sentences = [
        ...(engagement.index === null ? [] : [engagement.sentence]),
        ...profiles.flatMap((p) => (p.sentence === null ? [] : [p.sentence])),
      ];
      return { assistant, replies: list.length, engagementIndex: engagement, profiles, sentences };
    })
    .sort(
      (a, b) => b.replies - a.replies || (a.assistant < b.assistant ? -1 : a.assistant > b.assistant ? 1 : 0),
    );
}

/** What the week's summary repeats of the assistants: engagement that stands out, and profiles. */
function notableAssistantSentences(assistants: readonly AssistantWeek[]): string[] {
  return assistants.flatMap((a) => [
    ...(a.engagementIndex.level === 'optimised' || a.engagementIndex.level === 'noticeable'
      ? [a.engagementIndex.sentence]
      : []),
    ...a.profiles.flatMap((p) => (p.sentence === null ? [] : [p.sentence])),
  ]);
}

/**
 * The week's most telling excerpts: highest score first, at most MAX_EXAMPLES. The first pass takes the
 * best excerpt of each technique so one frequent technique cannot crowd out the rest; the remaining places
 * go to the next best. Identical excerpt texts of the same technique are shown once.
 */
function pickExamples(
  candidates: (WeeklyReport['examples'][number] & { score: number })[],
): WeeklyReport['examples'] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || b.time - a.time);
  const seen = new Set<string>();
  const unique = ranked.filter((c) => {
    const key = `${c.technique}\u0000${c.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const chosen = new Set<(typeof unique)[number]>();
  const techniques = new Set<TechniqueId>();
  for (const candidate of unique) {
    if (chosen.size >= MAX_EXAMPLES) break;
    if (techniques.has(candidate.technique)) continue;
    techniques.add(candidate.technique);
    chosen.add(candidate);
  }
  for (const candidate of unique) {
    if (chosen.size >= MAX_EXAMPLES) break;
    chosen.add(candidate);
  }
  return unique.filter((c) => chosen.has(c)).map(({ score: _score, ...example }) => example);
}
