import { useSignal } from '@preact/signals';
import type { UseStore } from 'idb-keyval';
import { useEffect } from 'preact/hooks';
import type { RulePack } from '../../../wasm-core/constitution/rule-pack.ts';
import { CarerLockPanel } from '../../carer-lock/carer-lock-panel.tsx';
import { removeCarerLock, setCarerLock } from '../../carer-lock/carer-lock-settings.ts';
import { type AnalyzeReply, ConstitutionPreview } from '../../personal-constitution/constitution-preview.tsx';
import { PersonalConstitutionEditor } from '../../personal-constitution/personal-constitution-editor.tsx';
import type { RecordActions } from '../../record-panel/record-actions.ts';
import { RecordPanel } from '../../record-panel/record-panel.tsx';
import { CarerLockError, changeSetting, setKeepExcerpts } from '../../settings/change-setting.ts';
import { PROTECTION_LEVELS, type ProtectionLevel } from '../../settings/protection-levels.ts';
import { readSetting, readSettings, type Settings } from '../../settings/settings-store.ts';
import type { CogfwDatabase } from '../../store/database.ts';
import { EXCERPT_RETENTION_MS } from '../../store/excerpt-retention.ts';

const RETENTION_DAYS = Math.round(EXCERPT_RETENTION_MS / 86_400_000);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const levelLabel = (id: ProtectionLevel) => PROTECTION_LEVELS.find((level) => level.id === id)?.label ?? id;

export function OptionsApp({
  db,
  store,
  analyze,
  shipped,
  record,
}: {
  db: CogfwDatabase;
  store?: UseStore;
  /** Analyses the preview's example reply (a worker in the page; injected so tests need none). */
  analyze: AnalyzeReply;
  /** The shipped constitution, which personal rules are checked against. */
  shipped: readonly RulePack[];
  /** Export, import, deletion and verification of the record (the store and the verification worker). */
  record: RecordActions;
}) {
  const settings = useSignal<Settings | null>(null);
  const saveStatus = useSignal('');
  /** A level chosen while the carer lock holds it: waits for the passphrase. */
  const pendingLevel = useSignal<ProtectionLevel | null>(null);
  const unlockError = useSignal<string | null>(null);

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

  async function save<K extends keyof Settings>(key: K, value: Settings[K], passphrase?: string) {
    const current = settings.value;
    if (!current) return;
    settings.value = { ...current, [key]: value };
    saveStatus.value = 'Saving…';
    try {
      if (key === 'keepExcerpts') await setKeepExcerpts(db, value as boolean, { store });
      else await changeSetting(db, key, value, { store, passphrase });
      saveStatus.value = 'Saved.';
      return true;
    } catch (error) {
      settings.value = current;
      // The write path refuses a locked level; the page then asks for the passphrase.
      if (key === 'protectionLevel' && error instanceof CarerLockError) {
        pendingLevel.value = value as ProtectionLevel;
        saveStatus.value = `Not changed: the level is locked by a carer. Enter the passphrase to change it to ${levelLabel(value as ProtectionLevel)}.`;
        if (passphrase !== undefined) unlockError.value = error.message;
      } else {
        saveStatus.value = `Not saved: ${errorText(error)}`;
      }
      return false;
    }
  }

  async function changeLockedLevel(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('passphrase') as HTMLInputElement | null;
    const level = pendingLevel.value;
    const passphrase = input?.value ?? '';
    form.reset();
    if (!level) return;
    unlockError.value = null;
    if (await save('protectionLevel', level, passphrase)) pendingLevel.value = null;
  }

  async function refreshLock() {
    const carerLock = await readSetting('carerLock', store);
    if (settings.value) settings.value = { ...settings.value, carerLock };
  }

  async function savePersonalConstitution(pack: RulePack) {
    await changeSetting(db, 'personalConstitution', pack, { store });
    if (settings.value) settings.value = { ...settings.value, personalConstitution: pack };
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
            <h2 id="level-heading">
              Protection level
              {settings.value.carerLock && <span class="tag lock-tag">Locked by a carer</span>}
            </h2>
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
            {pendingLevel.value && (
              <form class="level-unlock" onSubmit={changeLockedLevel}>
                <label class="field">
                  <span>Carer’s passphrase to change the level to {levelLabel(pendingLevel.value)}</span>
                  <input type="password" name="passphrase" autocomplete="current-password" />
                </label>
                <div class="actions">
                  <button type="submit">Change the level</button>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => {
                      pendingLevel.value = null;
                      unlockError.value = null;
                      saveStatus.value = '';
                    }}
                  >
                    Cancel
                  </button>
                </div>
                {unlockError.value && (
                  <p class="error" role="alert">
                    {unlockError.value}
                  </p>
                )}
              </form>
            )}
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

      {settings.value !== null && (
        <>
          <CarerLockPanel
            locked={settings.value.carerLock !== null}
            onLock={async (passphrase) => {
              try {
                await setCarerLock(db, passphrase, { store });
              } finally {
                await refreshLock();
              }
            }}
            onRemove={async (passphrase) => {
              try {
                await removeCarerLock(db, passphrase, { store });
                pendingLevel.value = null;
                unlockError.value = null;
              } finally {
                await refreshLock();
              }
            }}
          />

          <PersonalConstitutionEditor
            pack={settings.value.personalConstitution}
            shipped={shipped}
            onSave={savePersonalConstitution}
          />
          <ConstitutionPreview
            pack={settings.value.personalConstitution}
            level={settings.value.protectionLevel}
            analyze={analyze}
          />
        </>
      )}

      <RecordPanel db={db} actions={record} />
    </main>
  );
}
