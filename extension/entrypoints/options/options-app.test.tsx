// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyRecordBytes } from '../../log-verification/record-verdict.ts';
import { ruleEchoAnalyzer } from '../../personal-constitution/testing/rule-echo-analyzer.ts';
import { storeRecordActions } from '../../record-panel/store-record-actions.ts';
import { readSettings } from '../../settings/settings-store.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { logEntries } from '../../store/queries.ts';
import { recordAnalysis } from '../../store/record-analysis.ts';
import { analysisResult, chatTurn, finding } from '../../store/testing/analysis-fixtures.ts';
import { OptionsApp } from './options-app.tsx';

let db: CogfwDatabase;
let container: HTMLElement;
let store: ReturnType<typeof createStore>;

afterEach(async () => {
  render(null, container);
  container.remove();
  db.close();
  await db.delete();
});

async function mount() {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  store = createStore(`cogfw-settings-test-${crypto.randomUUID()}`, 'settings');
  container = document.createElement('div');
  document.body.append(container);
  await act(() => {
    const record = storeRecordActions(db, async (bytes, options) => verifyRecordBytes(bytes, options));
    render(
      <OptionsApp db={db} store={store} analyze={ruleEchoAnalyzer().analyze} shipped={[]} record={record} />,
      container,
    );
  });
  await vi.waitFor(() => expect(container.querySelectorAll('input[type="radio"]')).toHaveLength(4));
}

const radio = (id: string) => container.querySelector<HTMLInputElement>(`input[value="${id}"]`);
const text = (selector: string) => container.querySelector(selector)?.textContent;

describe('options page', () => {
  it('offers the four levels with their share, stores a choice and logs it', async () => {
    await mount();
    const labels = [...container.querySelectorAll('label.level')].map((l) => [
      l.querySelector('.level-name')?.textContent,
      l.querySelector('.level-share')?.textContent,
    ]);
    expect(labels).toEqual([
      ['Minimal', 'System carries 30%'],
      ['Standard (default)', 'System carries 50%'],
      ['Enhanced', 'System carries 70%'],
      ['Maximum', 'System carries 90%'],
    ]);
    expect(radio('standard')?.checked).toBe(true);
    await vi.waitFor(() => expect(text('#chain-status')).toBe('Empty'));

    await act(async () => {
      radio('enhanced')?.click();
    });
    await vi.waitFor(() => expect(text('.save-status')).toBe('Saved.'));
    expect((await readSettings(store)).protectionLevel).toBe('enhanced');
    expect((await logEntries(db)).map((e) => e.body)).toEqual([
      { setting: 'protectionLevel', from: 'standard', to: 'enhanced' },
    ]);
    await vi.waitFor(() => expect(text('#log-entries')).toBe('1'));
    expect(text('#chain-status')).toBe('Verified');
  });

  it('turns excerpts off, deleting the ones kept', async () => {
    await mount();
    await recordAnalysis(db, chatTurn(), analysisResult([finding('T01', [{ start: 0, end: 7 }])]), {
      keepExcerpts: true,
    });
    const toggle = container.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(toggle?.checked).toBe(true);
    await act(async () => {
      toggle?.click();
    });
    await vi.waitFor(() => expect(text('.save-status')).toBe('Saved.'));
    expect((await readSettings(store)).keepExcerpts).toBe(false);
    expect((await db.footprint.toArray())[0]?.excerpts).toEqual([]);
    await vi.waitFor(() => expect(text('#log-entries')).toBe('2'));
  });

  it('shows where the chain breaks when an entry was altered', async () => {
    await mount();
    for (const id of ['a', 'b']) {
      await recordAnalysis(db, chatTurn({ messageId: id }), analysisResult([]), { keepExcerpts: false });
    }
    await vi.waitFor(() => expect(text('#chain-status')).toBe('Verified'));
    await act(async () => {
      await db.log.update(0, { ts: 1 });
    });
    await vi.waitFor(() =>
      expect(text('#chain-status')).toBe('Broken at entry 0: entry hash does not match its contents'),
    );
  });

  it('locks the level with a passphrase typed twice, refuses a change without it and accepts one with it', async () => {
    const passphrase = 'quiet lantern river';
    await mount();
    const lockForm = () => container.querySelector<HTMLFormElement>('.carer-lock form');
    const fill = async (form: HTMLFormElement | null, values: Record<string, string>) => {
      if (!form) throw new Error('no form');
      await act(async () => {
        for (const [name, value] of Object.entries(values)) {
          (form.elements.namedItem(name) as HTMLInputElement).value = value;
        }
        form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
    };

    await fill(lockForm(), { passphrase, confirmation: 'quiet lantern rivers' });
    await vi.waitFor(() => expect(text('.lock-feedback')).toBe('The two passphrases do not match.'));
    expect((await readSettings(store)).carerLock).toBeNull();

    await fill(lockForm(), { passphrase, confirmation: passphrase });
    await vi.waitFor(() => expect(text('.lock-feedback')).toContain('Locked.'), { timeout: 10_000 });
    expect((await readSettings(store)).carerLock).not.toBeNull();
    expect(text('#level-heading')).toContain('Locked by a carer');

    await act(async () => {
      radio('minimal')?.click();
    });
    await vi.waitFor(() =>
      expect(text('.save-status')).toContain('Not changed: the level is locked by a carer'),
    );
    expect((await readSettings(store)).protectionLevel).toBe('standard');
    expect(radio('standard')?.checked).toBe(true);

    const unlock = () => container.querySelector<HTMLFormElement>('form.level-unlock');
    await fill(unlock(), { passphrase: 'not the passphrase' });
    await vi.waitFor(
      () => expect(text('form.level-unlock .error')).toBe('That passphrase does not open the carer lock.'),
      {
        timeout: 10_000,
      },
    );
    expect((await readSettings(store)).protectionLevel).toBe('standard');

    await fill(unlock(), { passphrase });
    await vi.waitFor(() => expect(text('.save-status')).toBe('Saved.'), { timeout: 10_000 });
    expect((await readSettings(store)).protectionLevel).toBe('minimal');
    expect(radio('minimal')?.checked).toBe(true);
    expect(unlock()).toBeNull();

    // The passphrase is never shown or kept in a field.
    expect(container.innerHTML).not.toContain(passphrase);
    for (const input of container.querySelectorAll<HTMLInputElement>('input[type="password"]')) {
      expect(input.value).toBe('');
    }
    expect(JSON.stringify(await logEntries(db))).not.toContain(passphrase);

    await fill(lockForm(), { passphrase: 'wrong one entirely' });
    await vi.waitFor(
      () => expect(text('.lock-feedback')).toBe('That passphrase does not open the carer lock.'),
      {
        timeout: 10_000,
      },
    );
    expect((await readSettings(store)).carerLock).not.toBeNull();
    await fill(lockForm(), { passphrase });
    await vi.waitFor(() => expect(text('.lock-feedback')).toContain('The lock is removed.'), {
      timeout: 10_000,
    });
    expect((await readSettings(store)).carerLock).toBeNull();
  }, 30_000);
});
