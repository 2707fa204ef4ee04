import type { UseStore } from 'idb-keyval';
import { changeSetting, type SettingsChangeBody } from '../settings/change-setting.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { createCarerLock, type ScryptParameters } from './carer-lock.ts';

interface LockOptions {
  store?: UseStore;
  now?: number;
  /** Scrypt cost; the shipped parameters (CARER_LOCK_SCRYPT) unless a test needs cheaper ones. */
  params?: ScryptParameters;
}

/**
 * Locks the protection level with a new passphrase. Replacing an existing lock needs its passphrase
 * (`currentPassphrase`), checked in the settings write path.
 */
export async function setCarerLock(
  db: CogfwDatabase,
  passphrase: string,
  options: LockOptions & { currentPassphrase?: string } = {},
): Promise<SettingsChangeBody<'carerLock'> | null> {
  const lock = await createCarerLock(passphrase, { params: options.params });
  return changeSetting(db, 'carerLock', lock, {
    store: options.store,
    now: options.now,
    passphrase: options.currentPassphrase,
  });
}

/** Removes the lock; only with its passphrase. */
export function removeCarerLock(
  db: CogfwDatabase,
  passphrase: string,
  options: Omit<LockOptions, 'params'> = {},
): Promise<SettingsChangeBody<'carerLock'> | null> {
  return changeSetting(db, 'carerLock', null, { ...options, passphrase });
}
