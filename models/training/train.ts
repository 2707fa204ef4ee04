import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../../wasm-core/analyzer.ts';
import { FEATURE_DIM, FEATURE_VERSION } from '../../wasm-core/features-spec.ts';
import {
  DEFAULT_PATHS,
  loadCoreFromDisk,
  ortWasmDirectory,
  readLexiconFromDisk,
} from '../../wasm-core/node.ts';
import { analyzeAll, finalScoreVector } from './analyzer-scoring.ts';
import { REPO_ROOT } from './dataset-files.ts';
import { mapDatasets } from './mapped-datasets.ts';
import { type FinalScorer, trainTechniqueModel } from './technique-model-training.ts';
import { TRAINING_CONFIG } from './training-config.ts';

// npm run train            → retrain and write models/technique-model.{onnx,json}
// npm run train -- --check → retrain and exit 1 unless the result equals the committed files byte for byte
const check = process.argv.includes('--check');
const onnxPath = join(REPO_ROOT, 'models/technique-model.onnx');
const jsonPath = join(REPO_ROOT, 'models/technique-model.json');

const started = performance.now();
const mapped = mapDatasets();
if (!mapped) {
  console.error(
    'No third-party datasets at ../shared/datasets (relative to the repository root): cannot train.',
  );
  process.exit(1);
}
if (mapped.missing.length > 0) console.warn(`Not found, training without them: ${mapped.missing.join(', ')}`);

const lexicon = await readLexiconFromDisk();
const finalScores: FinalScorer = async (onnx, texts) => {
  const analyzer = await createAnalyzer({
    core: await loadCoreFromDisk(),
    lexicon,
    model: {
      bytes: onnx,
      // Thresholds are what is being chosen: none yet, the final scores do not depend on them.
      meta: {
        id: 'tech-hash',
        version: 1,
        featureDim: FEATURE_DIM,
        featureVersion: FEATURE_VERSION,
        thresholds: {},
      },
    },
    ortWasmDirectory: ortWasmDirectory(),
  });
  return (await analyzeAll(analyzer, texts)).map(finalScoreVector);
};

const result = await trainTechniqueModel({
  mapped,
  featurizer: await loadCoreFromDisk(),
  finalScores,
  featureDim: FEATURE_DIM,
  featureVersion: FEATURE_VERSION,
  digestInputs: [readFileSync(DEFAULT_PATHS.lexicon, 'utf8')],
  config: TRAINING_CONFIG,
  log: (line) => console.log(line),
});
console.log(`training took ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (check) {
  const same = (path: string, bytes: Uint8Array) =>
    existsSync(path) && Buffer.from(bytes).equals(readFileSync(path));
  const differing = [
    ...(same(onnxPath, result.onnx) ? [] : ['models/technique-model.onnx']),
    ...(same(jsonPath, new TextEncoder().encode(result.json)) ? [] : ['models/technique-model.json']),
  ];
  if (differing.length > 0) {
    console.error(`Retraining does not reproduce ${differing.join(' and ')}.`);
    process.exit(1);
  }
  console.log('Retraining reproduces the committed model files byte for byte.');
} else {
  writeFileSync(onnxPath, result.onnx);
  writeFileSync(jsonPath, result.json);
  console.log(`wrote ${onnxPath} (${result.onnx.length} bytes) and ${jsonPath}`);
}
