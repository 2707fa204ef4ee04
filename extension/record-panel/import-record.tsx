import { useSignal } from '@preact/signals';
import { isSealedExport } from '../../protocol/export-envelope.ts';
import { Field } from '../form-controls/field.tsx';
import type { RecordVerdict } from '../log-verification/record-verdict.ts';
import type { ImportedRecord } from './record-actions.ts';
import { verdictText } from './verdict-text.ts';

interface ChosenFile {
  name: string;
  bytes: Uint8Array;
  sealed: boolean;
}

interface Feedback {
  kind: 'ok' | 'error' | 'busy';
  text: string;
  detail?: string;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function importedText(imported: ImportedRecord): string {
  const gaps =
    imported.redacted === 0
      ? ''
      : ` ${count(imported.redacted, 'deleted entry stays', 'deleted entries stay')} as visible gaps.`;
  return `Imported ${count(imported.entries, 'entry', 'entries')} in ${count(imported.batches, 'signed batch', 'signed batches')}.${gaps} The record continues here: new entries follow on from the last imported one, signed with the key the file carried.`;
}

/**
 * Import: restores an exported record onto this profile, only while it has no record of its own (two
 * records cannot be merged: a chain continues from one place). The file is verified in the worker first,
 * so a damaged file or a wrong passphrase is named before anything is written; the store verifies again
 * as it writes.
 */
export function ImportRecord({
  fresh,
  verify,
  importLog,
  now,
}: {
  /** undefined while the record is being read. */
  fresh: boolean | undefined;
  verify: (bytes: Uint8Array, options: { passphrase?: string }) => Promise<RecordVerdict>;
  importLog: (bytes: Uint8Array, options: { passphrase?: string; now: number }) => Promise<ImportedRecord>;
  now: () => number;
}) {
  const chosen = useSignal<ChosenFile | null>(null);
  const feedback = useSignal<Feedback | null>(null);
  const busy = feedback.value?.kind === 'busy';

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    chosen.value = null;
    feedback.value = null;
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      chosen.value = { name: file.name, bytes, sealed: isSealedExport(bytes) };
    } catch (error) {
      feedback.value = { kind: 'error', text: `The file could not be read: ${message(error)}` };
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const file = chosen.value;
    const input = form.elements.namedItem('passphrase') as HTMLInputElement | null;
    const passphrase = input?.value ?? '';
    if (input) input.value = '';
    if (!file) {
      feedback.value = { kind: 'error', text: 'Choose a record file first.' };
      return;
    }
    if (file.sealed && passphrase === '') {
      feedback.value = { kind: 'error', text: 'This file is protected by a passphrase. Enter it to go on.' };
      return;
    }
    const options = file.sealed ? { passphrase } : {};
    try {
      feedback.value = { kind: 'busy', text: 'Checking the file…' };
      const verdict = await verify(file.bytes, options);
      if (!verdict.ok) {
        const text = verdictText(verdict);
        feedback.value = {
          kind: 'error',
          text: `Not imported. ${text.headline}`,
          detail: text.detail,
        };
        return;
      }
      feedback.value = { kind: 'busy', text: 'Importing…' };
      const imported = await importLog(file.bytes, { ...options, now: now() });
      feedback.value = { kind: 'ok', text: importedText(imported) };
      chosen.value = null;
      form.reset();
    } catch (error) {
      feedback.value = { kind: 'error', text: `Not imported: ${message(error)}` };
    }
  }

  return (
    <form class="record-part record-form import-record" onSubmit={submit} aria-labelledby="import-heading">
      <h3 id="import-heading">Import</h3>
      <p class="muted" id="import-explain">
        Restores a record exported with a passphrase from another browser profile, so it carries on here. This
        works only on a fresh profile, before anything has been recorded: two records cannot be merged,
        because a chain continues from one place.
      </p>
      {fresh === false && (
        <p class="notice" id="import-refused">
          This profile already has a record of its own, so it cannot take in another one. To move a record
          here, import it into a new browser profile instead.
        </p>
      )}
      <Field id="import-file" label="Record file (.cogfw or .jsonl)">
        <input
          type="file"
          id="import-file"
          name="file"
          accept=".cogfw,.jsonl,application/octet-stream,application/jsonl"
          onChange={choose}
          disabled={fresh !== true || busy}
          aria-describedby={fresh === false ? 'import-explain import-refused' : 'import-explain'}
        />
      </Field>
      {chosen.value && !chosen.value.sealed && (
        <p class="notice" id="import-plain">
          This file was exported without a passphrase, so it does not carry the signing key the record needs
          to go on. It can be checked with <code>cogfw verify</code>, but not imported. Export it again with a
          passphrase.
        </p>
      )}
      {chosen.value?.sealed && (
        <Field id="import-passphrase" label="Passphrase of this file">
          <input type="password" id="import-passphrase" name="passphrase" autocomplete="current-password" />
        </Field>
      )}
      <div class="actions">
        <button type="submit" disabled={fresh !== true || busy || chosen.value?.sealed !== true}>
          Import
        </button>
      </div>
      <div
        id="import-result"
        class={`record-result ${feedback.value?.kind === 'error' ? 'error' : feedback.value?.kind === 'ok' ? 'ok' : 'muted'}`}
        role={feedback.value?.kind === 'error' ? 'alert' : 'status'}
        aria-live="polite"
      >
        {feedback.value && <p>{feedback.value.text}</p>}
        {feedback.value?.detail && <p class="verdict-detail">{feedback.value.detail}</p>}
      </div>
    </form>
  );
}
