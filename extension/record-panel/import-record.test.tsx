// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sealExport } from '../../protocol/export-envelope.ts';
import { exportBytes } from '../../protocol/log-export.ts';
import { sampleLog } from '../../protocol/testing/sample-log.ts';
import { verifyRecordBytes } from '../log-verification/record-verdict.ts';
import { LogImportError } from '../store/log-import-store.ts';
import { ImportRecord } from './import-record.tsx';

const PASSPHRASE = 'across the water';
const sealed = sealExport(
  exportBytes({ ...sampleLog({ analyses: 5 }), includeSecretKey: true }),
  PASSPHRASE,
  {
    log2N: 10,
    r: 8,
    p: 1,
  },
);

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount(props: Partial<Parameters<typeof ImportRecord>[0]>) {
  container = document.createElement('div');
  document.body.append(container);
  const importLog = vi.fn(async () => ({ entries: 6, batches: 1, redacted: 0 }));
  await act(() => {
    render(
      <ImportRecord
        fresh
        verify={async (bytes, options) => verifyRecordBytes(bytes, options)}
        importLog={importLog}
        now={() => 0}
        {...props}
      />,
      container,
    );
  });
  return importLog;
}

async function importFile(bytes: Uint8Array, passphrase: string) {
  const input = container.querySelector<HTMLInputElement>('#import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([bytes as Uint8Array<ArrayBuffer>], 'r.cogfw')] });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await vi.waitFor(() => expect(container.querySelector('#import-passphrase')).not.toBeNull());
  const form = container.querySelector('form') as HTMLFormElement;
  await act(async () => {
    (form.elements.namedItem('passphrase') as HTMLInputElement).value = passphrase;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const result = () => container.querySelector('#import-result')?.textContent;

describe('ImportRecord', () => {
  it('asks for the passphrase rather than trying without one', async () => {
    const importLog = await mount({});
    await importFile(sealed, '');
    expect(result()).toBe('This file is protected by a passphrase. Enter it to go on.');
    expect(importLog).not.toHaveBeenCalled();
  });

  it('passes on the store refusing a profile that recorded something meanwhile', async () => {
    const refusing = vi.fn(async () => {
      throw new LogImportError('not-fresh', 'This profile already holds a record. Nothing was imported.');
    });
    await mount({ importLog: refusing });
    await importFile(sealed, PASSPHRASE);
    await vi.waitFor(() =>
      expect(result()).toBe('Not imported: This profile already holds a record. Nothing was imported.'),
    );
    expect(refusing).toHaveBeenCalledOnce();
    expect(container.querySelector('#import-result')?.getAttribute('role')).toBe('alert');
  });

  it('names the entry that does not verify and writes nothing', async () => {
    const importLog = await mount({});
    const plain = new TextDecoder().decode(
      exportBytes({ ...sampleLog({ analyses: 5 }), includeSecretKey: false }),
    );
    const broken = plain.replace('"turnIndex":2', '"turnIndex":3');
    await importFile(
      sealExport(new TextEncoder().encode(broken), PASSPHRASE, { log2N: 10, r: 8, p: 1 }),
      PASSPHRASE,
    );
    await vi.waitFor(() => expect(result()).toContain('Not imported. The record does not verify. Entry 3'));
    expect(importLog).not.toHaveBeenCalled();
  });

  it('refuses on a profile that already has a record, and says why', async () => {
    await mount({ fresh: false });
    expect(container.querySelector('#import-refused')?.textContent).toContain('already has a record');
    expect(container.querySelector<HTMLInputElement>('#import-file')?.disabled).toBe(true);
  });
});
