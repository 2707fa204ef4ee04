import type { UseStore } from 'idb-keyval';
import type { CogfwDatabase } from '../store/database.ts';
import { deleteAllExcerpts } from '../store/excerpt-retention.ts';
import { appendLogEntry } from '../store/log-append.ts';
import { readSetting, type Settings, settingsStore, writeSetting } from './settings-store.ts';

export interface SettingsChangeBody<K extends keyof Settings = keyof Settings> {
  setting: K;
  from: Settings[K];
  to: Settings[K];
}

/**
 * Changes a setting and records the change in the log (SPEC §7: settings changes are log events).
 * The setting and the log live in two databases; if the log entry cannot be written the setting is put
 * back, so no change goes unrecorded.
 */
export async function changeSetting<K extends keyof Settings>(
  db: CogfwDatabase,
  key: K,
  to: Settings[K],
  options: { store?: UseStore; now?: number } = {},
): Promise<SettingsChangeBody<K> | null> {
  const store = options.store ?? settingsStore();
  const from = await readSetting(key, store);
  if (from === to) return null;
  await writeSetting(key, to, store);
  const body: SettingsChangeBody<K> = { setting: key, from, to };
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
