import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../protocol/log-verify.ts';
import { readKeyFile } from '../log/key-file.ts';
import { captureIo } from '../test-io.ts';
import { runAnalyze } from './analyze.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../inputs/fixtures/${name}`, import.meta.url));

describe('cogfw analyze --log-out (real analyzer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogfw-analyze-log-'));

  it('writes the analyses as a signed export, with the key it creates', async () => {
    const out = join(dir, 'log.jsonl');
    const keyFile = join(dir, 'device-key.json');
    const io = captureIo();
    expect(
      await runAnalyze([fixture('chat-rows.jsonl')], { json: true, logOut: out, key: keyFile }, io),
    ).toBe(0);
    const key = await readKeyFile(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(io.err()).toContain(`wrote a new device key to ${keyFile}`);
    const verdict = verifyExport(new Uint8Array(readFileSync(out)));
    expect(verdict).toMatchObject({ ok: true, entries: 5, batches: 1, devicePublicKey: key.publicKey });
    const text = readFileSync(out, 'utf8');
    // The log carries scores and flags, never the replies' words.
    expect(text).not.toContain('vote for');
    expect(text).not.toContain('excerpts');

    const again = join(dir, 'again.jsonl');
    await runAnalyze([fixture('chat-rows.jsonl')], { json: true, logOut: again, key: keyFile }, captureIo());
    expect(verifyExport(new Uint8Array(readFileSync(again)))).toMatchObject({
      ok: true,
      devicePublicKey: key.publicKey,
    });
  });

  it('seals the export with --passphrase-file', async () => {
    const out = join(dir, 'sealed.cogfw');
    const passphrase = join(dir, 'pass.txt');
    writeFileSync(passphrase, 'a long passphrase\n');
    const io = captureIo();
    await runAnalyze(
      [fixture('chat-rows.jsonl')],
      { json: true, logOut: out, passphraseFile: passphrase },
      io,
    );
    const bytes = new Uint8Array(readFileSync(out));
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('COGFWENC');
    expect(verifyExport(bytes, { passphrase: 'a long passphrase' })).toMatchObject({ ok: true, entries: 5 });
  }, 60_000);
});
