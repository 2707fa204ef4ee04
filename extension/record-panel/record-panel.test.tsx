// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyExport } from '../../protocol/log-verify.ts';
import { verifyRecordBytes } from '../log-verification/record-verdict.ts';
import { CogfwDatabase } from '../store/database.ts';
import { sealPending } from '../store/log-sealing.ts';
import { logEntries } from '../store/queries.ts';
import { recordAnalysis } from '../store/record-analysis.ts';
import { analysisResult, chatTurn, finding } from '../store/testing/analysis-fixtures.ts';
import { keyFingerprint } from './key-fingerprint.ts';
import { RecordPanel } from './record-panel.tsx';
import { storeRecordActions } from './store-record-actions.ts';

const FAST = { log2N: 10, r: 8, p: 1 };
const PASSPHRASE = 'seven quiet harbours';
const NOW = new Date(2026, 10, 21, 10, 0).getTime();

interface Mounted {
  db: CogfwDatabase;
  container: HTMLElement;
  downloads: { bytes: Uint8Array; fileName: string }[];
}

const mounted: Mounted[] = [];

afterEach(async () => {
  for (const { db, container } of mounted.splice(0)) {
    render(null, container);
    container.remove();
    db.close();
    await db.delete();
  }
});

async function mount(): Promise<Mounted> {
  const db = new CogfwDatabase(`cogfw-record-test-${crypto.randomUUID()}`);
  const container = document.createElement('div');
  document.body.append(container);
  const downloads: Mounted['downloads'] = [];
  const actions = storeRecordActions(db, async (bytes, options) => verifyRecordBytes(bytes, options), {
    scrypt: FAST,
    download: (bytes, fileName) => downloads.push({ bytes, fileName }),
  });
  actions.now = () => NOW;
  const panel: Mounted = { db, container, downloads };
  mounted.push(panel);
  await act(() => {
    render(<RecordPanel db={db} actions={actions} />, container);
  });
  await vi.waitFor(() => expect(container.querySelector('#log-entries')).not.toBeNull());
  return panel;
}

/** Analyses of replies in two conversations: three in "a", one in "b". */
async function recordReplies(db: CogfwDatabase) {
  const turns = [
    { conversationId: 'conv-a', messageId: 'm1', time: NOW - 3000 },
    { conversationId: 'conv-a', messageId: 'm2', time: NOW - 2000 },
    { conversationId: 'conv-b', messageId: 'm3', time: NOW - 1500 },
    { conversationId: 'conv-a', messageId: 'm4', time: NOW - 1000 },
  ];
  for (const turn of turns) {
    await recordAnalysis(db, chatTurn(turn), analysisResult([finding('T01', [{ start: 0, end: 7 }])]), {
      keepExcerpts: true,
      now: turn.time,
    });
  }
}

const text = (panel: Mounted, selector: string) => panel.container.querySelector(selector)?.textContent ?? '';

async function click(panel: Mounted, selector: string) {
  const button = [...panel.container.querySelectorAll<HTMLButtonElement>('button')].find(
    (candidate) => candidate.matches(selector) || candidate.textContent === selector,
  );
  if (!button) throw new Error(`no button ${selector}`);
  await act(async () => {
    button.click();
  });
}

