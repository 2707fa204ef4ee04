import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer, mergeSpans, riskLevel } from './analyzer.ts';
import { MAX_INPUT_LENGTH, type WasmCore } from './core.ts';
import { FEATURE_DIM } from './features-spec.ts';
import type { LexiconPack } from './lexicon-pack.ts';
import { currentLexiconFeatureLayout, type TechniqueModelMeta } from './model-meta.ts';
import { loadCoreFromDisk, ortWasmDirectory } from './node.ts';
import { calibratedScore, MODEL_LOGIT_FLOOR, type TechniqueCalibration } from './scoring/calibration.ts';
import { LEXICON_FEATURE_COUNT, LEXICON_FEATURE_NAMES } from './scoring/lexicon-features.ts';
import { MODEL_FULL_TRUST_WORDS, wordCount } from './scoring/model-gate.ts';
import { TECHNIQUE_COUNT, TECHNIQUE_IDS, type TechniqueId, techniqueIndex } from './taxonomy.ts';
import { featureIndex } from './testing/feature-reference.ts';
import { buildLinearTechniqueModel, logit, sigmoid } from './testing/tiny-technique-model.ts';
import type { AnalyzeInput } from './types.ts';

const lexicon: LexiconPack = {
  id: 'analyzer-test',
  version: 3,
  language: 'en',
  techniques: {
    T01: [
      { phrase: 'act now', weight: 0.8 },
      { phrase: 'now', weight: 0.3 },
    ],
    T02: [{ phrase: 'only', weight: 0.4 }],
    T07: [{ phrase: 'brilliant', weight: 0.5 }],
  },
};

const INPUT_DIM = FEATURE_DIM + LEXICON_FEATURE_COUNT;

/**
 * Calibration: final = sigmoid(e(l) + logit(m)) for most techniques, i.e. the odds of lexicon and model
 * multiply; T01 and T02 weigh the lexicon twice.
 */
const calibration = Object.fromEntries(
  TECHNIQUE_IDS.map((id): [TechniqueId, TechniqueCalibration] => [
    id,
    { lexicon: id === 'T01' || id === 'T02' ? 2 : 1, model: 1, bias: 0 },
  ]),
) as Record<TechniqueId, TechniqueCalibration>;

const meta: TechniqueModelMeta = {
  id: 'tiny',
  version: 2,
  featureDim: FEATURE_DIM,
  lexiconFeatures: currentLexiconFeatureLayout(),
  inputDim: INPUT_DIM,
  calibration: { techniques: calibration },
  thresholds: { T07: 0.6, T10: 0.7 },
};

/**
 * A linear model with chosen weights: every technique sits at 0.1 except T02 at 0.3; the word "brilliant"
 * pushes T07 up, the word "alone" pushes T10 up, and the lexicon feature "T01.score" pushes T13 up, so the
 * expected scores follow from the features.
 */
const BRILLIANT = featureIndex('w:brilliant');
const ALONE = featureIndex('w:alone');
const T01_SCORE = FEATURE_DIM + LEXICON_FEATURE_NAMES.indexOf('T01.score');
function tinyModel(): Uint8Array {
  const weights = new Float32Array(INPUT_DIM * TECHNIQUE_COUNT);
  weights[BRILLIANT * TECHNIQUE_COUNT + techniqueIndex('T07')] = 16;
  weights[ALONE * TECHNIQUE_COUNT + techniqueIndex('T10')] = 40;
  weights[T01_SCORE * TECHNIQUE_COUNT + techniqueIndex('T13')] = 5;
  const bias = new Float32Array(TECHNIQUE_COUNT).fill(logit(0.1));
  bias[techniqueIndex('T02')] = logit(0.3);
  return buildLinearTechniqueModel({ weights, bias, inputDim: INPUT_DIM });
}

let core: WasmCore;
let withModel: Analyzer;
let lexiconOnly: Analyzer;

beforeAll(async () => {
  core = await loadCoreFromDisk();
  withModel = await createAnalyzer({
    core,
    lexicon,
    model: { bytes: tinyModel(), meta },
    ortWasmDirectory: ortWasmDirectory(),
  });
  lexiconOnly = await createAnalyzer({ core: await loadCoreFromDisk(), lexicon });
});

/** The model gate of a reply with no matched phrase: its share of the full-trust length. */
function lengthGate(text: string): number {
  return Math.min(1, wordCount(text) / MODEL_FULL_TRUST_WORDS);
}

