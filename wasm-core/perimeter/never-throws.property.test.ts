import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_LENGTH, type WasmCore } from '../core.ts';
import { FEATURE_DIM } from '../features-spec.ts';
import { validateLexiconPack } from '../lexicon-pack.ts';
import { loadCoreFromDisk, REPO_ROOT } from '../node.ts';

/*
 * The perimeter must hold on anything a page can contain: arbitrary Unicode (lone surrogates included) up to
 * 1 MB never makes the core throw, every span lies inside the analysed text, and inputs over the size bound
 * are cut and say so. It must also stay linear: adversarial inputs may not cost much more per unit than
 * ordinary prose. That is checked as a ratio against prose timed in the same test (never a fixed number of
 * milliseconds, which would depend on the machine).
 */

const ONE_MB = 1 << 20;

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
  const pack = (name: string) =>
    validateLexiconPack(JSON.parse(readFileSync(join(REPO_ROOT, 'models/lexicon', name), 'utf8')));
  core.loadLexicons([pack('core-en.json'), pack('context-en.json')]);
});

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const motif = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: codeUnit, maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom('a', 'c', 't', 'n', 'o', 'w', ' ', '.', '1', '|', "'", '\u200B', 'а'),
    maxLength: 80,
  }),
);
/** Strings from empty to 1 MB: a drawn motif repeated (and cut) to a drawn length, or several motifs joined. */
const anyText = fc.oneof(
  motif,
  fc.array(motif, { maxLength: 20 }).map((parts) => parts.join('')),
  fc
    .tuple(
      motif,
      fc.oneof(
        fc.integer({ min: 1, max: MAX_INPUT_LENGTH }),
        fc.integer({ min: MAX_INPUT_LENGTH - 2, max: ONE_MB }),
      ),
    )
    .map(([unit, length]) =>
      unit.length === 0 ? '' : unit.repeat(Math.ceil(length / unit.length)).slice(0, length),
    ),
);

function checkSpans(text: string, analysed: number, spans: readonly { start: number; end: number }[]): void {
  for (const { start, end } of spans) {
    expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(Math.min(text.length, analysed));
  }
}

describe('perimeter: never throws', () => {
  it('analyses any Unicode string up to 1 MB: spans inside, truncated iff over the bound', () => {
    let longest = 0;
    let overBound = 0;
    fc.assert(
      fc.property(anyText, (text) => {
        longest = Math.max(longest, text.length);
        if (text.length > MAX_INPUT_LENGTH) overBound++;
        const analysis = core.analyzeText(text);
        const truncated = text.length > MAX_INPUT_LENGTH;
        expect(analysis.truncated).toBe(truncated);
        expect(analysis.analysedLength).toBeLessThanOrEqual(Math.min(text.length, MAX_INPUT_LENGTH));
        expect(analysis.analysedLength).toBeGreaterThanOrEqual(Math.min(text.length, MAX_INPUT_LENGTH) - 1);
        checkSpans(text, analysis.analysedLength, analysis.matches);
        checkSpans(text, analysis.analysedLength, analysis.cues);
        const { indices, values } = analysis.sparseFeatures;
        expect(indices.length).toBe(values.length);
        for (const index of indices) expect(index >= 0 && index < FEATURE_DIM).toBe(true);
        for (const value of values) expect(Number.isFinite(value) && value > 0 && value <= 1).toBe(true);
        const scan = core.scan(text);
        expect(scan.truncated).toBe(truncated);
        expect(scan.matches).toEqual(analysis.matches);
        expect(scan.cues).toEqual(analysis.cues);
      }),
      { numRuns: 300, seed: 0x5eed },
    );
    console.log(`fuzz: 300 inputs, ${overBound} over the bound, longest ${longest} code units`);
    expect(overBound).toBeGreaterThan(10);
    expect(longest).toBeGreaterThan(ONE_MB / 2);
  }, 120_000);
});

/** Microseconds per analysed unit: the best of a few rounds (the least disturbed by other work). */
function costPerUnit(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    const analysis = core.analyzeText(text);
    best = Math.min(best, (performance.now() - start) / Math.max(1, analysis.analysedLength));
  }
  return best;
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

describe('perimeter: linear time', () => {
  it('costs at most a constant factor more per unit on adversarial 1 MB inputs than on prose', () => {
    const prose = repeatTo(
      readFileSync(join(REPO_ROOT, 'models/examples/assistant-replies.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (JSON.parse(line) as { text: string }).text)
        .join('\n\n'),
      ONE_MB,
    );
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const adversarial: Record<string, string> = {
      'a phrase prefix, repeated': repeatTo('you need to decide righ ', ONE_MB),
      'the whole phrase, repeated': repeatTo('act now ', ONE_MB),
      'single letters spaced out': Array.from({ length: ONE_MB / 2 }, (_, i) => letters[(i * 7) % 26]).join(
        ' ',
      ),
      'letters and dots, one spelled word': repeatTo('a.c.t.n.o.w.', ONE_MB),
      'zero-width characters only': '\u200B'.repeat(ONE_MB),
      'strokes that read i or l': `a${repeatTo('1|l1i|', ONE_MB)}`,
      'phrases needing their strokes checked': repeatTo("i'1l m1ss y0u, 1'l| 1 fe3l so a1one. ", ONE_MB),
      'strokes spelled out': `a ${repeatTo('1 l 1 i ', ONE_MB)}`,
      'one endless word': repeatTo('abcdefgh', ONE_MB),
      'a repeated letter': 'o'.repeat(ONE_MB),
      'apostrophes and letters': repeatTo("a'", ONE_MB),
      'mixed scripts in one word': repeatTo('аcтiоn', ONE_MB),
      'lone surrogates': repeatTo('\uD800a\uDC00', ONE_MB),
      'combining marks': repeatTo('a\u0301\u0302\u0303', ONE_MB),
    };
    const base = costPerUnit(prose);
    const ratios = Object.entries(adversarial).map(([name, text]) => {
      expect(core.analyzeText(text).truncated).toBe(true);
      return [name, costPerUnit(text) / base] as const;
    });
    console.log(
      `cost per unit against prose (${(base * 1e6).toFixed(1)} ns):\n${ratios
        .map(([name, ratio]) => `  ${name.padEnd(38)} ${ratio.toFixed(2)}×`)
        .join('\n')}`,
    );
    for (const [name, ratio] of ratios) expect(ratio, name).toBeLessThanOrEqual(8);
  }, 120_000);
});
