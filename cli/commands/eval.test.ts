import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import { CliError } from '../exit-codes.ts';
import { captureIo } from '../test-io.ts';
import { runEval } from './eval.ts';

const sample = fileURLToPath(new URL('../inputs/fixtures/labelled-sample.jsonl', import.meta.url));
const shippedThresholds: Record<TechniqueId, number> = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../models/technique-model.json', import.meta.url)), 'utf8'),
).thresholds;
const dir = mkdtempSync(join(tmpdir(), 'cogfw-eval-'));

describe('cogfw eval (in-process, real analyzer)', () => {
  it('prints exactly { techniques: { T01: { tp, fp, fn, precision, recall, f1, support } … }, macroF1 }', async () => {
    const io = captureIo();
    expect(await runEval(sample, { json: true }, io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(Object.keys(report)).toEqual(['techniques', 'macroF1']);
    // One row has no scope, so every technique is in scope.
    expect(Object.keys(report.techniques)).toEqual([...TECHNIQUE_IDS]);
    for (const metrics of Object.values(report.techniques)) {
      expect(Object.keys(metrics as object).sort()).toEqual([
        'f1',
        'fn',
        'fp',
        'precision',
        'recall',
        'support',
        'tp',
      ]);
    }
    // Lexicon phrases weighted ≥ 0.8 carry T01, T18 and T20; nothing in a weather report is a fear appeal.
    expect(report.techniques.T01).toMatchObject({ tp: 1, fn: 0, support: 1 });
    expect(report.techniques.T18).toMatchObject({ tp: 1, fn: 0, support: 1 });
    expect(report.techniques.T20).toMatchObject({ tp: 1, fn: 0, support: 1 });
    expect(report.techniques.T05).toMatchObject({ tp: 0, fn: 1, support: 1, f1: 0 });
    expect(report.macroF1).toBeGreaterThan(0);
    expect(report.macroF1).toBeLessThan(1);
    expect(io.err()).toBe('');
  });

  it('writes one prediction line per row, predicted exactly where the score passes the shipped threshold', async () => {
    const out = join(dir, 'predictions.jsonl');
    expect(await runEval(sample, { json: true, predictions: out }, captureIo())).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    // Row 2 has no id: its 1-based line number stands in. Line 5 of the file is blank.
    expect(lines.map((l) => l.id)).toEqual(['urgent', 2, 3, 'missed', 'spare']);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'predicted', 'scores']);
      expect(Object.keys(line.scores)).toEqual([...TECHNIQUE_IDS]);
      const passing = TECHNIQUE_IDS.filter((id) => line.scores[id] >= shippedThresholds[id]);
      expect([...line.predicted].sort()).toEqual(passing);
    }
    expect(lines[0].predicted).toContain('T01');
    expect(lines[3].predicted).not.toContain('T05');
  });

  it('prints an aligned table with the macro F1 and the engine', async () => {
    const io = captureIo();
    expect(await runEval(sample, {}, io)).toBe(0);
    const text = io.out();
    expect(text).toMatch(/^Technique +Support +TP +FP +FN +Precision +Recall +F1\n/);
    expect(text).toMatch(/\nT01 Urgency +1 +1 +0 +0 +1\.000 +1\.000 +1\.000\n/);
    expect(text).toMatch(/\nT05 Fear appeal +1 +0 +0 +1 +0\.000 +0\.000 +0\.000\n/);
    expect(text).toMatch(/Macro F1 0\.\d{3} over \d+ techniques with support · 5 rows · lexicon core-en@\d+/);
    const widths = new Set(
      text
        .split('\n\n')[0]
        ?.split('\n')
        .filter((l) => /^T\d\d /.test(l))
        .map((l) => l.length),
    );
    expect(widths.size).toBe(1);
  });

  it.each([
    [0, 0],
    [0.2, 0],
    [1, 1],
  ])('--min-macro-f1 %d exits %i', async (minMacroF1, code) => {
    const io = captureIo();
    expect(await runEval(sample, { minMacroF1 }, io)).toBe(code);
    if (code === 1) expect(io.err()).toMatch(/macro F1 0\.\d{3} is below the required 1\.000/);
  });

  it('refuses a file with malformed rows, naming each by line', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, '{"text": "ok", "labels": []}\n{"text": "x", "labels": ["T99"]}\nnope\n');
    const io = captureIo();
    const run = runEval(path, {}, io);
    await expect(run).rejects.toThrowError(CliError);
    await expect(run).rejects.toMatchObject({
      exitCode: 2,
      message: `${path}: 2 malformed rows (first at line 2); eval needs every row`,
    });
    expect(io.err()).toContain(`${path}:2: "labels" holds unknown technique ids: "T99"`);
    expect(io.err()).toContain(`${path}:3: not valid JSON`);
  });
});
