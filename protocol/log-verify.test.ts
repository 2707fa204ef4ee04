import { describe, expect, it } from 'vitest';
import { sealBatch } from './batch.ts';
import { canonicalJson } from './canonical-json.ts';
import { genesisKeyBody, rotationKeyBody } from './device-key.ts';
import { sealExport } from './export-envelope.ts';
import { entryHash, GENESIS_PREV, type LogEntry, nextEntry } from './log-entry.ts';
import { exportBytes, exportLines } from './log-export.ts';
import { verifyExport, verifyExportLines } from './log-verify.ts';
import { sampleAnalysisBody, sampleLog, testKey } from './testing/sample-log.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const FAST = { log2N: 10, r: 8, p: 1 };

function linesOf(bytes: Uint8Array): string[] {
  return decoder.decode(bytes).slice(0, -1).split('\n');
}
function bytesOf(lines: string[]): Uint8Array {
  return encoder.encode(`${lines.join('\n')}\n`);
}

describe('verifyExport on well-formed exports', () => {
  it('reports the counts of an export with rotations, receipts and redactions', () => {
    const log = sampleLog({ analyses: 250, rotateAfter: [120], anchor: [0], redact: [[3, 4], [200]] });
    expect(verifyExport(exportBytes(log))).toEqual({
      ok: true,
      lines: 1 + 3 + log.entries.length + 1,
      entries: log.entries.length,
      batches: 3,
      redacted: 3,
      redactions: 2,
      receipts: 1,
      keyRotations: 1,
      devicePublicKey: log.key.publicKey,
      created: log.created,
      secretKey: false,
    });
  });

  it('accepts an empty log: header and trailer only', () => {
    const bytes = exportBytes({ key: testKey(1), created: 5, entries: [], batches: [] });
    expect(linesOf(bytes)).toHaveLength(2);
    expect(verifyExport(bytes)).toMatchObject({ ok: true, entries: 0, batches: 0, lines: 2 });
  });

  it('reads entry lines in place with the same hash as entryHash()', () => {
    const entry = nextEntry(undefined, 'analysis', { é: 'ü', n: -0.5, list: [1e21, 'a"b'] }, -1);
    expect(entry.hash).toBe(entryHash(entry));
    const key = testKey(4);
    const genesis = nextEntry(entry, 'key', genesisKeyBody(entry.hash, key), 7);
    const entries = [entry, genesis] as LogEntry[];
    const bytes = exportBytes({ key, created: 9, entries, batches: [sealBatch(entries, 10, key)] });
    expect(verifyExport(bytes)).toMatchObject({ ok: true, entries: 2 });
  });

  it('opens a passphrase envelope, and checks the secret key it carries', () => {
    const log = sampleLog({ analyses: 20 });
    const sealed = sealExport(exportBytes({ ...log, includeSecretKey: true }), 'correct horse', FAST);
    expect(verifyExport(sealed, { passphrase: 'correct horse' })).toMatchObject({
      ok: true,
      secretKey: true,
    });
    expect(() => verifyExport(sealed, { passphrase: 'wrong' })).toThrow(/wrong passphrase/);
    expect(() => verifyExport(sealed)).toThrow(/protected by a passphrase/);
    const damaged = sealed.slice();
    damaged[damaged.length - 20] = (damaged[damaged.length - 20] as number) ^ 1;
    expect(verifyExport(damaged, { passphrase: 'correct horse' })).toEqual({
      ok: false,
      line: 0,
      reason: expect.stringMatching(/altered or damaged/),
    });
  });
});

