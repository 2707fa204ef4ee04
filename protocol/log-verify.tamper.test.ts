import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { exportBytes } from './log-export.ts';
import {
  createVerifierState,
  finishVerification,
  type VerifierState,
  type VerifyVerdict,
  verifyExportLines,
  verifyLine,
} from './log-verify.ts';
import { otherValue, valuePaths, withValue } from './testing/json-mutation.ts';
import { sampleLog } from './testing/sample-log.ts';

/**
 * The tamper property: any single change to an export — a value changed anywhere, a line
 * deleted, duplicated or moved, the file cut short — fails verification, naming the right line; the
 * untouched exports verify.
 *
 * "The right line" is defined by comparison with the original: the first line (1-based) whose bytes
 * differ from the original's line at the same position, a missing line counting as different. For a
 * changed value that is the changed line; for a deletion, the line after the deleted one moved up; for a
 * duplicate or a move, the first position whose content is out of place; for a cut, the cut line.
 *
 * Verifying each mutant from scratch would take minutes (10,000 × 1,000 entries). The lines before the
 * first difference are byte for byte the original's, and the verifier's state after them is a pure
 * function of those bytes, so each case resumes from a checkpoint of the original taken after exactly
 * those lines and verifies everything from there to the end of the mutant (or its first failure). Every
 * 50th case is also verified from scratch, and must give the identical verdict.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Base {
  name: string;
  lines: Uint8Array[];
  /** checkpoints[k] = verifier state after lines 0…k−1 of the original. */
  checkpoints: VerifierState[];
}

function prepare(name: string, bytes: Uint8Array): Base {
  const text = decoder.decode(bytes);
  const lines = text
    .slice(0, -1)
    .split('\n')
    .map((line) => encoder.encode(line));
  const state = createVerifierState();
  const checkpoints: VerifierState[] = [structuredClone(state)];
  for (const line of lines) {
    expect(verifyLine(state, line)).toBeUndefined();
    checkpoints.push(structuredClone(state));
  }
  return { name, lines, checkpoints };
}

const plain = sampleLog({ analyses: 1000, rotateAfter: [437], anchor: [2, 6] });
const redacted = sampleLog({ analyses: 1000, anchor: [4], redact: [[5, 6, 7, 12], [640], [998]] });
const bases = [prepare('plain', exportBytes(plain)), prepare('redacted', exportBytes(redacted))];

function joined(lines: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length + 1, 0));
  let pos = 0;
  for (const line of lines) {
    out.set(line, pos);
    out[pos + line.length] = 0x0a;
    pos += line.length + 1;
  }
  return out;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The mutant as whole lines plus an optional unterminated last piece. */
interface Mutant {
  lines: Uint8Array[];
  cut?: Uint8Array;
}

/** 1-based line of the first difference from the original. */
function firstDifference(base: Base, mutant: Mutant): number {
  let k = 0;
  while (k < mutant.lines.length && sameBytes(mutant.lines[k], base.lines[k])) k++;
  return k + 1;
}

function verifyFrom(base: Base, mutant: Mutant, line: number): VerifyVerdict {
  const state = structuredClone(base.checkpoints[line - 1] as VerifierState);
  for (let k = line - 1; k < mutant.lines.length; k++) {
    if (verifyLine(state, mutant.lines[k] as Uint8Array)) return finishVerification(state);
  }
  return finishVerification(state, { cutShort: mutant.cut !== undefined });
}

function mutantBytes(mutant: Mutant): Uint8Array {
  const whole = joined(mutant.lines);
  if (!mutant.cut) return whole;
  const out = new Uint8Array(whole.length + mutant.cut.length);
  out.set(whole);
  out.set(mutant.cut, whole.length);
  return out;
}

type Mutation =
  | { kind: 'value'; line: number; path: number; choice: number; canonical: boolean }
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number; to: number }
  | { kind: 'move'; line: number; to: number }
  | { kind: 'swap'; line: number; to: number }
  | { kind: 'cut'; at: number };

function mutate(base: Base, mutation: Mutation): Mutant | undefined {
  const lines = base.lines.slice();
  const n = lines.length;
  switch (mutation.kind) {
    case 'value': {
      const i = mutation.line % n;
      const value = JSON.parse(decoder.decode(lines[i]));
      const paths = valuePaths(value);
      const path = paths[mutation.path % paths.length] ?? [];
      let target: unknown = value;
      for (const step of path) target = (target as Record<string | number, unknown>)[step];
      const changed = withValue(value, path, otherValue(target, mutation.choice));
      const text = mutation.canonical
        ? canonicalJson(changed)
        : JSON.stringify(changed, null, 1).replace(/\n/g, '');
      const line = encoder.encode(text);
      if (sameBytes(line, lines[i])) return undefined;
      lines[i] = line;
      return { lines };
    }
    case 'delete':
      lines.splice(mutation.line % n, 1);
      return { lines };
    case 'duplicate':
      lines.splice(mutation.to % (n + 1), 0, lines[mutation.line % n] as Uint8Array);
      return { lines };
    case 'move': {
      const [moved] = lines.splice(mutation.line % n, 1);
      lines.splice(mutation.to % n, 0, moved as Uint8Array);
      return { lines };
    }
    case 'swap': {
      const i = mutation.line % n;
      const j = mutation.to % n;
      [lines[i], lines[j]] = [lines[j] as Uint8Array, lines[i] as Uint8Array];
      return { lines };
    }
    case 'cut': {
      const bytes = joined(lines);
      const at = mutation.at % bytes.length;
      const kept = bytes.subarray(0, at);
      const lastNewline = kept.lastIndexOf(0x0a);
      const whole = lastNewline < 0 ? [] : decoder.decode(kept.subarray(0, lastNewline)).split('\n');
      const cut = kept.subarray(lastNewline + 1);
      return { lines: whole.map((l) => encoder.encode(l)), ...(cut.length > 0 ? { cut } : {}) };
    }
  }
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('value' as const),
      line: fc.nat(),
      path: fc.nat(),
      choice: fc.nat(),
      canonical: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat(), to: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), line: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
);

describe('tampering with an export of 1,000 entries', () => {
  it.each(bases.map((b) => [b.name, b] as const))('the untouched %s export verifies', (_, base) => {
    const verdict = verifyExportLines(joined(base.lines));
    expect(verdict).toMatchObject({ ok: true, entries: base.name === 'plain' ? 1004 : 1005 });
  });

  it('the redacted export counts its redactions', () => {
    expect(verifyExportLines(joined(bases[1]?.lines ?? []))).toMatchObject({
      ok: true,
      redacted: 6,
      redactions: 3,
    });
  });

  it('any single change fails on the right line (10,000 cases)', () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.nat(bases.length - 1), mutationArb, (b, mutation) => {
        const base = bases[b] as Base;
        const mutant = mutate(base, mutation);
        fc.pre(
          mutant !== undefined &&
            (mutant.lines.length !== base.lines.length ||
              mutant.cut !== undefined ||
              firstDifference(base, mutant) <= base.lines.length),
        );
        const m = mutant as Mutant;
        const line = firstDifference(base, m);
        const verdict = verifyFrom(base, m, line);
        expect(verdict.ok, `${JSON.stringify(mutation)} passed`).toBe(false);
        if (!verdict.ok) expect(verdict.line, `${JSON.stringify(mutation)}: ${verdict.reason}`).toBe(line);
        if (++cases % 50 === 0) expect(verifyExportLines(mutantBytes(m))).toEqual(verdict);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