function modelScore(text: string, technique: TechniqueId): number {
  const features = core.features(text);
  if (technique === 'T07') return sigmoid(logit(0.1) + 16 * (features[BRILLIANT] as number));
  if (technique === 'T10') return sigmoid(logit(0.1) + 40 * (features[ALONE] as number));
  return technique === 'T02' ? 0.3 : 0.1;
}

describe('analyzer on the lexicon alone', () => {
  it('names its engine', () => {
    expect(lexiconOnly.engine).toBe('lexicon analyzer-test@3');
    expect(withModel.engine).toBe('lexicon analyzer-test@3 + model tiny@2');
  });

  it('scores a technique as 1 − Π(1 − weight) over distinct phrases, with merged spans', async () => {
    const text = 'You must act now, now, NOW!';
    const result = await lexiconOnly.analyze({ text });
    expect(result.error).toBeUndefined();
    expect(result.findings).toEqual([
      {
        technique: 'T01',
        score: expect.closeTo(1 - 0.2 * 0.7, 9),
        lexiconScore: expect.closeTo(0.86, 9),
        modelScore: 0,
        spans: [
          { start: 9, end: 16 },
          { start: 18, end: 21 },
          { start: 23, end: 26 },
        ],
        sources: ['lexicon'],
      },
    ]);
    expect(result.risk).toBeCloseTo(0.86, 9);
    expect(result.level).toBe('high');
    expect(result.length).toBe(text.length);
    expect(result.truncated).toBe(false);
  });

  it('keeps techniques under the threshold as scores, not findings', async () => {
    const result = await lexiconOnly.analyze({ text: 'Only this, only that.' });
    expect(result.findings).toEqual([]);
    expect(result.scores.T02).toBeCloseTo(0.4, 9);
    expect(result.scores.T01).toBe(0);
    expect(Object.keys(result.scores)).toHaveLength(TECHNIQUE_COUNT);
    expect(result.risk).toBe(0);
    expect(result.level).toBe('none');
  });
});

