import { describe, expect, it } from 'vitest';
import { ExportEnvelopeError, isSealedExport, openExport, sealExport } from './export-envelope.ts';

const FAST = { log2N: 10, r: 8, p: 1 };
const plaintext = new TextEncoder().encode('{"kind":"cogfw-log"}\n'.repeat(50));

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ExportEnvelopeError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('passphrase envelope', () => {
  const sealed = sealExport(plaintext, 'tr0ub4dor & 3', FAST);

  it('round-trips, with a fresh salt and nonce each time', () => {
    expect(isSealedExport(sealed)).toBe(true);
    expect(isSealedExport(plaintext)).toBe(false);
    expect(openExport(sealed, 'tr0ub4dor & 3')).toEqual(plaintext);
    expect(sealExport(plaintext, 'tr0ub4dor & 3', FAST).subarray(12, 52)).not.toEqual(
      sealed.subarray(12, 52),
    );
    expect(sealed.length).toBe(68 + plaintext.length + 16);
  });

  it('tells a wrong passphrase from a damaged file', () => {
    expect(problemOf(() => openExport(sealed, 'tr0ub4dor & 4'))).toBe('wrong-passphrase');
    expect(problemOf(() => openExport(sealed, undefined))).toBe('passphrase-required');
    const flipped = sealed.slice();
    flipped[100] = (flipped[100] as number) ^ 0x40;
    expect(problemOf(() => openExport(flipped, 'tr0ub4dor & 3'))).toBe('damaged');
    expect(problemOf(() => openExport(sealed.subarray(0, 70), 'tr0ub4dor & 3'))).toBe('damaged');
  });

  it('binds its parameters: a changed scrypt setting is caught, an unbounded one refused', () => {
    const changed = sealed.slice();
    changed[10] = 4;
    expect(problemOf(() => openExport(changed, 'tr0ub4dor & 3'))).toBe('wrong-passphrase');
    const greedy = sealed.slice();
    greedy[9] = 30;
    expect(problemOf(() => openExport(greedy, 'tr0ub4dor & 3'))).toBe('unsupported');
  });

  it('normalises the passphrase (NFC), so the same words typed differently open it', () => {
    const composed = sealExport(plaintext, 'caf\u00e9', FAST);
    expect(openExport(composed, 'cafe\u0301')).toEqual(plaintext);
  });
});
