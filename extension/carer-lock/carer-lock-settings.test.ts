import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { afterEach, describe, expect, it } from 'vitest';
import { CarerLockError, changeSetting } from '../settings/change-setting.ts';
import { raiseProtectionLevel } from '../settings/raise-protection-level.ts';
import { readSetting, readSettings } from '../settings/settings-store.ts';
import { CogfwDatabase } from '../store/database.ts';
import { logEntries, verifyStoredChain } from '../store/queries.ts';
import { verifyPassphrase } from './carer-lock.ts';
import { removeCarerLock, setCarerLock } from './carer-lock-settings.ts';

/** Cheap scrypt parameters keep the suite fast; carer-lock.test.ts checks the shipped ones. */
const params = { N: 2 ** 10, r: 8, p: 1, dkLen: 32 };
const PASSPHRASE = 'blue kettle morning';

let db: CogfwDatabase;
let store: ReturnType<typeof createStore>;

async function fresh() {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  store = createStore(`cogfw-settings-test-${crypto.randomUUID()}`, 'settings');
}

async function locked(level: 'standard' | 'enhanced' = 'enhanced') {
  await fresh();
  await changeSetting(db, 'protectionLevel', level, { store });
  await setCarerLock(db, PASSPHRASE, { store, params });
}

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('carer lock in the settings write path', () => {
  it('locks with a stored hash (never the passphrase) and logs the lock as on', async () => {
    await locked();
    const lock = await readSetting('carerLock', store);
    expect(lock).not.toBeNull();
    if (!lock) return;
    expect(await verifyPassphrase(PASSPHRASE, lock)).toBe(true);
    const log = await logEntries(db);
    expect(log.at(-1)?.body).toEqual({ setting: 'carerLock', from: 'off', to: 'on' });
    expect(JSON.stringify(log)).not.toContain(PASSPHRASE);
    expect(JSON.stringify(log)).not.toContain(lock.hash);
  });

  it.each([
    { name: 'no passphrase', passphrase: undefined, reason: 'passphrase-needed' },
    { name: 'an empty passphrase', passphrase: '', reason: 'passphrase-needed' },
    { name: 'a wrong passphrase', passphrase: 'blue kettle evening', reason: 'wrong-passphrase' },
  ])('refuses a level change with $name while locked, and logs nothing', async ({ passphrase, reason }) => {
    await locked();
    const entries = (await logEntries(db)).length;
    const change = changeSetting(db, 'protectionLevel', 'minimal', { store, passphrase });
    await expect(change).rejects.toBeInstanceOf(CarerLockError);
    await expect(change).rejects.toMatchObject({ reason });
    expect((await readSettings(store)).protectionLevel).toBe('enhanced');
    expect(await logEntries(db)).toHaveLength(entries);
  });

  it('changes the level with the passphrase and logs it', async () => {
    await locked();
    expect(await changeSetting(db, 'protectionLevel', 'minimal', { store, passphrase: PASSPHRASE })).toEqual({
      setting: 'protectionLevel',
      from: 'enhanced',
      to: 'minimal',
    });
    expect((await readSettings(store)).protectionLevel).toBe('minimal');
    expect(await verifyStoredChain(db)).toMatchObject({ ok: true, entries: 3 });
  });

  it('leaves the other settings free while locked', async () => {
    await locked();
    await changeSetting(db, 'keepExcerpts', false, { store });
    expect((await readSettings(store)).keepExcerpts).toBe(false);
  });

  it('removes the lock only with its passphrase, after which the level is free again', async () => {
    await locked();
    await expect(removeCarerLock(db, 'not the passphrase', { store })).rejects.toMatchObject({
      reason: 'wrong-passphrase',
    });
    await expect(changeSetting(db, 'carerLock', null, { store })).rejects.toMatchObject({
      reason: 'passphrase-needed',
    });
    expect(await readSetting('carerLock', store)).not.toBeNull();

    expect(await removeCarerLock(db, PASSPHRASE, { store })).toEqual({
      setting: 'carerLock',
      from: 'on',
      to: 'off',
    });
    expect(await readSetting('carerLock', store)).toBeNull();
    await changeSetting(db, 'protectionLevel', 'minimal', { store });
    expect((await readSettings(store)).protectionLevel).toBe('minimal');
  });

  it('replaces the lock only with the current passphrase', async () => {
    await locked();
    await expect(setCarerLock(db, 'a brand new phrase', { store, params })).rejects.toMatchObject({
      reason: 'passphrase-needed',
    });
    await setCarerLock(db, 'a brand new phrase', { store, params, currentPassphrase: PASSPHRASE });
    const lock = await readSetting('carerLock', store);
    if (!lock) throw new Error('the lock is gone');
    expect(await verifyPassphrase('a brand new phrase', lock)).toBe(true);
    expect(await verifyPassphrase(PASSPHRASE, lock)).toBe(false);
  });

  it('reads a damaged lock as no lock instead of failing', async () => {
    await fresh();
    await set('carerLock', { salt: 'xyz', hash: '00', N: 2 ** 40, r: 8, p: 1, dkLen: 32 }, store);
    expect(await readSetting('carerLock', store)).toBeNull();
  });
});

describe('raising the level on vulnerability signals', () => {
  it.each([
    { from: 'standard', suggested: 'maximum', after: 'maximum' },
    { from: 'enhanced', suggested: 'standard', after: 'enhanced' },
    { from: 'maximum', suggested: 'minimal', after: 'maximum' },
    { from: 'enhanced', suggested: 'enhanced', after: 'enhanced' },
  ] as const)('from $from, a suggestion of $suggested leaves $after', async ({ from, suggested, after }) => {
    await fresh();
    await changeSetting(db, 'protectionLevel', from, { store });
    await raiseProtectionLevel(db, suggested, { store });
    expect((await readSettings(store)).protectionLevel).toBe(after);
  });

  it('does not move a carer-locked level, even upwards', async () => {
    await locked('standard');
    await expect(raiseProtectionLevel(db, 'maximum', { store })).rejects.toBeInstanceOf(CarerLockError);
    expect((await readSettings(store)).protectionLevel).toBe('standard');
  });
});
