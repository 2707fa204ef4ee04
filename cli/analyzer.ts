import type { AnalysisResult, AnalyzeInput } from '../wasm-core/types.ts';
import { CliError, EXIT_INTERNAL } from './exit-codes.ts';

/** What the commands need of the analyzer (wasm-core/analyzer.ts). */
export interface ReplyAnalyzer {
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  analyzeMany?(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]>;
}

/** Batches keep the progress bar moving while letting a batching analyzer run the model over many rows at once. */
const BATCH_SIZE = 64;

/**
 * The on-disk analyzer: WASM core, lexicon and model. Failing to load it is not the user's input's fault,
 * so it maps to EXIT_INTERNAL with a hint about building the missing parts.
 */
export async function loadAnalyzer(): Promise<ReplyAnalyzer> {
  try {
    const { createNodeAnalyzer } = await import('../wasm-core/node.ts');
    return await createNodeAnalyzer();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `cannot load the analyzer (${reason}). It needs build/wasm/core.wasm ("npm run build:wasm"), models/lexicon/core-en.json and models/technique-model.onnx/.json.`,
      EXIT_INTERNAL,
    );
  }
}

/** Analyse every input in order, reporting progress after each batch. */
export async function analyzeAll(
  analyzer: ReplyAnalyzer,
  inputs: readonly AnalyzeInput[],
  onProgress: (done: number) => void = () => {},
): Promise<AnalysisResult[]> {
  const results: AnalysisResult[] = [];
  for (let start = 0; start < inputs.length; start += BATCH_SIZE) {
    const batch = inputs.slice(start, start + BATCH_SIZE);
    if (analyzer.analyzeMany) results.push(...(await analyzer.analyzeMany(batch)));
    else for (const input of batch) results.push(await analyzer.analyze(input));
    onProgress(batch.length);
  }
  return results;
}
