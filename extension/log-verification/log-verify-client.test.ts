import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleExport } from '../../protocol/testing/sample-log.ts';
import type { LogVerifyApi } from './log-verify-api.ts';
import { createLogVerifyClient, type VerifyWorker } from './log-verify-client.ts';
import type { VerifyProgress } from './record-verdict.ts';
import { verifyRecordBytes } from './record-verdict.ts';

/** A worker stand-in: the API exposed on one end of a channel, the client holding the other. */
function channelWorker(api: LogVerifyApi) {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2);
  const worker = Object.assign(port1, {
    terminated: false,
    terminate() {
      worker.terminated = true;
      port1.close();
      port2.close();
    },
  });
  return worker;
}

const started: ReturnType<typeof channelWorker>[] = [];
afterEach(() => {
  for (const worker of started.splice(0)) worker.terminate();
});

const service: LogVerifyApi = {
  async verify(bytes, passphrase, onProgress) {
    return verifyRecordBytes(bytes, { passphrase, onProgress });
  },
};

describe('createLogVerifyClient', () => {
  it('verifies in a worker of its own, passes progress back and stops the worker', async () => {
    const verify = createLogVerifyClient(() => {
      const worker = channelWorker(service);
      started.push(worker);
      return worker as unknown as VerifyWorker;
    });
    const bytes = sampleExport({ analyses: 1200 });
    const seen: VerifyProgress[] = [];
    const verdict = await verify(bytes, { onProgress: (progress) => seen.push(progress) });
    expect(verdict).toMatchObject({ ok: true, entries: 1201 });
    await expect.poll(() => seen.at(-1)).toEqual({ done: bytes.length, total: bytes.length });
    expect(started).toHaveLength(1);
    expect(started[0]?.terminated).toBe(true);

    await verify(bytes);
    expect(started).toHaveLength(2);
  });

  it('fails the call when the worker fails instead of waiting for ever', async () => {
    const verify = createLogVerifyClient(() => {
      const worker = channelWorker({ verify: () => new Promise(() => undefined) });
      started.push(worker);
      setTimeout(
        () => worker.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' })),
        10,
      );
      return worker as unknown as VerifyWorker;
    });
    await expect(verify(new Uint8Array(0))).rejects.toThrow('the verification worker failed: out of memory');
    expect(started[0]?.terminated).toBe(true);
  });
});
