import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { RulePack } from '../../wasm-core/constitution/rule-pack.ts';
import { type CarerLock, isCarerLock } from '../carer-lock/carer-lock.ts';
import { EMPTY_PERSONAL_PACK, isPersonalPack } from '../personal-constitution/personal-pack.ts';
import { DEFAULT_PROTECTION_LEVEL, isProtectionLevel, type ProtectionLevel } from './protection-levels.ts';

export interface Settings {
  protectionLevel: ProtectionLevel;
  /** Keep short excerpts (≤ 200 characters around a finding, 30 days) for the report's examples. */
  keepExcerpts: boolean;
  /** The user's own rules (pack id "personal", weight 700), evaluated with the shipped constitution. */
  personalConstitution: RulePack;
  /** A carer's passphrase lock on the protection level; null when unlocked (change-setting.ts enforces it). */
  carerLock: CarerLock | null;
}

export const DEFAULT_SETTINGS: Settings = {
  protectionLevel: DEFAULT_PROTECTION_LEVEL,
  keepExcerpts: true,
  personalConstitution: EMPTY_PERSONAL_PACK,
  carerLock: null,
};

/**
 * One typed item per setting; a stored value that fails its check reads as the default (a damaged personal
 * constitution reads as empty, a damaged lock as none), so reading never throws.
 */
interface SettingItem<K extends keyof Settings> {
  key: K;
  valid(value: unknown): value is Settings[K];
}

const ITEMS: { [K in keyof Settings]: SettingItem<K> } = {
  protectionLevel: { key: 'protectionLevel', valid: isProtectionLevel },
  keepExcerpts: { key: 'keepExcerpts', valid: (value): value is boolean => typeof value === 'boolean' },
  personalConstitution: {
    key: 'personalConstitution',
    valid: (value): value is RulePack => isPersonalPack(value),
  },
  carerLock: {
    key: 'carerLock',
    valid: (value): value is CarerLock | null => value === null || isCarerLock(value),
  },
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
  const [protectionLevel, keepExcerpts, personalConstitution, carerLock] = await Promise.all([
    readSetting('protectionLevel', store),
    readSetting('keepExcerpts', store),
    readSetting('personalConstitution', store),
    readSetting('carerLock', store),
  ]);
  return { protectionLevel, keepExcerpts, personalConstitution, carerLock };
}

/** Unguarded: every change goes through change-setting.ts, which logs it and enforces the carer lock. */
export async function writeSetting<K extends keyof Settings>(
  key: K,
  value: Settings[K],
  store: UseStore = settingsStore(),
): Promise<void> {
  if (!ITEMS[key].valid(value)) throw new TypeError(`invalid value for setting ${key}`);
  await set(key, value, store);
}