async function submit(panel: Mounted, formSelector: string, values: Record<string, string>) {
  const form = panel.container.querySelector<HTMLFormElement>(formSelector);
  if (!form) throw new Error(`no form ${formSelector}`);
  await act(async () => {
    for (const [name, value] of Object.entries(values)) {
      (form.elements.namedItem(name) as HTMLInputElement).value = value;
    }
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

async function chooseFile(panel: Mounted, bytes: Uint8Array, name: string) {
  const input = panel.container.querySelector<HTMLInputElement>('#import-file');
  if (!input) throw new Error('no file input');
  const file = new File([bytes as Uint8Array<ArrayBuffer>], name);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('the record panel', () => {
  it('shows the record at a glance: entries, batches, the device key and the last batch', async () => {
    const panel = await mount();
    await vi.waitFor(() => expect(text(panel, '#log-entries')).toBe('0'));
    expect(text(panel, '#log-batches')).toBe('0');
    expect(text(panel, '#device-key')).toBe('Not made yet');
    expect(text(panel, '#last-batch')).toBe('None yet');

    await recordReplies(panel.db);
    const [batch] = await sealPending(panel.db, NOW, 'all');
    const key = await panel.db.deviceKeys.get('device');
    await vi.waitFor(() => expect(text(panel, '#log-batches')).toBe('1'));
    // The genesis key entry and four analyses.
    expect(text(panel, '#log-entries')).toBe('5');
    expect(text(panel, '#device-key')).toBe(keyFingerprint(key?.publicKey ?? ''));
    expect(text(panel, '#device-key')).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(text(panel, '#last-batch')).toBe(
      new Date(batch?.ts ?? 0).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    );
    expect(text(panel, '#chain-status')).toBe('Verified');
  });

  it('verifies the record, and names the entry and the reason once an entry is changed', async () => {
    const panel = await mount();
    await recordReplies(panel.db);
    await click(panel, 'Verify my record');
    await vi.waitFor(() => expect(text(panel, '#verify-result')).toContain('Your record is intact'));
    expect(text(panel, '#verify-result')).toContain('5 entries in 1 signed batch');
    expect(text(panel, '#verify-result')).toContain('Nothing has been deleted');

    const target = (await logEntries(panel.db)).find((entry) => entry.type === 'analysis');
    await panel.db.log.update(target?.seq ?? -1, { body: { ...(target?.body as object), risk: 0 } });
    await click(panel, 'Verify my record');
    await vi.waitFor(() => expect(text(panel, '#verify-result')).toContain('does not verify'));
    expect(text(panel, '.verdict-headline')).toBe(
      `The record does not verify. Entry ${target?.seq} does not check out.`,
    );
    expect(text(panel, '.verdict-detail')).toContain('Why: the body does not match bodyHash');
    expect(panel.container.querySelector('#verify-result')?.classList.contains('error')).toBe(true);
  });

  it('exports plain or sealed, refuses passphrases that do not match and never shows one', async () => {
    const panel = await mount();
    await recordReplies(panel.db);

    await submit(panel, 'form.export-record', { passphrase: PASSPHRASE, confirmation: `${PASSPHRASE}s` });
    expect(text(panel, '#export-result')).toBe('The two passphrases do not match.');
    expect(panel.container.querySelector('#export-result')?.getAttribute('role')).toBe('alert');
    expect(panel.downloads).toEqual([]);

    await submit(panel, 'form.export-record', { passphrase: '', confirmation: '' });
    await vi.waitFor(() => expect(panel.downloads).toHaveLength(1));
    expect(panel.downloads[0]?.fileName).toBe('cogfw-record-2026-11-21.jsonl');
    expect(verifyExport(panel.downloads[0]?.bytes ?? new Uint8Array())).toMatchObject({
      ok: true,
      entries: 5,
      secretKey: false,
    });

    await submit(panel, 'form.export-record', { passphrase: PASSPHRASE, confirmation: PASSPHRASE });
    await vi.waitFor(() => expect(panel.downloads).toHaveLength(2));
    const sealed = panel.downloads[1];
    expect(sealed?.fileName).toBe('cogfw-record-2026-11-21.cogfw');
    expect(verifyExport(sealed?.bytes ?? new Uint8Array(), { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      entries: 5,
      secretKey: true,
    });
    expect(text(panel, '#export-result')).toContain('Saved cogfw-record-2026-11-21.cogfw');
    expect(panel.container.innerHTML).not.toContain(PASSPHRASE);
    for (const input of panel.container.querySelectorAll<HTMLInputElement>('input[type="password"]')) {
      expect(input.value).toBe('');
    }
  });

  it('imports a sealed export onto a fresh profile after a wrong passphrase, and the chain goes on', async () => {
    const source = await mount();
    await recordReplies(source.db);
    await submit(source, 'form.export-record', { passphrase: PASSPHRASE, confirmation: PASSPHRASE });
    await vi.waitFor(() => expect(source.downloads).toHaveLength(1));
    const file = source.downloads[0]?.bytes ?? new Uint8Array();

    const fresh = await mount();
    await vi.waitFor(() =>
      expect(fresh.container.querySelector<HTMLInputElement>('#import-file')?.disabled).toBe(false),
    );
    await chooseFile(fresh, file, 'cogfw-record-2026-11-21.cogfw');
    await vi.waitFor(() => expect(fresh.container.querySelector('#import-passphrase')).not.toBeNull());

    await submit(fresh, 'form.import-record', { passphrase: 'not the passphrase' });
    await vi.waitFor(() =>
      expect(text(fresh, '#import-result')).toBe('Not imported. That passphrase does not open this file.'),
    );
    expect(await fresh.db.log.count()).toBe(0);

    await submit(fresh, 'form.import-record', { passphrase: PASSPHRASE });
    await vi.waitFor(() =>
      expect(text(fresh, '#import-result')).toContain('Imported 5 entries in 1 signed batch.'),
    );
    expect(text(fresh, '#import-result')).toContain('The record continues here');
    expect(await logEntries(fresh.db)).toEqual(await logEntries(source.db));
    expect(fresh.container.innerHTML).not.toContain(PASSPHRASE);

    // The next reply on the new profile links to the last imported entry, and the whole still verifies.
    const last = (await logEntries(fresh.db)).at(-1);
    await recordAnalysis(fresh.db, chatTurn({ messageId: 'after-import' }), analysisResult([]), {
      keepExcerpts: false,
      now: NOW + 1000,
    });
    expect((await logEntries(fresh.db)).at(-1)?.prev).toBe(last?.hash);
    await click(fresh, 'Verify my record');
    await vi.waitFor(() => expect(text(fresh, '#verify-result')).toContain('Your record is intact'));
    expect(text(fresh, '#verify-result')).toContain('6 entries in 2 signed batches');

    // Now it has a record of its own: a second import is refused before a file is even chosen.
    await vi.waitFor(() => expect(fresh.container.querySelector('#import-refused')).not.toBeNull());
    expect(fresh.container.querySelector<HTMLInputElement>('#import-file')?.disabled).toBe(true);
  });

  it('explains why a plain export or a damaged file is not imported', async () => {
    const source = await mount();
    await recordReplies(source.db);
    await submit(source, 'form.export-record', { passphrase: '', confirmation: '' });
    await submit(source, 'form.export-record', { passphrase: PASSPHRASE, confirmation: PASSPHRASE });
    await vi.waitFor(() => expect(source.downloads).toHaveLength(2));

    const fresh = await mount();
    await vi.waitFor(() =>
      expect(fresh.container.querySelector<HTMLInputElement>('#import-file')?.disabled).toBe(false),
    );
    await chooseFile(fresh, source.downloads[0]?.bytes ?? new Uint8Array(), 'plain.jsonl');
    await vi.waitFor(() => expect(text(fresh, '#import-plain')).toContain('exported without a passphrase'));
    expect(fresh.container.querySelector<HTMLButtonElement>('form.import-record button')?.disabled).toBe(
      true,
    );

    const damaged = (source.downloads[1]?.bytes ?? new Uint8Array()).slice();
    damaged[damaged.length - 40] = (damaged[damaged.length - 40] as number) ^ 0x10;
    await chooseFile(fresh, damaged, 'damaged.cogfw');
    await vi.waitFor(() => expect(fresh.container.querySelector('#import-passphrase')).not.toBeNull());
    await submit(fresh, 'form.import-record', { passphrase: PASSPHRASE });
    await vi.waitFor(() =>
      expect(text(fresh, '#import-result')).toContain('Not imported. The file is damaged'),
    );
    expect(fresh.container.querySelector('#import-result')?.getAttribute('role')).toBe('alert');
    expect(await fresh.db.log.count()).toBe(0);
  });

  it('deletes a conversation after confirmation, leaving a gap the verification counts', async () => {
    const panel = await mount();
    await recordReplies(panel.db);
    const rows = () =>
      [...panel.container.querySelectorAll('.conversation-text')].map((row) => row.textContent);
    await vi.waitFor(() =>
      expect(rows()).toEqual([
        expect.stringMatching(/^chatgpt\.com conv-a · 21 Nov 2026 · 3 replies$/),
        expect.stringMatching(/^chatgpt\.com conv-b · 21 Nov 2026 · 1 reply$/),
      ]),
    );

    const first = panel.container.querySelector<HTMLButtonElement>('.conversation button');
    await act(async () => {
      first?.click();
    });
    expect(text(panel, '.confirm legend')).toBe('Delete the data of these 3 replies? This cannot be undone.');
    expect(panel.container.ownerDocument.activeElement?.textContent).toBe('Delete');
    await click(panel, 'Cancel');
    expect(panel.container.querySelector('.confirm')).toBeNull();
    expect(await panel.db.footprint.count()).toBe(4);

    await act(async () => {
      panel.container.querySelector<HTMLButtonElement>('.conversation button')?.click();
    });
    await click(panel, 'button.danger-action');
    await vi.waitFor(() =>
      expect(text(panel, '#delete-result')).toBe(
        'Deleted what was recorded about 3 replies on chatgpt.com. 3 entries of the record now stand as a ' +
          'visible gap, named by a deletion entry; the record still verifies.',
      ),
    );
    await vi.waitFor(() => expect(panel.container.querySelectorAll('.conversation')).toHaveLength(1));
    expect(await panel.db.footprint.count()).toBe(1);

    await click(panel, 'Verify my record');
    await vi.waitFor(() => expect(text(panel, '#verify-result')).toContain('Your record is intact'));
    expect(text(panel, '#verify-result')).toContain('3 entries were deleted at your request (1 deletion)');
  });

  it('labels every control', async () => {
    const panel = await mount();
    await recordReplies(panel.db);
    await vi.waitFor(() => expect(panel.container.querySelectorAll('.conversation')).toHaveLength(2));
    for (const input of panel.container.querySelectorAll('input')) {
      expect(panel.container.querySelector(`label[for="${input.id}"]`)?.textContent, input.name).toBeTruthy();
    }
    for (const button of panel.container.querySelectorAll('button')) {
      expect(button.textContent?.trim()).not.toBe('');
    }
  });
});
