import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Analyzer, createAnalyzer } from './analyzer.ts';
import { WasmCore } from './core.ts';
import { type LexiconPack, validateLexiconPack } from './lexicon-pack.ts';

/** The repository root, from this file's location (wasm-core/node.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export const DEFAULT_PATHS = {
  wasm: join(REPO_ROOT, 'build/wasm/core.wasm'),
  lexicon: join(REPO_ROOT, 'models/lexicon/core-en.json'),
  contextLexicon: join(REPO_ROOT, 'models/lexicon/context-en.json'),
  model: join(REPO_ROOT, 'models/technique-model.onnx'),
  modelMeta: join(REPO_ROOT, 'models/technique-model.json'),
  constitution: join(REPO_ROOT, 'models/rules/constitution.json'),
} as const;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function shown(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${shown(path)} is not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
}

/** onnxruntime-web's dist/ directory as a file URL, where its WASM binaries live. */
export function ortWasmDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-web');
  return pathToFileURL(`${dirname(entry)}/`).href;
}

export async function loadCoreFromDisk(wasmPath: string = DEFAULT_PATHS.wasm): Promise<WasmCore> {
  if (!(await exists(wasmPath))) {
    throw new Error(`${shown(wasmPath)} is missing: run npm run build:wasm`);
  }
  return WasmCore.load(await readFile(wasmPath));
}

export async function readLexiconFromDisk(path: string = DEFAULT_PATHS.lexicon): Promise<LexiconPack> {
  if (!(await exists(path))) throw new Error(`lexicon pack ${shown(path)} is missing`);
  return validateLexiconPack(await readJson(path));
}

/** The shipped constitution as read (the analyzer validates it). */
export async function readConstitutionFromDisk(path: string = DEFAULT_PATHS.constitution): Promise<unknown> {
  if (!(await exists(path))) throw new Error(`rule pack ${shown(path)} is missing`);
  return readJson(path);
}

export interface NodeAnalyzerOptions {
  /** false: analyse with the lexicon alone, without reading the model files. Default true. */
  model?: boolean;
  wasmPath?: string;
  lexiconPath?: string;
  /** The contextual layer's cue pack (user-vulnerability signals). */
  contextLexiconPath?: string;
  modelPath?: string;
  modelMetaPath?: string;
  /** The shipped constitution (models/rules/constitution.json). */
  constitutionPath?: string;
}

/** The analyzer over the files in this repository (or the paths given). */
export async function createNodeAnalyzer(options: NodeAnalyzerOptions = {}): Promise<Analyzer> {
  const core = await loadCoreFromDisk(options.wasmPath);
  const lexicon = await readLexiconFromDisk(options.lexiconPath);
  const contextLexicons = [
    await readLexiconFromDisk(options.contextLexiconPath ?? DEFAULT_PATHS.contextLexicon),
  ];
  const constitution = await readConstitutionFromDisk(options.constitutionPath);
  if (options.model === false) return createAnalyzer({ core, lexicon, contextLexicons, constitution });
  const modelPath = options.modelPath ?? DEFAULT_PATHS.model;
  const metaPath = options.modelMetaPath ?? DEFAULT_PATHS.modelMeta;
  for (const path of [modelPath, metaPath]) {
    if (!(await exists(path))) {
      throw new Error(
        `${shown(path)} is missing: run npm run train (or pass { model: false } to analyse with the lexicon alone)`,
      );
    }
  }
  const [bytes, meta] = await Promise.all([readFile(modelPath), readJson(metaPath)]);
  return createAnalyzer({
    core,
    lexicon,
    contextLexicons,
    constitution,
    model: { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), meta },
    ortWasmDirectory: ortWasmDirectory(),
  });
}
