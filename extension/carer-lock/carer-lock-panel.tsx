import { useSignal } from '@preact/signals';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from './carer-lock.ts';

interface Feedback {
  kind: 'ok' | 'error' | 'busy';
  text: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The carer lock card: set a passphrase (typed twice) to lock the protection level, or remove the lock with
 * it. Passphrases live only in the password fields: they are read on submit, handed on, and the fields are
 * cleared; no message ever repeats them.
 */
export function CarerLockPanel({
  locked,
  onLock,
  onRemove,
}: {
  locked: boolean;
  onLock: (passphrase: string) => Promise<void>;
  onRemove: (passphrase: string) => Promise<void>;
}) {
  const feedback = useSignal<Feedback | null>(null);
  const busy = feedback.value?.kind === 'busy';

  async function submit(event: Event, busyText: string, action: (form: HTMLFormElement) => Promise<string>) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      feedback.value = { kind: 'busy', text: busyText };
      feedback.value = { kind: 'ok', text: await action(form) };
    } catch (error) {
      feedback.value = { kind: 'error', text: message(error) };
    } finally {
      form.reset();
    }
  }

  const field = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';

  const lock = (form: HTMLFormElement) => {
    const problem = passphraseProblem(field(form, 'passphrase'), field(form, 'confirmation'));
    if (problem) return Promise.reject(new Error(problem));
    return onLock(field(form, 'passphrase')).then(
      () => 'Locked. The protection level now changes only with the passphrase.',
    );
  };

  const remove = (form: HTMLFormElement) =>
    onRemove(field(form, 'passphrase')).then(() => 'The lock is removed. Anyone can change the level.');

  return (
    <section class="card carer-lock" aria-labelledby="carer-lock-heading">
      <h2 id="carer-lock-heading">Carer lock</h2>
      {locked ? (
        <>
          <p class="muted" id="carer-lock-state">
            <strong class="lock-state">Locked.</strong> The protection level and this lock change only with
            the carer’s passphrase.
          </p>
          <form
            class="lock-form"
            onSubmit={(event) => submit(event, 'Checking the passphrase…', remove)}
            aria-describedby="carer-lock-state"
          >
            <label class="field">
              <span>Carer’s passphrase</span>
              <input type="password" name="passphrase" autocomplete="current-password" />
            </label>
            <button type="submit" disabled={busy}>
              Remove the lock
            </button>
          </form>
        </>
      ) : (
        <>
          <p class="muted" id="carer-lock-state">
            Someone who looks after you can lock the protection level with a passphrase, so it cannot be
            lowered without them. Vulnerability signals may still suggest a higher level; they never lower it.
          </p>
          <form
            class="lock-form"
            onSubmit={(event) => submit(event, 'Locking…', lock)}
            aria-describedby="carer-lock-state"
          >
            <label class="field">
              <span>Passphrase (at least {MIN_PASSPHRASE_LENGTH} characters)</span>
              <input type="password" name="passphrase" autocomplete="new-password" />
            </label>
            <label class="field">
              <span>Passphrase again</span>
              <input type="password" name="confirmation" autocomplete="new-password" />
            </label>
            <button type="submit" disabled={busy}>
              Lock the level
            </button>
          </form>
        </>
      )}
      <p
        class={`lock-feedback ${feedback.value?.kind === 'error' ? 'error' : 'muted'}`}
        role={feedback.value?.kind === 'error' ? 'alert' : 'status'}
        aria-live="polite"
      >
        {feedback.value?.text}
      </p>
    </section>
  );
}
