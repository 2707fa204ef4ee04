import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_DIM } from './features-spec.ts';
import { ortWasmDirectory } from './node.ts';
import { TechniqueModelRunner } from './onnx-runner.ts';
import { LEXICON_FEATURE_COUNT } from './scoring/lexicon-features.ts';
import { TECHNIQUE_COUNT } from './taxonomy.ts';
import { buildLinearTechniqueModel, sigmoid } from './testing/tiny-technique-model.ts';

const location = { directory: ortWasmDirectory() };
/** The shipped layout: hashed text features, then lexicon features. */
const WIDTH = FEATURE_DIM + LEXICON_FEATURE_COUNT;

/** Deterministic pseudo-random weights, so expected scores can be computed here. */
function weights(seed: number): Float32Array {
  const w = new Float32Array(WIDTH * TECHNIQUE_COUNT);
  let state = seed;
  for (let i = 0; i < w.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    w[i] = ((state >>> 8) / 0xffffff - 0.5) * 0.2;
  }
  return w;
}

function row(seed: number): Float32Array {
  const r = new Float32Array(WIDTH);
  for (let k = 0; k < 20; k++) r[(seed * 131 + k * 977) % WIDTH] = 0.2 + k / 100;
  return r;
}

function expectedScores(w: Float32Array, b: Float32Array, x: Float32Array): number[] {
  return Array.from({ length: TECHNIQUE_COUNT }, (_, j) => {
    let z = b[j] as number;
    for (let i = 0; i < WIDTH; i++) {
      const xi = x[i] as number;
      if (xi !== 0) z += xi * (w[i * TECHNIQUE_COUNT + j] as number);
    }
    return sigmoid(z);
  });
}

const W = weights(7);
const B = Float32Array.from({ length: TECHNIQUE_COUNT }, (_, j) => (j - 11) / 10);
let runner: TechniqueModelRunner;

beforeAll(async () => {
  runner = await TechniqueModelRunner.create(
    buildLinearTechniqueModel({ weights: W, bias: B, inputDim: WIDTH }),
    WIDTH,
    location,
  );
});

describe('TechniqueModelRunner', () => {
  it('scores each feature row with the model', async () => {
    const rows = [row(1), row(2), new Float32Array(WIDTH)];
    const scores = await runner.score(rows);
    expect(scores).toHaveLength(3);
    rows.forEach((x, i) => {
      const got = [...(scores[i] as Float32Array)];
      expectedScores(W, B, x).forEach((value, j) => {
        expect(got[j]).toBeCloseTo(value, 5);
      });
    });
  });

  it('splits large batches and keeps the order', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i));
    const scores = await runner.score(rows);
    expect(scores).toHaveLength(300);
    const single = await runner.score([rows[299] as Float32Array]);
    expect([...(scores[299] as Float32Array)]).toEqual([...(single[0] as Float32Array)]);
  });

  it('runs concurrent calls one after another', async () => {
    const results = await Promise.all([
      runner.score([row(3)]),
      runner.score([row(4)]),
      runner.score([row(3)]),
    ]);
    const [first, , third] = results.map((scores) => [...(scores[0] ?? [])]);
    expect(first).toHaveLength(TECHNIQUE_COUNT);
    expect(third).toEqual(first);
  });

  it('rejects rows of the wrong length', async () => {
    await expect(runner.score([new Float32Array(10)])).rejects.toThrow(
      `feature row 0 has 10 values, not ${WIDTH}`,
    );
  });

  it('refuses a model without the "features" input', async () => {
    const model = buildLinearTechniqueModel({ weights: W, bias: B, inputName: 'x', inputDim: WIDTH });
    await expect(TechniqueModelRunner.create(model, WIDTH, location)).rejects.toThrow(
      'technique model must take "features" and give "scores"',
    );
  });

  it('refuses a model whose input width differs from what its metadata promises', async () => {
    const model = buildLinearTechniqueModel({ weights: W, bias: B, inputDim: WIDTH });
    await expect(TechniqueModelRunner.create(model, FEATURE_DIM, location)).rejects.toThrow(
      `technique model reads ${WIDTH} features per row, its metadata says ${FEATURE_DIM}`,
    );
  });

  it('rejects output of the wrong width when run', async () => {
    const narrow = await TechniqueModelRunner.create(
      buildLinearTechniqueModel({
        weights: new Float32Array(WIDTH * 21),
        bias: new Float32Array(21),
        outputs: 21,
        inputDim: WIDTH,
      }),
      WIDTH,
      location,
    );
    await expect(narrow.score([row(1)])).rejects.toThrow('gives 21 scores per row, not 22');
    await narrow.release();
  });
});
