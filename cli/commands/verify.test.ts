import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../protocol/canonical-json.ts';
import { sealExport } from '../../protocol/export-envelope.ts';
import { exportBytes } from '../../protocol/log-export.ts';
import { otherValue, valuePaths, withValue } from '../../protocol/testing/json-mutation.ts';
import { sampleLog } from '../../protocol/testing/sample-log.ts';
import { runCli } from '../main.ts';
import { captureIo } from '../test-io.ts';

const never = { stopSignal: () => new AbortController().signal };
const dir = mkdtempSync(join(tmpdir(), 'cogfw-verify-'));
const log = sampleLog({ analyses: 230, rotateAfter: [90], anchor: [1], redact: [[4, 5], [100]] });
const good = join(dir, 'good.jsonl');
writeFileSync(good, exportBytes(log));
const lines = readFileSync(good, 'utf8').split('\n');
const tampered = join(dir, 'tampered.jsonl');
writeFileSync(
  tampered,
  lines.map((l, i) => (i === 57 ? l.replace('"turnIndex":', '"turnIndex":1') : l)).join('\n'),
);
const sealed = join(dir, 'sealed.cogfw');
writeFileSync(sealed, sealExport(exportBytes(log), 'open sesame', { log2N: 10, r: 8, p: 1 }));
const passphrase = join(dir, 'passphrase.txt');
writeFileSync(passphrase, 'open sesame\n');
const wrongPassphrase = join(dir, 'wrong.txt');
writeFileSync(wrongPassphrase, 'close sesame\n');

async function cogfw(...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io, never);
  return { code, out: io.out(), err: io.err() };
}

describe('cogfw verify', () => {
  it('exits 0 on a valid export and says how many entries are redacted', async () => {
    const { code, out } = await cogfw('verify', good);
    expect(code).toBe(0);
    expect(out).toContain(`valid: ${good}`);
    expect(out).toMatch(/entries +23\d \(3 redacted, each named by one of 2 redaction entries\)/);
    expect(out).toMatch(/batches +3, every root and signature checked/);
    expect(out).toMatch(/key rotations +1/);
    expect(out).toMatch(/receipts +1/);
  });

  it('exits 1 naming the first failing line and why', async () => {
    expect(await cogfw('verify', tampered)).toEqual({
      code: 1,
      out: `INVALID ${tampered}:58: the body does not match bodyHash\n`,
      err: '',
    });
  });

  it('prints the verdict as JSON', async () => {
    const valid = await cogfw('verify', good, '--json');
    expect(JSON.parse(valid.out)).toMatchObject({
      file: good,
      ok: true,
      redacted: 3,
      entries: log.entries.length,
    });
    const invalid = await cogfw('verify', tampered, '--json');
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.out)).toEqual({
      file: tampered,
      ok: false,
      line: 58,
      reason: expect.any(String),
    });
  });

  it('opens a sealed export with --passphrase-file', async () => {
    const { code, out } = await cogfw('verify', sealed, '--passphrase-file', passphrase);
    expect(code).toBe(0);
    expect(out).toContain('3 redacted');
  });

  it.each([
    [['verify', join(dir, 'missing.jsonl')], /missing.jsonl: cannot read \(no such file\)/],
    [['verify', sealed], /protected by a passphrase: give it with --passphrase-file/],
    [['verify', sealed, '--passphrase-file', wrongPassphrase], /wrong passphrase/],
  ])('cogfw %j is unusable input: exit 2', async (args, message) => {
    const { code, err } = await cogfw(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('cogfw verify on tampered files', () => {
  it('exits 1 naming the changed line, whatever value of whichever line changes', async () => {
    const lineArb = fc.integer({ min: 0, max: lines.length - 2 });
    await fc.assert(
      fc.asyncProperty(lineArb, fc.nat(), fc.nat(), async (index, pathPick, choice) => {
        const value = JSON.parse(lines[index] as string);
        const paths = valuePaths(value);
        const path = paths[pathPick % paths.length] ?? [];
        let target: unknown = value;
        for (const step of path) target = (target as Record<string | number, unknown>)[step];
        const changed = canonicalJson(withValue(value, path, otherValue(target, choice)));
        fc.pre(changed !== lines[index]);
        const file = join(dir, 'mutant.jsonl');
        writeFileSync(file, lines.map((l, i) => (i === index ? changed : l)).join('\n'));
        const { code, out } = await cogfw('verify', file);
        expect(code).toBe(1);
        expect(out).toContain(`${file}:${index + 1}: `);
      }),
      { numRuns: 40 },
    );
  });
});

describe('cogfw prove and verify-proof', () => {
  const proofFile = join(dir, 'proof.json');

  it('proves an entry against its signed batch, and the proof checks out', async () => {
    const proved = await cogfw('prove', good, '--seq', '150');
    expect(proved.code).toBe(0);
    const proof = JSON.parse(proved.out);
    expect(proof).toMatchObject({ kind: 'cogfw-entry-proof', leafIndex: 50, entry: { seq: 150 } });
    writeFileSync(proofFile, proved.out);
    expect(await cogfw('verify-proof', proofFile)).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /^valid: entry 150 \(analysis\) is in batch 100–199, signed by [0-9a-f]{64}\n$/,
      ),
    });
    expect((await cogfw('verify-proof', proofFile, '--export', good)).out).toContain(
      'in the verified export',
    );
  });

  it('refuses a forged proof, and one whose batch is not in the export', async () => {
    const proof = JSON.parse((await cogfw('prove', good, '--seq', '7')).out);
    proof.entry.body.risk = 0;
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify(proof));
    expect(await cogfw('verify-proof', forged)).toMatchObject({
      code: 1,
      out: expect.stringMatching(/bodyHash/),
    });

    const other = join(dir, 'other.jsonl');
    writeFileSync(other, exportBytes(sampleLog({ analyses: 20, startTs: 5 })));
    const elsewhere = await cogfw('verify-proof', proofFile, '--export', other, '--json');
    expect(elsewhere.code).toBe(1);
    expect(JSON.parse(elsewhere.out)).toEqual({
      ok: false,
      reason: `the proof's batch is not one of ${other}`,
    });
  });

  it.each([
    [['prove', good, '--seq', '99999'], 2, /has no entry 99999 \(its entries are 0–\d+\)/],
    [['prove', good, '--seq', '-1'], 2, /must be an entry sequence number/],
    [['prove', good], 2, /required option '--seq <n>' not specified/],
    [['prove', tampered, '--seq', '3'], 1, /the export does not verify: .*:58: /],
    [['verify-proof', join(dir, 'nothing.json')], 2, /nothing.json: cannot read \(no such file\)/],
    [['verify-proof', good], 2, /good.jsonl: not JSON/],
  ])('cogfw %j exits %i', async (args, code, message) => {
    const result = await cogfw(...args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });
});
