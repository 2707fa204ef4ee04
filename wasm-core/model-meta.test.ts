import { describe, expect, it } from 'vitest';
import { FEATURE_DIM } from './features-spec.ts';
import { currentLexiconFeatureLayout, validateModelMeta } from './model-meta.ts';
import { LEXICON_FEATURE_COUNT, LEXICON_FEATURE_NAMES } from './scoring/lexicon-features.ts';
import { TECHNIQUE_IDS } from './taxonomy.ts';

function validMeta(): Record<string, unknown> {
  return {
    id: 'tech-hash',
    version: 2,
    featureDim: FEATURE_DIM,
    featureVersion: 1,
    lexiconFeatures: currentLexiconFeatureLayout(),
    inputDim: FEATURE_DIM + LEXICON_FEATURE_COUNT,
    calibration: {
      method: 'test',
      techniques: Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, { lexicon: 1, model: 0.5, bias: -2 }])),
    },
    thresholds: { T01: 0.6 },
  };
}

type Edit = (meta: Record<string, unknown>) => void;
const calibrationOf = (meta: Record<string, unknown>) =>
  (meta.calibration as { techniques: Record<string, unknown> }).techniques;
const layoutOf = (meta: Record<string, unknown>) => meta.lexiconFeatures as Record<string, unknown>;

describe('validateModelMeta', () => {
  it('accepts metadata in the layout this code computes', () => {
    const meta = validMeta();
    expect(validateModelMeta(meta)).toBe(meta);
  });

  it.each<[string, Edit, string]>([
    ['featureDim of another core', (m) => (m.featureDim = 4096), 'featureDim is 4096, the core computes'],
    ['another feature recipe', (m) => (m.featureVersion = 99), 'featureVersion is 99'],
    ['no lexicon features', (m) => delete m.lexiconFeatures, 'lexiconFeatures must be an object'],
    ['another lexicon-feature version', (m) => (layoutOf(m).version = 7), 'lexiconFeatures.version is 7'],
    [
      'a different number of lexicon features',
      (m) => {
        layoutOf(m).count = 22;
        layoutOf(m).names = LEXICON_FEATURE_NAMES.filter((_, i) => i % 2 === 0);
      },
      'lexiconFeatures.count is 22',
    ],
    [
      'the same names in another order',
      (m) => {
        const names = [...LEXICON_FEATURE_NAMES];
        [names[0], names[1]] = [names[1] as string, names[0] as string];
        layoutOf(m).names = names;
      },
      'lexiconFeatures.names differ from this code\'s layout at 0 ("T01.log1pPhrases", expected "T01.score")',
    ],
    [
      'one name too many',
      (m) => (layoutOf(m).names = [...LEXICON_FEATURE_NAMES, 'T23.score']),
      "lexiconFeatures.names differ from this code's layout at 44",
    ],
    [
      'an input width that does not add up',
      (m) => (m.inputDim = FEATURE_DIM),
      `inputDim is ${FEATURE_DIM}, expected`,
    ],
    [
      'no calibration',
      (m) => delete m.calibration,
      'calibration must be an object with a "techniques" object',
    ],
    [
      'a technique without calibration',
      (m) => delete calibrationOf(m).T07,
      'calibration.techniques.T07 must be an object',
    ],
    [
      'a negative calibration weight',
      (m) => (calibrationOf(m).T03 = { lexicon: 1, model: -0.5, bias: 0 }),
      'calibration.techniques.T03.model must be a finite number ≥ 0',
    ],
    [
      'calibration for an unknown technique',
      (m) => (calibrationOf(m).T99 = { lexicon: 1, model: 1, bias: 0 }),
      'calibration.techniques: unknown technique "T99"',
    ],
    [
      'a threshold above 1',
      (m) => (m.thresholds = { T01: 1.5 }),
      'thresholds.T01 must be a number in [0, 1]',
    ],
    ['a threshold for an unknown technique', (m) => (m.thresholds = { T30: 0.5 }), 'unknown technique "T30"'],
  ])('refuses %s', (_, edit, message) => {
    const meta = validMeta();
    edit(meta);
    expect(() => validateModelMeta(meta)).toThrow(message);
  });

  it('names every problem at once', () => {
    const meta = validMeta();
    meta.inputDim = 1;
    meta.thresholds = { T01: 2 };
    expect(() => validateModelMeta(meta)).toThrow(/inputDim is 1.*; thresholds\.T01/);
  });
});
