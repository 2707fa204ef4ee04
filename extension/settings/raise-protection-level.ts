import type { UseStore } from 'idb-keyval';
import type { CogfwDatabase } from '../store/database.ts';
import { changeSetting, type SettingsChangeBody } from './change-setting.ts';
import { PROTECTION_LEVELS, type ProtectionLevel } from './protection-levels.ts';
import { readSetting, settingsStore } from './settings-store.ts';

const rank = (level: ProtectionLevel) => PROTECTION_LEVELS.findIndex((entry) => entry.id === level);

/**
 * The only way anything but the user may move the level: vulnerability signals may raise it, never lower
 * it (SPEC §6). A suggestion at or below the current level changes nothing. While a carer lock is set the
 * carer's choice stands: the write path refuses the change without the passphrase (CarerLockError).
 */
export async function raiseProtectionLevel(
  db: CogfwDatabase,
  suggested: ProtectionLevel,
  options: { store?: UseStore; now?: number } = {},
): Promise<SettingsChangeBody<'protectionLevel'> | null> {
  const store = options.store ?? settingsStore();
  const current = await readSetting('protectionLevel', store);
  if (rank(suggested) <= rank(current)) return null;
  return changeSetting(db, 'protectionLevel', suggested, { store, now: options.now });
}
