import type { UseStore } from 'idb-keyval';
import { canonicalJson } from '../../protocol/canonical-json.ts';
import { hashJson } from '../../protocol/hash.ts';
import { verifyPassphrase } from '../carer-lock/carer-lock.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { deleteAllExcerpts } from '../store/excerpt-retention.ts';
import { appendLogEntry } from '../store/log-append.ts';
import { readSetting, type Settings, settingsStore, writeSetting } from './settings-store.ts';

/**
 * What the log keeps of each setting's value. The lock is logged as on or off: its hash in a readable log
 * would only help someone guessing the passphrase. The personal constitution is logged by size and digest,
 * which commits to the exact rules without copying them into every entry.
 */
export interface LoggedSettings {
  protectionLevel: Settings['protectionLevel'];
  keepExcerpts: Settings['keepExcerpts'];
  personalConstitution: { version: number; rules: number; sha256: string };
  carerLock: 'on' | 'off';
}

const LOGGED: { [K in keyof Settings]: (value: Settings[K]) => LoggedSettings[K] } = {
  protectionLevel: (value) => value,
  keepExcerpts: (value) => value,
  personalConstitution: (pack) => ({
    version: pack.version,
    rules: pack.rules.length,
    sha256: hashJson(pack),
  }),
  carerLock: (lock) => (lock === null ? 'off' : 'on'),
};

export interface SettingsChangeBody<K extends keyof Settings = keyof Settings> {
  setting: K;
  from: LoggedSettings[K];
  to: LoggedSettings[K];
}

/** Settings a carer's lock holds: the level, and the lock itself (changing or removing it). */
export const LOCKED_SETTINGS: ReadonlySet<keyof Settings> = new Set(['protectionLevel', 'carerLock']);

export class CarerLockError extends Error {
  constructor(
    readonly reason: 'passphrase-needed' | 'wrong-passphrase',
    message: string,
  ) {
    super(message);
    this.name = 'CarerLockError';
  }
}

/** Resolves when the setting is not held by a lock or the passphrase opens it; rejects with CarerLockError. */
export async function checkCarerPassphrase(
  key: keyof Settings,
  passphrase: string | undefined,
  store: UseStore = settingsStore(),
): Promise<void> {
  if (!LOCKED_SETTINGS.has(key)) return;
  const lock = await readSetting('carerLock', store);
  if (lock === null) return;
  if (passphrase === undefined || passphrase === '') {
    throw new CarerLockError(
      'passphrase-needed',
      'The protection level is locked by a carer; the passphrase is needed to change it.',
    );
  }
  if (!(await verifyPassphrase(passphrase, lock))) {
    throw new CarerLockError('wrong-passphrase', 'That passphrase does not open the carer lock.');
  }
}

const sameValue = (a: unknown, b: unknown) => a === b || canonicalJson(a) === canonicalJson(b);

/**
 * Changes a setting and records the change in the log (SPEC §7: settings changes are log events).
 * While a carer lock is set, the level and the lock change only with its passphrase (SPEC §6).
 * The setting and the log live in two databases; if the log entry cannot be written the setting is put
 * back, so no change goes unrecorded.
 */
export async function changeSetting<K extends keyof Settings>(
  db: CogfwDatabase,
  key: K,
  to: Settings[K],
  options: { store?: UseStore; now?: number; passphrase?: string } = {},
): Promise<SettingsChangeBody<K> | null> {
  const store = options.store ?? settingsStore();
  const from = await readSetting(key, store);
  if (sameValue(from, to)) return null;
  await checkCarerPassphrase(key, options.passphrase, store);
  await writeSetting(key, to, store);
  const log = LOGGED[key];
  const body: SettingsChangeBody<K> = { setting: key, from: log(from), to: log(to) };
  try {
    await appendLogEntry(db, 'settings', body, options.now ?? Date.now());
  } catch (error) {
    await writeSetting(key, from, store);
    throw error;
  }
  return body;
}

/** Turning excerpts off also deletes the ones already kept: the user asked for no text to stay. */
export async function setKeepExcerpts(
  db: CogfwDatabase,
  keep: boolean,
  options: { store?: UseStore; now?: number } = {},
): Promise<SettingsChangeBody<'keepExcerpts'> | null> {
  const change = await changeSetting(db, 'keepExcerpts', keep, options);
  if (!keep) await deleteAllExcerpts(db);
  return change;
}
