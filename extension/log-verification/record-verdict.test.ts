import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealExport } from '../../protocol/export-envelope.ts';
import { exportBytes } from '../../protocol/log-export.ts';
import { verifyExport } from '../../protocol/log-verify.ts';
import { sampleExport, sampleLog } from '../../protocol/testing/sample-log.ts';
import { type RecordFailure, type VerifyProgress, verifyRecordBytes } from './record-verdict.ts';

const FAST = { log2N: 10, r: 8, p: 1 };
const PASSPHRASE = 'a long walk home';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const plain = sampleExport({ analyses: 40, redact: [[3, 4]] });
const lines = decoder.decode(plain).split('\n').slice(0, -1);
const join = (parts: string[]) => encoder.encode(parts.map((line) => `${line}\n`).join(''));
const sealed = sealExport(
  exportBytes({ ...sampleLog({ analyses: 40 }), includeSecretKey: true }),
  PASSPHRASE,
  FAST,
);

describe('verifyRecordBytes', () => {
  it('accepts an untouched record and counts its redactions', () => {
    expect(verifyRecordBytes(plain)).toMatchObject({
      ok: true,
      entries: 42,
      redacted: 2,
      redactions: 1,
      secretKey: false,
    });
  });

  it('opens a sealed record with its passphrase and sees the key it carries', () => {
    expect(verifyRecordBytes(sealed, { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      secretKey: true,
    });
  });

  const damagedEnvelope = sealed.slice();
  const damagedAt = damagedEnvelope.length - 5;
  damagedEnvelope[damagedAt] = (damagedEnvelope[damagedAt] as number) ^ 1;
  const edited = lines.slice();
  edited[5] = (edited[5] as string).replace('"turnIndex":', '"turnIndex":1');

  // Line 1 is the header, line 2 the first batch, line 3 + n entry n.
  it.each([
    ['an edited line', join(edited), {}, { line: 6, at: { kind: 'entry', seq: 3 } }],
    [
      'a removed line',
      join([...lines.slice(0, 4), ...lines.slice(5)]),
      {},
      { line: 5, at: { kind: 'entry', seq: 3 } },
    ],
    [
      'a repeated line',
      join([...lines.slice(0, 5), lines[4] as string, ...lines.slice(5)]),
      {},
      { line: 6, at: { kind: 'entry', seq: 2 } },
    ],
    ['a file cut at a newline', join(lines.slice(0, 20)), {}, { line: 21, at: { kind: 'end' } }],
    [
      'a file cut inside a line',
      plain.subarray(0, plain.length - 7),
      {},
      { line: lines.length, at: { kind: 'unreadable' } },
    ],
    ['an empty file', new Uint8Array(0), {}, { line: 1, at: { kind: 'end' } }],
    ['a changed header', join(['{}', ...lines.slice(1)]), {}, { line: 1, at: { kind: 'header' } }],
    ['no passphrase', sealed, {}, { line: 0, envelope: 'passphrase-required' }],
    [
      'a wrong passphrase',
      sealed,
      { passphrase: 'a short walk home' },
      { line: 0, envelope: 'wrong-passphrase' },
    ],
    ['a damaged envelope', damagedEnvelope, { passphrase: PASSPHRASE }, { line: 0, envelope: 'damaged' }],
  ])('fails %s, naming the line', (_name, bytes, options, expected) => {
    const verdict = verifyRecordBytes(bytes, options);
    expect(verdict).toMatchObject({ ok: false, ...expected });
    if (!('envelope' in expected)) {
      const { at: _at, ...failure } = verdict as RecordFailure;
      expect(failure).toEqual(verifyExport(bytes, options));
    }
  });

  it('reaches the verdict verifyExport reaches on any change to any byte', () => {
    fc.assert(
      fc.property(fc.nat({ max: plain.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = plain.slice();
        bytes[at] = (bytes[at] as number) ^ flip;
        const { at: _at, ...verdict } = verifyRecordBytes(bytes) as RecordFailure;
        expect(verdict).toEqual(verifyExport(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('reports progress that ends at the whole of the plain record', () => {
    const long = sampleExport({ analyses: 1500 });
    const seen: VerifyProgress[] = [];
    expect(verifyRecordBytes(long, { onProgress: (progress) => seen.push(progress) }).ok).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ done: long.length, total: long.length });
    const done = seen.map((progress) => progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });
});
