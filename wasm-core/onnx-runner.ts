import * as ort from 'onnxruntime-web/wasm';
import { TECHNIQUE_COUNT } from './taxonomy.ts';

/**
 * Where onnxruntime-web finds its WASM binary: in a browser or extension worker the bundled file's URL
 * (`import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url'`); in Node the directory
 * node_modules/onnxruntime-web/dist/ (a path or file URL ending in '/').
 */
export type OrtWasmLocation = { wasmUrl: string } | { directory: string };

/** Rows per ONNX call: bounds the input tensor at 8 MiB. */
const MAX_BATCH_ROWS = 256;

function configureOrt(location: OrtWasmLocation | undefined): void {
  // Extension pages are not cross-origin isolated, so no SharedArrayBuffer and no threads.
  ort.env.wasm.numThreads = 1;
  if (!location) return;
  ort.env.wasm.wasmPaths = 'wasmUrl' in location ? { wasm: location.wasmUrl } : location.directory;
}

/** The declared width of the model's "features" input, or null when the file leaves it symbolic. */
function declaredInputWidth(session: ort.InferenceSession): number | null {
  const input = session.inputMetadata.find((m) => m.name === 'features');
  const width = input?.isTensor ? input.shape[1] : undefined;
  return typeof width === 'number' ? width : null;
}

/**
 * The technique model: input "features" float32 [N, inputDim] (hashed text features followed by lexicon
 * features, see model-meta.ts), output "scores" float32 [N, 22], already sigmoid-ed, techniques in taxonomy
 * order. Calls are queued, one session run at a time.
 */
export class TechniqueModelRunner {
  readonly #session: ort.InferenceSession;
  readonly inputDim: number;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(session: ort.InferenceSession, inputDim: number) {
    this.#session = session;
    this.inputDim = inputDim;
  }

  /** `inputDim`: the row width the model metadata promises; a model file declaring another width is refused. */
  static async create(
    model: Uint8Array,
    inputDim: number,
    location?: OrtWasmLocation,
  ): Promise<TechniqueModelRunner> {
    configureOrt(location);
    const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
    const problem =
      !session.inputNames.includes('features') || !session.outputNames.includes('scores')
        ? `technique model must take "features" and give "scores"; it takes ${session.inputNames.join(', ')} ` +
          `and gives ${session.outputNames.join(', ')}`
        : declaredInputWidth(session) !== null && declaredInputWidth(session) !== inputDim
          ? `technique model reads ${declaredInputWidth(session)} features per row, its metadata says ${inputDim}`
          : null;
    if (problem) {
      await session.release();
      throw new Error(problem);
    }
    return new TechniqueModelRunner(session, inputDim);
  }

  /** Scores for each input row (each inputDim long): one Float32Array of 22 scores per row. */
  score(rows: readonly Float32Array[]): Promise<Float32Array[]> {
    const run = this.#queue.then(() => this.#scoreAll(rows));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #scoreAll(rows: readonly Float32Array[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let from = 0; from < rows.length; from += MAX_BATCH_ROWS) {
      out.push(...(await this.#scoreBatch(rows.slice(from, from + MAX_BATCH_ROWS))));
    }
    return out;
  }

  async #scoreBatch(rows: readonly Float32Array[]): Promise<Float32Array[]> {
    const n = rows.length;
    if (n === 0) return [];
    const width = this.inputDim;
    rows.forEach((row, i) => {
      if (row.length !== width) throw new Error(`feature row ${i} has ${row.length} values, not ${width}`);
    });
    // One row (a reply analysed on its own, the common case) is the tensor as it is; the session only reads it.
    const data = n === 1 ? (rows[0] as Float32Array) : new Float32Array(n * width);
    if (n > 1) {
      rows.forEach((row, i) => {
        data.set(row, i * width);
      });
    }
    const input = new ort.Tensor('float32', data, [n, width]);
    const result = await this.#session.run({ features: input });
    input.dispose();
    const scores = result.scores;
    try {
      if (scores?.type !== 'float32' || scores.dims.length !== 2 || scores.dims[0] !== n) {
        throw new Error(
          `technique model gave ${scores?.type} [${scores?.dims.join(', ')}], not float32 [${n}, 22]`,
        );
      }
      if (scores.dims[1] !== TECHNIQUE_COUNT) {
        throw new Error(`technique model gives ${scores.dims[1]} scores per row, not ${TECHNIQUE_COUNT}`);
      }
      const values = scores.data as Float32Array;
      return Array.from({ length: n }, (_, i) =>
        values.slice(i * TECHNIQUE_COUNT, (i + 1) * TECHNIQUE_COUNT),
      );
    } finally {
      for (const tensor of Object.values(result)) tensor.dispose();
    }
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}
