import { siteName } from '../behaviour/assistant-names.ts';
import { TECHNIQUE_IDS, type TechniqueId, techniqueById } from '../taxonomy.ts';
import type { RiskLevel } from '../types.ts';
import { formatCount, plural } from './counted.ts';
import { type PatternCounts, patternSentences } from './pattern-sentences.ts';

/**
 * The plain-language sentences of the weekly report (SPEC §8).
 *
 * A sentence is written only when the week's data supports it; there is never a "0 instances" sentence.
 * A week without findings gets no sentences at all, and the UI shows its own empty state.
 * - Summary: when some reply was flagged.
 * - High risk: when some reply was rated high.
 * - Contextual patterns (pattern-sentences.ts): emotional leverage after a vulnerability signal, trust-building
 *   before product recommendations, escalating conversations; each only when it occurred.
 * - Political content: when T18 was found ("… N times").
 * - One count sentence per other technique found, most frequent first ("N instances of … detected.").
 * - Most frequent technique: when two or more techniques were found and one leads outright.
 * - Week-over-week change, overall and per technique: only when this week had replies and last week had
 *   instances of it; a drop to none this week is a decrease of 100%.
 * - Peak hour: only with at least PEAK_MIN_INSTANCES instances this week spread over at least
 *   PEAK_MIN_CELLS weekday-hour cells (instances all stamped with one time, e.g. a file's, show no pattern),
 *   and one cell holding at least PEAK_MIN_CELL of them, strictly more than any other cell.
 * - Leading site: when instances came from two or more sites and one leads outright.
 */
export const PEAK_MIN_INSTANCES = 10;
export const PEAK_MIN_CELL = 3;
export const PEAK_MIN_CELLS = 3;

export interface SentenceInput {
  replies: number;
  flaggedReplies: number;
  counts: Record<TechniqueId, number>;
  previousCounts: Record<TechniqueId, number>;
  /** [weekday 0 = Monday][hour] */
  heatmap: number[][];
  levels: Record<RiskLevel, number>;
  bySite: { site: string; replies: number; instances: number }[];
  /** Contextual patterns of the week (pattern-sentences.ts); absent, no pattern sentences. */
  patterns?: PatternCounts;
}

const WEEKDAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** "8:00 and 9:00 PM", "11:00 AM and 12:00 PM", "11:00 PM and 12:00 AM". */
export function formatHourRange(hour: number): string {
  const clock = (h: number) => `${h % 12 === 0 ? 12 : h % 12}:00`;
  const meridiem = (h: number) => (h % 24 < 12 ? 'AM' : 'PM');
  const next = (hour + 1) % 24;
  if (meridiem(hour) === meridiem(next)) return `${clock(hour)} and ${clock(next)} ${meridiem(next)}`;
  return `${clock(hour)} ${meridiem(hour)} and ${clock(next)} ${meridiem(next)}`;
}

/** "increased by 25%" / "decreased by 100%"; null when the change rounds to nothing. */
export function describeChange(previous: number, current: number): string | null {
  if (previous <= 0) return null;
  const percent = Math.round(((current - previous) / previous) * 100);
  if (percent === 0) return null;
  return percent > 0 ? `increased by ${formatCount(percent)}%` : `decreased by ${formatCount(-percent)}%`;
}

function findPeak(heatmap: number[][]): { weekday: number; hour: number; count: number } | null {
  let best: { weekday: number; hour: number; count: number } | null = null;
  let tied = false;
  heatmap.forEach((row, weekday) => {
    row.forEach((count, hour) => {
      if (!best || count > best.count) {
        best = { weekday, hour, count };
        tied = false;
      } else if (count === best.count) {
        tied = true;
      }
    });
  });
  return tied ? null : best;
}

export function weeklySentences(input: SentenceInput): string[] {
  const sentences: string[] = [];
  const total = sum(Object.values(input.counts));
  const previousTotal = sum(Object.values(input.previousCounts));

  if (input.flaggedReplies > 0) {
    sentences.push(
      input.replies === 1
        ? 'The only reply analysed this week carried at least one influence technique.'
        : `${formatCount(input.flaggedReplies)} of ${formatCount(input.replies)} replies analysed this week carried at least one influence technique.`,
    );
  }

  if (input.levels.high > 0) {
    sentences.push(
      input.levels.high === 1
        ? '1 reply was rated high risk.'
        : `${formatCount(input.levels.high)} replies were rated high risk.`,
    );
  }

  // Patterns that exploit a vulnerability or prepare a sale say more than any single count: right after risk.
  if (input.patterns) sentences.push(...patternSentences(input.patterns));

  if (input.counts.T18 > 0) {
    sentences.push(
      `This week, the AI encouraged you to view political content ${plural(input.counts.T18, 'time', 'times')}.`,
    );
  }

  const found = TECHNIQUE_IDS.filter((id) => input.counts[id] > 0).sort(
    (a, b) => input.counts[b] - input.counts[a],
  );
  for (const id of found) {
    if (id === 'T18') continue;
    sentences.push(
      `${plural(input.counts[id], 'instance', 'instances')} of ${techniqueById(id).phrase} detected.`,
    );
  }

  const [first, second] = found;
  if (first && second && input.counts[first] > input.counts[second]) {
    sentences.push(
      `The most frequent technique this week: ${techniqueById(first).phrase} (${formatCount(input.counts[first])} of ${plural(total, 'instance', 'instances')}).`,
    );
  }

  if (input.replies > 0) {
    const overall = describeChange(previousTotal, total);
    if (overall) sentences.push(`Influence attempts ${overall} this week.`);
    const changed = TECHNIQUE_IDS.filter((id) =>
      describeChange(input.previousCounts[id], input.counts[id]),
    ).sort(
      (a, b) =>
        Math.abs(input.counts[b] - input.previousCounts[b]) -
        Math.abs(input.counts[a] - input.previousCounts[a]),
    );
    for (const id of changed) {
      const change = describeChange(input.previousCounts[id], input.counts[id]);
      sentences.push(`${capitalise(techniqueById(id).phrase)} ${change} this week.`);
    }
  }

  const busyCells = input.heatmap.flat().filter((count) => count > 0).length;
  if (total >= PEAK_MIN_INSTANCES && busyCells >= PEAK_MIN_CELLS) {
    const peak = findPeak(input.heatmap);
    if (peak && peak.count >= PEAK_MIN_CELL) {
      sentences.push(
        `Peak influence attempts occur between ${formatHourRange(peak.hour)} on ${WEEKDAYS[peak.weekday]}.`,
      );
    }
  }

  const sites = input.bySite.filter((site) => site.instances > 0);
  const [topSite, runnerUp] = sites;
  if (topSite && runnerUp && topSite.instances > runnerUp.instances) {
    sentences.push(
      `Most influence attempts came from ${siteName(topSite.site)} (${formatCount(topSite.instances)} of ${plural(total, 'instance', 'instances')}).`,
    );
  }

  return sentences;
}
