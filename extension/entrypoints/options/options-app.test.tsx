// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    render(<OptionsApp db={db} store={store} />, container);
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
});
