import { useSignal } from '@preact/signals';
import type { UseStore } from 'idb-keyval';
import { useEffect } from 'preact/hooks';
import { changeSetting, setKeepExcerpts } from '../../settings/change-setting.ts';
import { PROTECTION_LEVELS, type ProtectionLevel } from '../../settings/protection-levels.ts';
import { readSettings, type Settings } from '../../settings/settings-store.ts';
import type { CogfwDatabase } from '../../store/database.ts';
import { EXCERPT_RETENTION_MS } from '../../store/excerpt-retention.ts';
import { logSize, verifyStoredChain } from '../../store/queries.ts';
import { useLiveQuery } from '../../ui/use-live-query.ts';

const RETENTION_DAYS = Math.round(EXCERPT_RETENTION_MS / 86_400_000);

export function OptionsApp({ db, store }: { db: CogfwDatabase; store?: UseStore }) {
  const settings = useSignal<Settings | null>(null);
  const saveStatus = useSignal('');

  useEffect(() => {
    readSettings(store).then(
      (value) => {
        settings.value = value;
      },
      (error: unknown) => {
        saveStatus.value = `Settings could not be read: ${String(error)}`;
      },
    );
  }, [store]);

  async function save<K extends keyof Settings>(key: K, value: Settings[K]) {
    const current = settings.value;
    if (!current) return;
    settings.value = { ...current, [key]: value };
    saveStatus.value = 'Saving…';
    try {
      if (key === 'keepExcerpts') await setKeepExcerpts(db, value as boolean, { store });
      else await changeSetting(db, key, value, { store });
      saveStatus.value = 'Saved.';
    } catch (error) {
      settings.value = current;
      saveStatus.value = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  return (
    <main class="options" aria-labelledby="options-title">
      <h1 id="options-title">Cognitive Firewall</h1>

      {settings.value === null ? (
        <p class="muted" role="status">
          Reading settings…
        </p>
      ) : (
        <>
          <section class="card" aria-labelledby="level-heading">
            <h2 id="level-heading">Protection level</h2>
            <p class="muted">
              The more you would rather not watch for yourself, the more the system carries.
            </p>
            <fieldset>
              <legend class="visually-hidden">Protection level</legend>
              {PROTECTION_LEVELS.map((level) => (
                <label key={level.id} class="level">
                  <input
                    type="radio"
                    name="protection-level"
                    value={level.id}
                    checked={settings.value?.protectionLevel === level.id}
                    onChange={() => save('protectionLevel', level.id as ProtectionLevel)}
                    aria-describedby={`level-${level.id}-description`}
                  />
                  <span class="level-text">
                    <span class="level-name">
                      {level.label}
                      {level.id === 'standard' && <span class="muted"> (default)</span>}
                    </span>
                    <span class="level-share">System carries {level.systemShare}%</span>
                    <span id={`level-${level.id}-description`} class="level-description muted">
                      {level.description}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          </section>

          <section class="card" aria-labelledby="excerpts-heading">
            <h2 id="excerpts-heading">Excerpts</h2>
            <label class="toggle">
              <input
                type="checkbox"
                checked={settings.value.keepExcerpts}
                onChange={(event) => save('keepExcerpts', event.currentTarget.checked)}
                aria-describedby="excerpts-description"
              />
              <span>Keep short excerpts of flagged replies</span>
            </label>
            <p id="excerpts-description" class="muted">
              Up to 200 characters around each finding, kept on this device for {RETENTION_DAYS} days and
              shown as examples in the weekly report. Nothing else of the conversation is stored. Turning this
              off deletes the excerpts already kept.
            </p>
          </section>
        </>
      )}

      <p class="save-status" role="status" aria-live="polite">
        {saveStatus.value}
      </p>

      <RecordSection db={db} />
    </main>
  );
}

function RecordSection({ db }: { db: CogfwDatabase }) {
  const record = useLiveQuery(
    async () => ({ size: await logSize(db), verdict: await verifyStoredChain(db) }),
    [db],
  );
  return (
    <section class="card" aria-labelledby="record-heading">
      <h2 id="record-heading">Record</h2>
      <p class="muted">
        Every analysis and settings change is an entry in a hash-chained log on this device; changing or
        removing an entry breaks the chain.
      </p>
      {record.status === 'loading' && <p class="muted">Checking the record…</p>}
      {record.status === 'error' && (
        <p class="error" role="alert">
          The record could not be read: {record.message}
        </p>
      )}
      {record.status === 'ready' && (
        <dl class="record" aria-label="Record">
          <div>
            <dt>Log entries</dt>
            <dd id="log-entries">{record.value.size}</dd>
          </div>
          <div>
            <dt>Chain</dt>
            <dd id="chain-status" class={record.value.verdict.ok ? 'ok' : 'error'}>
              {record.value.verdict.ok
                ? record.value.size === 0
                  ? 'Empty'
                  : 'Verified'
                : `Broken at entry ${record.value.verdict.seq}: ${record.value.verdict.reason}`}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
