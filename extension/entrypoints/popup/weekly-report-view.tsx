import { siteName } from '../../../wasm-core/behaviour/assistant-names.ts';
import type { WeeklyReport } from '../../../wasm-core/report/weekly-report-types.ts';
import { techniqueById } from '../../../wasm-core/taxonomy.ts';
import { HighlightedText } from '../../ui/highlighted-text.tsx';
import { TechniqueBars, techniqueRows } from './technique-bars.tsx';

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const whenFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

export function weekRange(report: Pick<WeeklyReport, 'weekStart' | 'weekEnd'>): string {
  return `${dayFormat.format(report.weekStart)} – ${dayFormat.format(report.weekEnd - 1)}`;
}

/** The report itself. Shows only what the records hold; a week without replies says so and nothing else. */
export function WeeklyReportView({ report }: { report: WeeklyReport }) {
  if (report.replies === 0) {
    return (
      <section class="card empty" aria-labelledby="empty-heading">
        <h2 id="empty-heading">Nothing seen yet this week</h2>
        <p>
          No replies from AI assistants have been analysed since {dayFormat.format(report.weekStart)}. When
          you chat on a supported site, each reply is checked on this device and the report fills in here.
        </p>
      </section>
    );
  }

  const rows = techniqueRows(report.counts, report.previousCounts);
  return (
    <>
      <section class="card summary" aria-label="Week summary">
        <dl>
          <div>
            <dt>Replies analysed</dt>
            <dd id="replies-analysed">{report.replies}</dd>
          </div>
          <div>
            <dt>With influence techniques</dt>
            <dd id="replies-flagged">{report.flaggedReplies}</dd>
          </div>
        </dl>
      </section>

      <section class="card" aria-labelledby="report-heading">
        <h2 id="report-heading">What the AI tried this week</h2>
        {report.sentences.length > 0 ? (
          <ul class="sentences" aria-label="Influence report">
            {report.sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        ) : (
          <p>No influence techniques were detected in this week's replies.</p>
        )}
      </section>

      {rows.length > 0 && (
        <section class="card" aria-labelledby="techniques-heading">
          <h2 id="techniques-heading">Techniques</h2>
          <p class="legend muted" aria-hidden="true">
            <span class="swatch current" /> this week <span class="swatch previous" /> last week
          </p>
          <TechniqueBars rows={rows} />
        </section>
      )}

      {report.examples.length > 0 && (
        <section class="card" aria-labelledby="examples-heading">
          <h2 id="examples-heading">Examples</h2>
          <ul class="plain examples" aria-label="Examples">
            {report.examples.map((example) => (
              <li key={`${example.time}-${example.technique}-${example.text}`}>
                <blockquote>
                  <HighlightedText text={example.text} highlights={example.highlights} />
                </blockquote>
                <p class="muted example-meta">
                  {techniqueById(example.technique).label} · {siteName(example.site)} ·{' '}
                  {whenFormat.format(example.time)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
