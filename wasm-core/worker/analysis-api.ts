import type { AnalysisResult, AnalyzeInput } from '../types.ts';

/**
 * What the analysis worker exposes through comlink. The extension's offscreen document does
 * `const api = wrap<AnalysisApi>(new AnalysisWorker())` with
 * `import AnalysisWorker from '…/wasm-core/worker/analysis-worker.ts?worker'`.
 * Every method resolves, never rejects: failures come back as results carrying `error`.
 */
export interface AnalysisApi {
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  analyzeMany(inputs: AnalyzeInput[]): Promise<AnalysisResult[]>;
  /** The detector's name once loaded, e.g. "lexicon core-en@1 + model tech-hash@1", or the load error. */
  status(): Promise<{ ready: true; engine: string } | { ready: false; error: string }>;
}
