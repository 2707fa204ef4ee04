import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';
import { captureIo } from './test-io.ts';

const never = { stopSignal: () => new AbortController().signal };

describe('runCli: usage', () => {
  it.each([
    [['--help'], 0, /Exit codes:\n {2}0 {2}success/],
    [['help', 'analyze'], 0, /Input formats, recognised by content/],
    [['eval', '--help'], 0, /--predictions <out.jsonl>/],
    [['serve', '--help'], 0, /--database-url <url>/],
    [['verify', '--help'], 0, /exit 1 naming the first\nline that fails/],
    [['analyze', '--help'], 0, /"kind":"cogfw-device-key"/],
    [['verify-proof', '--help'], 0, /--export <file>/],
    [[], 2, /Usage: cogfw/],
    [['bogus'], 2, /unknown command 'bogus'/],
    [['analyze'], 2, /missing required argument 'files'/],
    [['analyze', '--frobnicate', 'x.txt'], 2, /unknown option '--frobnicate'/],
    [['eval', 'x.jsonl', '--min-macro-f1', 'high'], 2, /must be a number from 0 to 1/],
    [['serve', '--port', '99999'], 2, /must be a port number/],
    [['serve', '--log-level', 'loud'], 2, /Allowed choices are fatal, error/],
  ])('cogfw %j exits %i', async (args, code, output) => {
    const io = captureIo();
    expect(await runCli(args, io, never)).toBe(code);
    expect(io.out() + io.err()).toMatch(output);
  });

  it.each([
    [['analyze', 'no/such/file.txt'], 'cogfw: no/such/file.txt: cannot read (no such file)\n'],
    [
      ['analyze', '--time-zone', 'Mars/Olympus', 'x.txt'],
      'cogfw: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Berlin)\n',
    ],
    [['eval', 'no/such/file.jsonl'], 'cogfw: no/such/file.jsonl: cannot read (no such file)\n'],
  ])('cogfw %j is an input error: one line, no stack trace, exit 2', async (args, message) => {
    const io = captureIo();
    expect(await runCli(args, io, never)).toBe(2);
    expect(io.err()).toBe(message);
    expect(io.out()).toBe('');
  });
});

describe('the bin shim', () => {
  it('runs the TypeScript CLI through tsx from a plain node process', async () => {
    const bin = fileURLToPath(new URL('./bin/cogfw.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help'], { timeout: 20_000 });
    expect(stdout).toContain('Usage: cogfw');
    expect(stdout).toMatch(/analyze \[options\] <files\.\.\.>/);
  });

  it('exits with the command’s code', async () => {
    const bin = fileURLToPath(new URL('./bin/cogfw.mjs', import.meta.url));
    const run = promisify(execFile)(process.execPath, [bin, 'analyze', 'no-such-file.txt'], {
      timeout: 20_000,
    });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: 'cogfw: no-such-file.txt: cannot read (no such file)\n',
    });
  });
});