describe('analyzer with the model', () => {
  it('combines lexicon and model through the calibration in the metadata', async () => {
    const text = 'You are brilliant.';
    const result = await withModel.analyze({ text });
    const m = modelScore(text, 'T07');
    expect(m).toBeGreaterThan(0.6);
    const finding = result.findings.find((f) => f.technique === 'T07');
    expect(finding?.lexiconScore).toBeCloseTo(0.5, 9);
    expect(finding?.modelScore).toBeCloseTo(m, 5);
    // sigmoid(−ln(1 − 0.5) + gate · logit(m)): the lexicon doubles the odds; the model, on a three-word
    // reply, counts for a quarter of its log-odds (scoring/model-gate.ts).
    expect(finding?.score).toBeCloseTo(sigmoid(Math.log(2) + lengthGate(text) * logit(m)), 5);
    expect(finding?.sources).toEqual(['lexicon', 'model']);
    expect(finding?.spans).toEqual([{ start: 8, end: 17 }]);
    // The model's 0.1 (log-odds −2.2) argues against T03 only down to the floor.
    expect(result.scores.T03).toBeCloseTo(sigmoid(MODEL_LOGIT_FLOOR), 5);
  });

  it('feeds the lexicon features to the model', async () => {
    const text = 'Act now.';
    const result = await withModel.analyze({ text });
    const l = result.findings.find((f) => f.technique === 'T01')?.lexiconScore ?? 0;
    expect(l).toBeCloseTo(0.86, 9);
    // T13 has no phrase in the pack: only its model score moves, through the "T01.score" input.
    expect(result.scores.T13).toBeCloseTo(sigmoid(lengthGate(text) * (logit(0.1) + 5 * l)), 5);
    // The model's 0.1 (log-odds −2.2) argues against T03 only down to the floor.
    expect(result.scores.T03).toBeCloseTo(sigmoid(MODEL_LOGIT_FLOOR), 5);
  });

  it('prepares exactly the evidence and model input it analyses with', async () => {
    const text = 'Act now, you brilliant person.';
    const prepared = withModel.prepare({ text });
    expect(prepared.modelInput).toHaveLength(INPUT_DIM);
    expect([...prepared.modelInput.slice(0, FEATURE_DIM)]).toEqual([...core.features(text)]);
    const result = await withModel.analyze({ text });
    for (const finding of result.findings) {
      expect(prepared.lexiconScores[techniqueIndex(finding.technique)]).toBeCloseTo(finding.lexiconScore, 12);
    }
    expect(prepared.modelInput[T01_SCORE]).toBeCloseTo(prepared.lexiconScores[0] ?? -1, 6);
    expect(() => withModel.prepare({ text: 7 as unknown as string })).toThrow('input.text must be a string');
  });

  it('reports model-only findings without spans', async () => {
    const text = 'Stay here. You are alone without me.';
    const result = await withModel.analyze({ text });
    const finding = result.findings.find((f) => f.technique === 'T10');
    expect(finding).toMatchObject({ spans: [], sources: ['model'], lexiconScore: 0 });
    expect(finding?.score).toBeCloseTo(sigmoid(lengthGate(text) * logit(modelScore(text, 'T10'))), 5);
  });

  it("lets a short reply's model opinion count only in proportion to its length", async () => {
    const short = 'You are alone without me.';
    const long = `${short} Here is the list of documents for the application form, in the order the office asks.`;
    expect(lengthGate(short)).toBeCloseTo(5 / MODEL_FULL_TRUST_WORDS, 9);
    expect(lengthGate(long)).toBe(1);
    const shortScore = (await withModel.analyze({ text: short })).scores.T10;
    expect(shortScore).toBeCloseTo(sigmoid(lengthGate(short) * logit(modelScore(short, 'T10'))), 5);
    const longScore = (await withModel.analyze({ text: long })).scores.T10;
    expect(longScore).toBeCloseTo(modelScore(long, 'T10'), 5);
  });

  it('credits the model only when it leans towards the technique', async () => {
    const result = await withModel.analyze({ text: 'This is the only way.' });
    const finding = result.findings.find((f) => f.technique === 'T02');
    // (1 / 0.6)² · 0.3 / 0.7 ≈ 1.19: odds above 1, so the default bar of 0.5 is passed.
    expect(finding?.score).toBeCloseTo(calibratedScore({ lexicon: 2, model: 1, bias: 0 }, 0.4, 0.3), 5);
    expect(finding?.score).toBeGreaterThan(0.5);
    expect(finding?.sources).toEqual(['lexicon']);
  });

  it('orders findings by score and sets risk and level from the top one', async () => {
    const result = await withModel.analyze({ text: 'Act now: the only brilliant offer.' });
    const scores = result.findings.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.risk).toBe(scores[0]);
    expect(result.level).toBe(riskLevel(result.risk, scores.length));
  });

  it('gives analyzeMany the same results as analyze, in order', async () => {
    const inputs: AnalyzeInput[] = [
      { text: 'act now' },
      { text: 'nothing here' },
      { text: 42 as unknown as string },
      { text: 'you are brilliant and alone' },
    ];
    const many = await withModel.analyzeMany(inputs);
    const single = await Promise.all(inputs.map((input) => withModel.analyze(input)));
    expect(many).toHaveLength(4);
    many.forEach((result, i) => {
      expect(result.error).toEqual(single[i]?.error);
      expect(result.findings.map((f) => f.technique)).toEqual(single[i]?.findings.map((f) => f.technique));
      for (const finding of result.findings) {
        const same = single[i]?.findings.find((f) => f.technique === finding.technique);
        expect(finding.score).toBeCloseTo(same?.score ?? -1, 5);
      }
    });
    expect(many[2]?.error).toBe('input.text must be a string');
  });

  it('analyses more inputs than one batch holds, in order', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => ({ text: i % 3 === 0 ? 'act now' : `calm ${i}` }));
    const results = await withModel.analyzeMany(inputs);
    expect(results).toHaveLength(300);
    results.forEach((result, i) => {
      expect(result.findings.some((f) => f.technique === 'T01')).toBe(i % 3 === 0);
    });
  });
});

