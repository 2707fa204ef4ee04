import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCarerLock } from '../carer-lock/carer-lock-settings.ts';
import { CogfwDatabase } from '../store/database.ts';
import { logEntries } from '../store/queries.ts';
import { changeSetting } from './change-setting.ts';
import type { ProtectionLevel } from './protection-levels.ts';
import { raiseProtectionLevel } from './raise-protection-level.ts';
import { readSetting } from './settings-store.ts';

/** Cheap scrypt: the lock's strength is tested with the lock itself. */
const SCRYPT = { N: 2 ** 10, r: 8, p: 1, dkLen: 32 };
const PASSPHRASE = 'the carer passphrase';

let db: CogfwDatabase;
let store: UseStore;

beforeEach(() => {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  store = createStore(`cogfw-settings-test-${crypto.randomUUID()}`, 'settings');
});

afterEach(async () => {
  db.close();
  await db.delete();
});

async function startAt(level: ProtectionLevel) {
  await changeSetting(db, 'protectionLevel', level, { store });
  const logged = (await logEntries(db)).length;
  return { logged };
}

describe('raiseProtectionLevel', () => {
  it.each<{ from: ProtectionLevel; suggested: ProtectionLevel; result: ProtectionLevel }>([
    { from: 'minimal', suggested: 'standard', result: 'standard' },
    { from: 'minimal', suggested: 'maximum', result: 'maximum' },
    { from: 'standard', suggested: 'enhanced', result: 'enhanced' },
    { from: 'enhanced', suggested: 'maximum', result: 'maximum' },
    { from: 'standard', suggested: 'standard', result: 'standard' },
    { from: 'enhanced', suggested: 'standard', result: 'enhanced' },
    { from: 'maximum', suggested: 'minimal', result: 'maximum' },
    { from: 'maximum', suggested: 'enhanced', result: 'maximum' },
  ])('from $from, a suggested $suggested leaves $result', async ({ from, suggested, result }) => {
    const { logged } = await startAt(from);
    const change = await raiseProtectionLevel(db, suggested, { store, now: 1_000 });
    expect(await readSetting('protectionLevel', store)).toBe(result);
    const entries = await logEntries(db);
    if (result === from) {
      expect(change).toBeNull();
      expect(entries).toHaveLength(logged);
    } else {
      expect(change).toEqual({ setting: 'protectionLevel', from, to: result });
      expect(entries.slice(logged).map((entry) => [entry.type, entry.body])).toEqual([['settings', change]]);
    }
  });

  it('is refused while a carer lock holds the level, and changes nothing', async () => {
    await setCarerLock(db, PASSPHRASE, { store, params: SCRYPT });
    const logged = (await logEntries(db)).length;
    await expect(raiseProtectionLevel(db, 'maximum', { store })).rejects.toMatchObject({
      name: 'CarerLockError',
      reason: 'passphrase-needed',
    });
    expect(await readSetting('protectionLevel', store)).toBe('standard');
    expect(await logEntries(db)).toHaveLength(logged);
  });

  it('under a lock, a suggestion that would not raise the level is no change rather than a refusal', async () => {
    await setCarerLock(db, PASSPHRASE, { store, params: SCRYPT });
    expect(await raiseProtectionLevel(db, 'minimal', { store })).toBeNull();
    expect(await readSetting('protectionLevel', store)).toBe('standard');
  });
});
