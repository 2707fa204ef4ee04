import type { Analyzer } from '../../wasm-core/analyzer.ts';
import type { AnalysisResult } from '../../wasm-core/types.ts';

/** Texts per analyzeMany call: one ONNX batch each, bounded memory. */
const BATCH = 256;

/**
 * Runs the analyzer over many texts in batches. An analysis that failed is an error here, not an empty
 * result: a measurement over silently empty results would be wrong.
 */
export async function analyzeAll(analyzer: Analyzer, texts: readonly string[]): Promise<AnalysisResult[]> {
  const results: AnalysisResult[] = [];
  for (let from = 0; from < texts.length; from += BATCH) {
    const batch = await analyzer.analyzeMany(texts.slice(from, from + BATCH).map((text) => ({ text })));
    for (const result of batch) {
      if (result.error) throw new Error(`analysis failed: ${result.error}`);
      results.push(result);
    }
  }
  return results;
}
