import { expose } from 'comlink';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import coreWasmUrl from '../../build/wasm/core.wasm?url';
import contextLexicon from '../../models/lexicon/context-en.json';
import lexicon from '../../models/lexicon/core-en.json';
import constitution from '../../models/rules/constitution.json';
import modelMetaUrl from '../../models/technique-model.json?url';
import modelUrl from '../../models/technique-model.onnx?url';
import { createAnalyzer } from '../analyzer.ts';
import { WasmCore } from '../core.ts';
import { validateLexiconPack } from '../lexicon-pack.ts';
import { createAnalysisService } from './analysis-service.ts';

/*
 * The analysis worker (a module Worker started from an extension page, e.g. the offscreen document). All
 * files are bundled with the extension and fetched from its own origin: nothing is downloaded from elsewhere.
 * URLs are resolved against self.location because WXT rewrites import.meta.url.
 */

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(new URL(url, self.location.href));
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function loadAnalyzer() {
  const [coreBytes, modelBytes, modelMeta] = await Promise.all([
    fetchBytes(coreWasmUrl),
    fetchBytes(modelUrl),
    fetchBytes(modelMetaUrl).then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown),
  ]);
  const core = await WasmCore.load(coreBytes);
  return createAnalyzer({
    core,
    lexicon: validateLexiconPack(lexicon),
    contextLexicons: [validateLexiconPack(contextLexicon)],
    constitution,
    model: { bytes: modelBytes, meta: modelMeta },
    ortWasmUrl: new URL(ortWasmUrl, self.location.href).href,
  });
}

expose(createAnalysisService(loadAnalyzer));
