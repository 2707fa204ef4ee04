import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { buildWeeklyReport } from '../../../wasm-core/report/weekly-report.ts';
import { shiftWeek, weekStartOf } from '../../../wasm-core/report/zoned-time.ts';
import { assistantOverview } from '../../behaviour/assistant-overview.ts';
import { acknowledgeAssistantDrift } from '../../behaviour/drift-store.ts';
import { storedLevelSuggestion } from '../../behaviour/level-suggestion.ts';
import type { ProtectionLevel } from '../../settings/protection-levels.ts';
import { raiseProtectionLevel } from '../../settings/raise-protection-level.ts';
import { readSetting } from '../../settings/settings-store.ts';
import type { CogfwDatabase } from '../../store/database.ts';
import { recordsBetween } from '../../store/queries.ts';
import { useLiveQuery } from '../../ui/use-live-query.ts';
import { AssistantsView } from './assistants-view.tsx';
import { LevelSuggestionView } from './level-suggestion-view.tsx';
import { WeeklyReportView, weekRange } from './weekly-report-view.tsx';

/** This week's and last week's records: the report compares the two. */
async function currentReport(db: CogfwDatabase, now: () => number) {
  const at = now();
  const from = shiftWeek(weekStartOf(at), -1);
  const records = await recordsBetween(db, from, Number.MAX_SAFE_INTEGER);
  return buildWeeklyReport(records, { now: at });
}

export interface PopupAppProps {
  db: CogfwDatabase;
  now?: () => number;
  /** The protection level in force (settings); read when the popup opens. */
  protectionLevel?: () => Promise<ProtectionLevel>;
  /** Records the user's acknowledgement of an assistant's drift. */
  acknowledge?: (assistant: string) => Promise<unknown>;
  /** Raises the protection level to a suggested one (settings); rejects with CarerLockError when locked. */
  raiseLevel?: (level: ProtectionLevel) => Promise<unknown>;
}

const readLevel = () => readSetting('protectionLevel');

export function PopupApp({
  db,
  now = Date.now,
  protectionLevel = readLevel,
  acknowledge,
  raiseLevel,
}: PopupAppProps) {
  const report = useLiveQuery(() => currentReport(db, now), [db, now]);
  const assistants = useLiveQuery(() => assistantOverview(db, now()), [db, now]);
  const level = useSignal<ProtectionLevel | null>(null);
  useEffect(() => {
    protectionLevel().then(
      (value) => {
        level.value = value;
      },
      // Without the level no suggestion is made: suggesting blindly could name a level already in force.
      () => undefined,
    );
  }, [protectionLevel]);
  const currentLevel = level.value;
  const suggestion = useLiveQuery(
    () => (currentLevel === null ? Promise.resolve(null) : storedLevelSuggestion(db, currentLevel, now())),
    [db, now, currentLevel],
  );
  const onAcknowledge =
    acknowledge ?? ((assistant: string) => acknowledgeAssistantDrift(db, assistant, now()));

  const onRaise = async (suggested: ProtectionLevel) => {
    await (raiseLevel ?? ((to: ProtectionLevel) => raiseProtectionLevel(db, to, { now: now() })))(suggested);
    // The level in force is now at least the suggested one (a raise that found it already there changes
    // nothing), so the suggestion, which only names levels above the current one, goes away.
    level.value = suggested;
  };

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

      {suggestion.status === 'ready' && suggestion.value !== null && (
        <LevelSuggestionView suggestion={suggestion.value} onOpenOptions={openOptions} onRaise={onRaise} />
      )}

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

      {assistants.status === 'ready' && (
        <AssistantsView assistants={assistants.value} onAcknowledge={onAcknowledge} />
      )}
      {assistants.status === 'error' && (
        <p class="card error" role="alert">
          The assistants' drift states could not be read: {assistants.message}
        </p>
      )}

      <footer class="popup-footer">
        <a href="/options.html" target="_blank" rel="noopener" onClick={openOptions}>
          Protection level and record
        </a>
        <span class="muted">Analysed on this device only</span>
      </footer>
    </main>
  );
}
