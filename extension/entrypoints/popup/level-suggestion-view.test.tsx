// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createStore, type UseStore } from 'idb-keyval';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spreadReplies } from '../../behaviour/testing/drift-fixtures.ts';
import { setCarerLock } from '../../carer-lock/carer-lock-settings.ts';
import type { ProtectionLevel } from '../../settings/protection-levels.ts';
import { raiseProtectionLevel } from '../../settings/raise-protection-level.ts';
import { readSetting } from '../../settings/settings-store.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { logEntries } from '../../store/queries.ts';
import { PopupApp } from './popup-app.tsx';

const NOW = Date.parse('2026-11-19T12:00:00Z');
const DAY = 86_400_000;
/** Cheap scrypt: the lock's strength is not what these tests are about. */
const SCRYPT = { N: 2 ** 10, r: 8, p: 1, dkLen: 32 };

let db: CogfwDatabase;
let store: UseStore;
let container: HTMLElement;

beforeEach(async () => {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  store = createStore(`cogfw-settings-test-${crypto.randomUUID()}`, 'settings');
  // A week of replies after messages that showed loneliness: at standard, Enhanced is suggested.
  await db.footprint.bulkAdd(
    spreadReplies(
      'claude',
      NOW - 6 * DAY,
      NOW - 60_000,
      3,
      () => ({ risk: 0.2, userSignals: { loneliness: true } }),
      's',
    ),
  );
});

afterEach(async () => {
  render(null, container);
  container.remove();
  db.close();
  await db.delete();
});

/** The popup over the test's database and settings store, with the real raise of the level. */
async function mount(
  raiseLevel = (level: ProtectionLevel) => raiseProtectionLevel(db, level, { store, now: NOW }),
) {
  container = document.createElement('div');
  document.body.append(container);
  await act(() => {
    render(
      <PopupApp
        db={db}
        now={() => NOW}
        protectionLevel={() => readSetting('protectionLevel', store)}
        raiseLevel={raiseLevel}
      />,
      container,
    );
  });
  await vi.waitFor(() => expect(card()).not.toBeNull());
}

const card = () => container.querySelector('#suggestion-heading')?.closest('section') ?? null;
const switchButton = () => card()?.querySelector('button') ?? null;

describe('switching to the suggested level from the popup', () => {
  it('raises the level, logs the change and drops the card', async () => {
    await mount();
    expect(switchButton()?.textContent).toBe('Switch to Enhanced');
    expect(card()?.querySelector('a')?.textContent).toBe('Choose the Enhanced level');

    await act(() => switchButton()?.click());
    await vi.waitFor(() => expect(card()).toBeNull());
    expect(await readSetting('protectionLevel', store)).toBe('enhanced');
    expect((await logEntries(db)).map((entry) => entry.body)).toEqual([
      { setting: 'protectionLevel', from: 'standard', to: 'enhanced' },
    ]);
  });

  it('says the level is locked by a carer, keeps the way to the options, and changes nothing', async () => {
    await setCarerLock(db, 'the carer passphrase', { store, params: SCRYPT, now: NOW });
    await mount();

    await act(() => switchButton()?.click());
    await vi.waitFor(() =>
      expect(card()?.querySelector('[role="status"]')?.textContent).toMatch(
        /^The protection level is locked by a carer/,
      ),
    );
    expect(switchButton()).toBeNull();
    const link = card()?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/options.html');
    expect(link?.textContent).toBe('Choose the Enhanced level');
    expect(await readSetting('protectionLevel', store)).toBe('standard');
    expect((await logEntries(db)).map((entry) => entry.body)).toEqual([
      { setting: 'carerLock', from: 'off', to: 'on' },
    ]);
  });

  it('says so when the level cannot be stored, and keeps the card and its button', async () => {
    await mount(() => Promise.reject(new Error('disk full')));
    await act(() => switchButton()?.click());
    await vi.waitFor(() =>
      expect(card()?.querySelector('[role="alert"]')?.textContent).toBe(
        'Could not change the level: disk full',
      ),
    );
    expect(switchButton()?.disabled).toBe(false);
    expect(card()?.querySelector('.locked')).toBeNull();
  });
});
