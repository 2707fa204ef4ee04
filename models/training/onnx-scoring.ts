import * as ort from 'onnxruntime-web';
import { ONNX_INPUT, ONNX_OUTPUT } from './onnx-export.ts';

/** Runs an exported model in onnxruntime-web, the runtime the extension uses, over dense feature rows. */
export async function scoreWithOnnxRuntime(
  bytes: Uint8Array,
  rows: readonly Float32Array[],
): Promise<Float32Array[]> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const dim = rows[0]?.length ?? 0;
    const input = new Float32Array(rows.length * dim);
    rows.forEach((row, i) => {
      input.set(row, i * dim);
    });
    const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', input, [rows.length, dim]) });
    const output = result[ONNX_OUTPUT];
    if (!output) throw new Error(`model has no output named ${ONNX_OUTPUT}`);
    const data = output.data as Float32Array;
    const classes = output.dims[1] ?? 0;
    return rows.map((_, i) => data.slice(i * classes, (i + 1) * classes));
  } finally {
    await session.release();
  }
}
