import { createStore, get, set, type UseStore } from 'idb-keyval';
import { DEFAULT_PROTECTION_LEVEL, isProtectionLevel, type ProtectionLevel } from './protection-levels.ts';

export interface Settings {
  protectionLevel: ProtectionLevel;
  /** Keep short excerpts (≤ 200 characters around a finding, 30 days) for the report's examples. */
  keepExcerpts: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  protectionLevel: DEFAULT_PROTECTION_LEVEL,
  keepExcerpts: true,
};

/** One typed item per setting; a stored value that fails its check reads as the default. */
interface SettingItem<K extends keyof Settings> {
  key: K;
  valid(value: unknown): value is Settings[K];
}

const ITEMS: { [K in keyof Settings]: SettingItem<K> } = {
  protectionLevel: { key: 'protectionLevel', valid: isProtectionLevel },
  keepExcerpts: { key: 'keepExcerpts', valid: (value): value is boolean => typeof value === 'boolean' },
};

export const SETTINGS_DATABASE_NAME = 'cogfw-settings';

let defaultStore: UseStore | undefined;

/** idb-keyval opens its database lazily, so creating the store has no cost until the first read. */
export function settingsStore(): UseStore {
  defaultStore ??= createStore(SETTINGS_DATABASE_NAME, 'settings');
  return defaultStore;
}

export async function readSetting<K extends keyof Settings>(
  key: K,
  store: UseStore = settingsStore(),
): Promise<Settings[K]> {
  const value: unknown = await get(key, store);
  return ITEMS[key].valid(value) ? value : DEFAULT_SETTINGS[key];
}

export async function readSettings(store: UseStore = settingsStore()): Promise<Settings> {
  const [protectionLevel, keepExcerpts] = await Promise.all([
    readSetting('protectionLevel', store),
    readSetting('keepExcerpts', store),
  ]);
  return { protectionLevel, keepExcerpts };
}

export async function writeSetting<K extends keyof Settings>(
  key: K,
  value: Settings[K],
  store: UseStore = settingsStore(),
): Promise<void> {
  if (!ITEMS[key].valid(value)) throw new TypeError(`invalid value for setting ${key}`);
  await set(key, value, store);
}
