import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_DIM, FEATURE_VERSION } from '../../wasm-core/features-spec.ts';
import { createNodeAnalyzer } from '../../wasm-core/node.ts';
import { LEXICON_FEATURE_COUNT } from '../../wasm-core/scoring/lexicon-features.ts';
import { analyzeAll } from './analyzer-scoring.ts';
import { crossSetTransfer } from './cross-set-transfer.ts';
import { REPO_ROOT } from './dataset-files.ts';
import { mapDatasets } from './mapped-datasets.ts';
import { type AnalyzerRun, trainTechniqueModel } from './technique-model-training.ts';
import { TRAINING_CONFIG } from './training-config.ts';

// npm run train               → retrain and write models/technique-model.{onnx,json}
// npm run train -- --check    → retrain and exit 1 unless the result equals the committed files byte for byte
// npm run train -- --transfer → also refit without each training set in turn and score that set (not written)
const check = process.argv.includes('--check');
const transfer = process.argv.includes('--transfer');
const onnxPath = join(REPO_ROOT, 'models/technique-model.onnx');
const jsonPath = join(REPO_ROOT, 'models/technique-model.json');
const lexiconDir = join(REPO_ROOT, 'models/lexicon');

const started = performance.now();
const mapped = mapDatasets();
if (!mapped) {
  console.error(
    'No third-party datasets at ../shared/datasets (relative to the repository root): cannot train.',
  );
  process.exit(1);
}
if (mapped.missing.length > 0) console.warn(`Not found, training without them: ${mapped.missing.join(', ')}`);

// The analyzer exactly as cogfw and the extension load it; without a model it still prepares the model's
// input, which does not depend on the model.
const preparer = await createNodeAnalyzer({ model: false });
const analyzerRun: AnalyzerRun = async (onnx, metaJson, texts) => {
  const dir = mkdtempSync(join(tmpdir(), 'cogfw-train-'));
  try {
    writeFileSync(join(dir, 'model.onnx'), onnx);
    writeFileSync(join(dir, 'model.json'), metaJson);
    const analyzer = await createNodeAnalyzer({
      modelPath: join(dir, 'model.onnx'),
      modelMetaPath: join(dir, 'model.json'),
    });
    return await analyzeAll(analyzer, texts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
// Every lexicon pack the analyzer may load: changing one changes the model's input.
const lexiconSources = readdirSync(lexiconDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => `${name}\n${readFileSync(join(lexiconDir, name), 'utf8')}`);

const result = await trainTechniqueModel({
  mapped,
  preparer,
  analyzerRun,
  featureDim: FEATURE_DIM,
  featureVersion: FEATURE_VERSION,
  digestInputs: lexiconSources,
  config: TRAINING_CONFIG,
  log: (line) => console.log(line),
});
console.log(`training took ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (transfer) {
  const transferStart = performance.now();
  const sets = [...new Set(result.rows.map((r) => r.set))];
  crossSetTransfer(
    result.rows,
    result.detector,
    sets,
    FEATURE_DIM + LEXICON_FEATURE_COUNT,
    TRAINING_CONFIG,
    (line) => console.log(line),
  );
  console.log(`cross-set transfer took ${((performance.now() - transferStart) / 1000).toFixed(1)} s`);
}

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