describe('verifyExport names the first failing line', () => {
  const log = sampleLog({ analyses: 150, rotateAfter: [60], redact: [[2]] });
  const lines = linesOf(exportBytes(log));
  const entryLineOf = (seq: number) => lines.findIndex((l) => l.includes(`"seq":${seq},"ts"`));

  const edit = (index: number, change: (value: Record<string, Record<string, unknown>>) => void) => {
    const copy = lines.slice();
    const value = JSON.parse(copy[index] as string);
    change(value);
    copy[index] = canonicalJson(value);
    return copy;
  };

  const cases: [string, () => string[], number, RegExp][] = [
    ['a changed header date', () => edit(0, (h) => Object.assign(h, { created: 1 })), 1, /header signature/],
    ['a changed body', () => edit(3, (l) => ((l.entry as { body: unknown }).body = { x: 1 })), 4, /bodyHash/],
    ['a changed ts', () => edit(5, (l) => ((l.entry as { ts: number }).ts += 1)), 6, /entry hash/],
    [
      'a changed batch root',
      () => edit(1, (l) => ((l.batch as { root: string }).root = 'a'.repeat(64))),
      2,
      /batch signature/,
    ],
    [
      'a changed trailer count',
      () => edit(lines.length - 1, (l) => ((l.trailer as { lines: number }).lines += 1)),
      lines.length,
      /trailer signature/,
    ],
    ['a deleted entry', () => lines.filter((_, i) => i !== 10), 11, /seq 9, expected 8/],
    [
      'a deleted batch line',
      () => lines.filter((_, i) => i !== 102),
      103,
      /found an entry, expected a batch/,
    ],
    [
      'a repeated entry',
      () => [...lines.slice(0, 11), lines[10] as string, ...lines.slice(11)],
      12,
      /seq 8, expected 9/,
    ],
    [
      'a missing trailer',
      () => lines.slice(0, -1),
      lines.length,
      /ends before a batch starting at seq \d+ or the trailer/,
    ],
    ['a line after the trailer', () => [...lines, lines[0] as string], lines.length + 1, /after the trailer/],
    [
      'a line that is not JSON',
      () => [...lines.slice(0, 4), '{"entry":{"body":', ...lines.slice(5)],
      5,
      /not valid JSON/,
    ],
    ['an extra member', () => edit(3, (l) => Object.assign(l, { note: 1 })), 4, /one tagged record/],
    [
      'a spaced-out entry',
      () => lines.map((l, i) => (i === 4 ? l.replace('"seq":', '"seq": ') : l)),
      5,
      /canonical/,
    ],
    [
      'a removed body without a redaction entry',
      () => edit(entryLineOf(40), (l) => ((l.entry as { body: unknown }).body = null)),
      entryLineOf(40) + 1,
      /no redaction entry names it/,
    ],
    ['an empty file', () => [], 1, /empty/],
  ];

  it.each(cases)('%s', (_, make, line, reason) => {
    const edited = make();
    const verdict = verifyExportLines(edited.length === 0 ? new Uint8Array(0) : bytesOf(edited));
    expect(verdict).toMatchObject({ ok: false, line });
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('names the cut line of a file cut short, even inside the trailer', () => {
    const bytes = exportBytes(log);
    expect(verifyExportLines(bytes.subarray(0, bytes.length - 1))).toMatchObject({
      ok: false,
      line: lines.length,
    });
    expect(verifyExportLines(bytes.subarray(0, 300))).toMatchObject({
      ok: false,
      line: 2,
      reason: /cut short/,
    });
  });

  it('refuses a secret key outside an envelope', () => {
    const plain = exportBytes({ ...log, includeSecretKey: true });
    expect(verifyExportLines(plain)).toMatchObject({ ok: false, line: 2, reason: /without a passphrase/ });
  });
});

describe('verifyExport follows the device key', () => {
  const first = testKey(1);
  const second = testKey(2);
  const build = (options: { signLastWith: 'old' | 'new'; headerKey: 'old' | 'new' }) => {
    const entries: LogEntry[] = [];
    const push = (type: LogEntry['type'], body: unknown) =>
      entries.push(nextEntry(entries.at(-1), type, body, entries.length) as LogEntry);
    push('key', genesisKeyBody(GENESIS_PREV, first));
    push('analysis', sampleAnalysisBody(0));
    const firstBatch = sealBatch(entries.slice(0, 2), 100, first);
    push('key', rotationKeyBody((entries.at(-1) as LogEntry).hash, first, second.publicKey));
    push('analysis', sampleAnalysisBody(1));
    const signer = options.signLastWith === 'new' ? second : first;
    const batches = [firstBatch, sealBatch(entries.slice(2), 101, signer)];
    return bytesOf([
      ...exportLines({ key: options.headerKey === 'new' ? second : first, created: 1, entries, batches }),
    ]);
  };

  it('accepts batches signed by the key in force after a rotation', () => {
    expect(verifyExport(build({ signLastWith: 'new', headerKey: 'new' }))).toMatchObject({
      ok: true,
      keyRotations: 1,
    });
  });

  it('blames the batch line when a batch is signed by the replaced key', () => {
    expect(verifyExport(build({ signLastWith: 'old', headerKey: 'new' }))).toMatchObject({
      ok: false,
      line: 5,
      reason: expect.stringMatching(/key in force/),
    });
  });

  it('blames the header when it names a key that is no longer in force', () => {
    expect(verifyExport(build({ signLastWith: 'new', headerKey: 'old' }))).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringMatching(/header names key/),
    });
  });

  it('refuses a rotation not signed by the key in force', () => {
    const entries: LogEntry[] = [
      nextEntry(undefined, 'key', genesisKeyBody(GENESIS_PREV, first), 0) as LogEntry,
    ];
    entries.push(
      nextEntry(
        entries[0],
        'key',
        rotationKeyBody((entries[0] as LogEntry).hash, second, testKey(3).publicKey),
        1,
      ) as LogEntry,
    );
    const bytes = exportBytes({ key: first, created: 1, entries, batches: [sealBatch(entries, 2, first)] });
    expect(verifyExport(bytes)).toMatchObject({
      ok: false,
      line: 4,
      reason: expect.stringMatching(/previous key/),
    });
  });
});