describe('analyzer robustness', () => {
  it.each<[string, unknown]>([
    ['empty text', { text: '' }],
    ['lone surrogates', { text: '\uD800\uDC00\uDFFF act \uD83D now \uDE00' }],
    ['NUL and controls', { text: `${'\u0000'.repeat(1000)}\u0007act\u0000now` }],
    ['only invisible characters', { text: '\u200B\u200D\uFEFF'.repeat(100) }],
    ['combining marks alone', { text: '\u0301'.repeat(500) }],
  ])('never throws on %s', async (_, input) => {
    for (const analyzer of [withModel, lexiconOnly]) {
      const result = await analyzer.analyze(input as AnalyzeInput);
      expect(result.error).toBeUndefined();
      expect(result.risk).toBeGreaterThanOrEqual(0);
      expect(result.risk).toBeLessThanOrEqual(1);
    }
  });

  it('truncates 300 KB input and says so', async () => {
    const text = `act now ${'lorem ipsum '.repeat(25_000)}`;
    expect(text.length).toBeGreaterThan(300_000);
    const result = await withModel.analyze({ text });
    expect(result.error).toBeUndefined();
    expect(result.truncated).toBe(true);
    expect(result.length).toBe(text.length);
    expect(result.findings.find((f) => f.technique === 'T01')?.spans[0]).toEqual({ start: 0, end: 7 });
  });

  it.each<[string, unknown]>([
    ['a non-string text', { text: 42 }],
    ['null', null],
    ['undefined', undefined],
    ['an object without text', { site: 'chatgpt.com' }],
  ])('returns an empty result with the error for %s', async (_, input) => {
    const result = await withModel.analyze(input as AnalyzeInput);
    expect(result).toMatchObject({ findings: [], risk: 0, level: 'none', truncated: false, length: 0 });
    expect(result.error).toBe('input.text must be a string');
    expect(result.engine).toBe(withModel.engine);
  });

  it('returns an empty result naming the failure when the model breaks at run time', async () => {
    const broken = await createAnalyzer({
      core: await loadCoreFromDisk(),
      lexicon,
      model: {
        bytes: buildLinearTechniqueModel({
          weights: new Float32Array(INPUT_DIM * 21),
          bias: new Float32Array(21),
          outputs: 21,
          inputDim: INPUT_DIM,
        }),
        meta,
      },
      ortWasmDirectory: ortWasmDirectory(),
    });
    const result = await broken.analyze({ text: 'act now' });
    expect(result.findings).toEqual([]);
    expect(result.error).toContain('technique model failed: technique model gives 21 scores per row');
  });

  it('refuses model metadata for another feature format', async () => {
    await expect(
      createAnalyzer({
        core,
        lexicon,
        model: { bytes: tinyModel(), meta: { ...meta, featureDim: 4096 } },
        ortWasmDirectory: ortWasmDirectory(),
      }),
    ).rejects.toThrow('featureDim is 4096, the core computes 8192');
  });

  it('refuses a model whose lexicon features are laid out differently', async () => {
    const names = [...LEXICON_FEATURE_NAMES].reverse();
    await expect(
      createAnalyzer({
        core,
        lexicon,
        model: {
          bytes: tinyModel(),
          meta: { ...meta, lexiconFeatures: { ...meta.lexiconFeatures, names } },
        },
        ortWasmDirectory: ortWasmDirectory(),
      }),
    ).rejects.toThrow('lexiconFeatures.names differ from this code');
  });

  it('analyses the text exactly up to the bound', async () => {
    const text = `${'x '.repeat(MAX_INPUT_LENGTH / 2 - 4)}act now`;
    expect(text.length).toBe(MAX_INPUT_LENGTH - 1);
    const result = await lexiconOnly.analyze({ text });
    expect(result.truncated).toBe(false);
    expect(result.findings[0]?.spans).toEqual([{ start: text.length - 7, end: text.length }]);
  });
});

describe('mergeSpans', () => {
  it.each([
    [[], []],
    [
      [
        { start: 5, end: 9 },
        { start: 0, end: 3 },
      ],
      [
        { start: 0, end: 3 },
        { start: 5, end: 9 },
      ],
    ],
    [
      [
        { start: 0, end: 7 },
        { start: 4, end: 7 },
      ],
      [{ start: 0, end: 7 }],
    ],
    [
      [
        { start: 0, end: 5 },
        { start: 3, end: 9 },
        { start: 9, end: 12 },
      ],
      [
        { start: 0, end: 9 },
        { start: 9, end: 12 },
      ],
    ],
  ])('%j → %j', (spans, expected) => {
    expect(mergeSpans(spans)).toEqual(expected);
  });
});

describe('riskLevel', () => {
  it.each([
    [0, 0, 'none'],
    [0.9, 0, 'none'],
    [0.5, 1, 'low'],
    [0.6, 1, 'medium'],
    [0.79, 2, 'medium'],
    [0.8, 1, 'high'],
    [1, 3, 'high'],
  ])('risk %d with %d findings → %s', (risk, findings, level) => {
    expect(riskLevel(risk, findings)).toBe(level);
  });
});
