import { useSignal } from '@preact/signals';
import type { RecordVerdict, VerifyProgress } from '../log-verification/record-verdict.ts';
import { verdictText } from './verdict-text.ts';

type VerifyState =
  | { status: 'idle' }
  | { status: 'running'; progress: VerifyProgress | undefined }
  | { status: 'done'; verdict: RecordVerdict }
  | { status: 'failed'; message: string };

const percent = ({ done, total }: VerifyProgress) => (total === 0 ? 100 : Math.floor((100 * done) / total));

/**
 * "Verify my record": the stored log is exported in memory and checked line by line, exactly as
 * `cogfw verify` checks a file — every hash, the chain, every batch root and signature.
 */
export function VerifyRecord({
  run,
}: {
  run: (onProgress: (progress: VerifyProgress) => void) => Promise<RecordVerdict>;
}) {
  const state = useSignal<VerifyState>({ status: 'idle' });
  const current = state.value;

  async function verify() {
    state.value = { status: 'running', progress: undefined };
    try {
      const verdict = await run((progress) => {
        if (state.value.status === 'running') state.value = { status: 'running', progress };
      });
      state.value = { status: 'done', verdict };
    } catch (error) {
      state.value = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  const text = current.status === 'done' ? verdictText(current.verdict) : undefined;
  return (
    <div class="record-part verify-record">
      <h3 id="verify-heading">Verify my record</h3>
      <p class="muted" id="verify-explain">
        Checks every entry, every link of the chain and every signed batch on this device, the same way the{' '}
        <code>cogfw verify</code> command checks an exported file.
      </p>
      <div class="actions">
        <button
          type="button"
          onClick={verify}
          disabled={current.status === 'running'}
          aria-describedby="verify-explain"
        >
          Verify my record
        </button>
      </div>
      <div
        id="verify-result"
        class={`record-result ${text ? (text.ok ? 'ok' : 'error') : current.status === 'failed' ? 'error' : 'muted'}`}
        role="status"
        aria-live="polite"
      >
        {current.status === 'running' && (
          <p>Checking…{current.progress && ` ${percent(current.progress)}%`}</p>
        )}
        {text && (
          <>
            <p class="verdict-headline">{text.headline}</p>
            {text.detail && <p class="verdict-detail">{text.detail}</p>}
          </>
        )}
        {current.status === 'failed' && <p>The record could not be checked: {current.message}</p>}
      </div>
    </div>
  );
}
