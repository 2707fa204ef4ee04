import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../exit-codes.ts';
import { captureIo } from '../test-io.ts';
import { runServe } from './serve.ts';

async function waitFor<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('runServe', () => {
  it('starts the aggregator, reports its URL, and stops cleanly when told to', async () => {
    const io = captureIo();
    const stop = new AbortController();
    const dataDir = mkdtempSync(join(tmpdir(), 'cogfw-serve-'));
    const running = runServe({ host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }, io, stop.signal);
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(io.err())?.[1]);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
    expect(io.err()).toContain('stopping the aggregator');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('turns a bad configuration into a usage error that names the option', async () => {
    const io = captureIo();
    const run = runServe(
      { databaseUrl: 'mysql://db/x', logLevel: 'silent' },
      io,
      new AbortController().signal,
    );
    await expect(run).rejects.toThrowError(CliError);
    await expect(run).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('option databaseUrl'),
    });
  });
});
