import { browser } from 'wxt/browser';
import { buildWeeklyReport } from '../../../wasm-core/report/weekly-report.ts';
import { shiftWeek, weekStartOf } from '../../../wasm-core/report/zoned-time.ts';
import type { CogfwDatabase } from '../../store/database.ts';
import { recordsBetween } from '../../store/queries.ts';
import { useLiveQuery } from '../../ui/use-live-query.ts';
import { WeeklyReportView, weekRange } from './weekly-report-view.tsx';

/** This week's and last week's records: the report compares the two. */
async function currentReport(db: CogfwDatabase, now: () => number) {
  const at = now();
  const from = shiftWeek(weekStartOf(at), -1);
  const records = await recordsBetween(db, from, Number.MAX_SAFE_INTEGER);
  return buildWeeklyReport(records, { now: at });
}

export function PopupApp({ db, now = Date.now }: { db: CogfwDatabase; now?: () => number }) {
  const report = useLiveQuery(() => currentReport(db, now), [db, now]);

  const openOptions = (event: MouseEvent) => {
    // Focuses the options tab if it is already open instead of opening another.
    if (browser.runtime?.openOptionsPage) {
      event.preventDefault();
      void browser.runtime.openOptionsPage();
    }
  };

  return (
    <main class="popup" aria-labelledby="popup-title" aria-busy={report.status === 'loading'}>
      <header class="popup-header">
        <h1 id="popup-title">Weekly influence report</h1>
        {report.status === 'ready' && <p class="muted week-range">{weekRange(report.value)}</p>}
      </header>

      {report.status === 'loading' && (
        <p class="muted" role="status">
          Reading your record…
        </p>
      )}
      {report.status === 'error' && (
        <p class="card error" role="alert">
          The record on this device could not be read: {report.message}
        </p>
      )}
      {report.status === 'ready' && <WeeklyReportView report={report.value} />}

      <footer class="popup-footer">
        <a href="/options.html" target="_blank" rel="noopener" onClick={openOptions}>
          Protection level and record
        </a>
        <span class="muted">Analysed on this device only</span>
      </footer>
    </main>
  );
}
