import { assistantName, siteName } from '../../wasm-core/behaviour/assistant-names.ts';
import { formatCount, plural } from '../../wasm-core/report/counted.ts';
import type { WeeklyReport } from '../../wasm-core/report/weekly-report-types.ts';
import { TECHNIQUE_IDS, type TechniqueId, techniqueById } from '../../wasm-core/taxonomy.ts';
import { formatTable } from './text-table.ts';

export interface ReportTextOptions {
  timeZone?: string;
  /** Mark highlighted spans with terminal bold instead of [brackets]. */
  color?: boolean;
}

function dateFormat(timeZone: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : { year: 'numeric' }),
  });
}

function changeLabel(previous: number, current: number): string {
  if (previous === 0) return current === 0 ? '' : 'new';
  const percent = Math.round(((current - previous) / previous) * 100);
  return percent > 0 ? `+${percent}%` : `${percent}%`;
}

function techniqueName(id: TechniqueId): string {
  return `${id} ${techniqueById(id).label}`;
}

function highlight(text: string, spans: { start: number; end: number }[], color: boolean): string {
  const [open, close] = color ? ['\u001b[1;33m', '\u001b[0m'] : ['[', ']'];
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)}${open}${text.slice(span.start, span.end)}${close}`;
    at = span.end;
  }
  return out + text.slice(at);
}

/** One week of the report as text for a terminal: sentences, the counts table, sites and examples. */
export function formatWeeklyReport(report: WeeklyReport, options: ReportTextOptions = {}): string {
  const { timeZone, color = false } = options;
  const day = dateFormat(timeZone, false);
  const lines: string[] = [];
  lines.push(`Week of ${day.format(report.weekStart)} – ${day.format(report.weekEnd - 1)}`);
  const levels = (['none', 'low', 'medium', 'high'] as const)
    .map((l) => `${formatCount(report.levels[l])} ${l}`)
    .join(', ');
  lines.push(
    `${plural(report.replies, 'reply', 'replies')} analysed, ${formatCount(report.flaggedReplies)} flagged · risk: ${levels}`,
  );

  if (report.sentences.length > 0) {
    lines.push('');
    for (const sentence of report.sentences) lines.push(`  • ${sentence}`);
  }

  const shown = TECHNIQUE_IDS.filter((id) => report.counts[id] > 0 || report.previousCounts[id] > 0).sort(
    (a, b) => report.counts[b] - report.counts[a] || report.previousCounts[b] - report.previousCounts[a],
  );
  if (shown.length > 0) {
    lines.push('');
    lines.push(
      formatTable(
        ['Technique', 'This week', 'Last week', 'Change'],
        shown.map((id) => [
          techniqueName(id),
          formatCount(report.counts[id]),
          formatCount(report.previousCounts[id]),
          changeLabel(report.previousCounts[id], report.counts[id]),
        ]),
        ['left', 'right', 'right', 'right'],
        '  ',
      ),
    );
  }

  if (report.bySite.length > 1) {
    lines.push('');
    lines.push(
      formatTable(
        ['Site', 'Replies', 'Instances'],
        report.bySite.map((s) => [siteName(s.site), formatCount(s.replies), formatCount(s.instances)]),
        ['left', 'right', 'right'],
        '  ',
      ),
    );
  }

  // Assistants are listed once the week gives at least one of them enough replies to say something.
  if (report.assistants.some((a) => a.engagementIndex.index !== null)) {
    lines.push('');
    lines.push(
      formatTable(
        ['Assistant', 'Replies', 'Engagement index', 'Patterns consistent with'],
        report.assistants.map((a) => [
          assistantName(a.assistant),
          formatCount(a.replies),
          a.engagementIndex.index === null ? '–' : `${a.engagementIndex.index}/100`,
          a.profiles
            .filter((p) => p.sentence !== null)
            .map((p) => `${p.profile} ${p.score.toFixed(2)}`)
            .join(', ') || '–',
        ]),
        ['left', 'right', 'right', 'left'],
        '  ',
      ),
    );
  }

  if (report.examples.length > 0) {
    const when = dateFormat(timeZone, true);
    lines.push('');
    lines.push('  Examples:');
    for (const example of report.examples) {
      lines.push(
        `    ${techniqueName(example.technique)} · ${siteName(example.site)} · ${when.format(example.time)}`,
      );
      lines.push(`      “${highlight(example.text, example.highlights, color)}”`);
    }
  }
  return lines.join('\n');
}

export interface Totals {
  replies: number;
  flaggedReplies: number;
  counts: Record<TechniqueId, number>;
}

export function formatTotals(totals: Totals, weeks: number, engines: readonly string[] = []): string {
  const share = totals.replies === 0 ? 0 : Math.round((totals.flaggedReplies / totals.replies) * 100);
  const lines = [
    `Totals: ${plural(totals.replies, 'reply', 'replies')} over ${plural(weeks, 'week', 'weeks')}, ${formatCount(totals.flaggedReplies)} flagged (${share}%)`,
  ];
  if (engines.length > 0) lines.push(`Detector: ${engines.join('; ')}`);
  const found = TECHNIQUE_IDS.filter((id) => totals.counts[id] > 0).sort(
    (a, b) => totals.counts[b] - totals.counts[a],
  );
  if (found.length > 0) {
    lines.push('');
    lines.push(
      formatTable(
        ['Technique', 'Instances'],
        found.map((id) => [techniqueName(id), formatCount(totals.counts[id])]),
        ['left', 'right'],
        '  ',
      ),
    );
  }
  return lines.join('\n');
}
