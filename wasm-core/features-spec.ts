/**
 * The hashed feature format shared by the WASM core, the model trainer and the ONNX model. The exact recipe is
 * documented in assembly/features.ts; changing anything in it requires a new FEATURE_VERSION and a retrained
 * model. The core refuses to load when its own dimension or version differs from these.
 */
export const FEATURE_DIM = 8192;
export const FEATURE_VERSION = 1;
