import { useSignal } from '@preact/signals';
import { Field } from '../form-controls/field.tsx';
import { exportFileName } from './export-file-name.ts';
import { exportPassphraseProblem } from './export-passphrase.ts';

interface Feedback {
  kind: 'ok' | 'error' | 'busy';
  text: string;
}

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en')} KB`;

/**
 * Export: the whole record as one file, plain or sealed with a passphrase typed twice. The passphrase is
 * read on submit, handed on and the fields cleared; no message repeats it.
 */
export function ExportRecord({
  exportLog,
  download,
  now,
}: {
  exportLog: (options: { passphrase?: string; now: number }) => Promise<Uint8Array>;
  download: (bytes: Uint8Array, fileName: string) => void;
  now: () => number;
}) {
  const feedback = useSignal<Feedback | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const passphrase = field('passphrase');
    const problem = exportPassphraseProblem(passphrase, field('confirmation'));
    form.reset();
    if (problem) {
      feedback.value = { kind: 'error', text: problem };
      return;
    }
    const sealed = passphrase !== '';
    feedback.value = {
      kind: 'busy',
      text: sealed ? 'Preparing the file and protecting it with your passphrase…' : 'Preparing the file…',
    };
    try {
      const at = now();
      const bytes = await exportLog(sealed ? { passphrase, now: at } : { now: at });
      const name = exportFileName(at, sealed);
      download(bytes, name);
      feedback.value = {
        kind: 'ok',
        text: sealed
          ? `Saved ${name} (${kilobytes(bytes.length)}). It opens only with your passphrase and carries your signing key: keep the passphrase safe.`
          : `Saved ${name} (${kilobytes(bytes.length)}).`,
      };
    } catch (error) {
      feedback.value = {
        kind: 'error',
        text: `The record could not be exported: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  return (
    <form class="record-part record-form export-record" onSubmit={submit} aria-labelledby="export-heading">
      <h3 id="export-heading">Export</h3>
      <p class="muted" id="export-explain">
        Saves your whole record as one file you can keep, show to someone or check with{' '}
        <code>cogfw verify</code>. It holds what was found in replies, never the conversations’ words. With a
        passphrase the file is encrypted and also carries this device’s signing key, so the record can go on
        in another browser profile after an import. Without one, anyone with the file can read and check it,
        but it cannot be imported.
      </p>
      <div class="form-grid">
        <Field id="export-passphrase" label="Passphrase for the file (optional)">
          <input
            type="password"
            id="export-passphrase"
            name="passphrase"
            autocomplete="new-password"
            aria-describedby="export-explain"
          />
        </Field>
        <Field id="export-confirmation" label="The same passphrase again">
          <input type="password" id="export-confirmation" name="confirmation" autocomplete="new-password" />
        </Field>
      </div>
      <div class="actions">
        <button type="submit" disabled={feedback.value?.kind === 'busy'}>
          Export
        </button>
      </div>
      <p
        id="export-result"
        class={`record-result ${feedback.value?.kind === 'error' ? 'error' : 'muted'}`}
        role={feedback.value?.kind === 'error' ? 'alert' : 'status'}
        aria-live="polite"
      >
        {feedback.value?.text}
      </p>
    </form>
  );
}
