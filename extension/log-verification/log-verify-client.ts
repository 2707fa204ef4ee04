import { type Endpoint, proxy, releaseProxy, wrap } from 'comlink';
import type { LogVerifyApi } from './log-verify-api.ts';
import type { RecordVerdict, VerifyRecordOptions } from './record-verdict.ts';

/** The worker as the client needs it: a message endpoint that can be stopped. */
export type VerifyWorker = Endpoint & { terminate(): void };

export type VerifyRecord = (bytes: Uint8Array, options?: VerifyRecordOptions) => Promise<RecordVerdict>;

/**
 * Verification in a worker of its own, started for each call and stopped after it: a verification is rare
 * (a button press), and a fresh worker gives back the memory scrypt and a long record took. A worker that
 * fails to start or dies fails the call instead of leaving it pending for ever.
 */
export function createLogVerifyClient(startWorker: () => VerifyWorker): VerifyRecord {
  return async (bytes, options = {}) => {
    const worker = startWorker();
    const api = wrap<LogVerifyApi>(worker);
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        const detail = (event as ErrorEvent).message;
        reject(new Error(`the verification worker failed${detail ? `: ${detail}` : ''}`));
      });
      worker.addEventListener('messageerror', () =>
        reject(new Error('the verification worker sent an unreadable message')),
      );
    });
    // A worker that dies after the answer is no one's concern: the rejection is dropped.
    failed.catch(() => undefined);
    try {
      const onProgress = options.onProgress ? proxy(options.onProgress) : undefined;
      return await Promise.race([api.verify(bytes, options.passphrase, onProgress), failed]);
    } finally {
      api[releaseProxy]();
      worker.terminate();
    }
  };
}
