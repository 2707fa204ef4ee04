import type { Analyzer } from '../analyzer.ts';
import { noJudgement } from '../constitution/reply-judgement.ts';
import { noContext } from '../context/contextual-layer.ts';
import { MAX_INPUT_LENGTH } from '../core.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { AnalysisResult, AnalyzeInput } from '../types.ts';
import type { AnalysisApi } from './analysis-api.ts';

function failed(input: AnalyzeInput, error: string): AnalysisResult {
  const length = typeof input?.text === 'string' ? input.text.length : 0;
  return {
    engine: 'unavailable',
    length,
    truncated: length > MAX_INPUT_LENGTH,
    findings: [],
    scores: Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>,
    risk: 0,
    level: 'none',
    ...noContext(),
    ...noJudgement(),
    error,
  };
}

/**
 * The worker's API over an analyzer that is still loading. Loading starts at once; calls wait for it. If
 * loading fails, every call resolves to an empty result naming the load error (the worker stays up, so the
 * caller sees why instead of a dead channel).
 */
export function createAnalysisService(load: () => Promise<Analyzer>): AnalysisApi {
  const loading: Promise<{ analyzer: Analyzer } | { error: string }> = load().then(
    (analyzer) => ({ analyzer }),
    (error: unknown) => ({
      error: `analysis engine failed to load: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  return {
    async analyze(input) {
      const state = await loading;
      return 'analyzer' in state ? state.analyzer.analyze(input) : failed(input, state.error);
    },
    async analyzeMany(inputs) {
      const state = await loading;
      if (!Array.isArray(inputs)) return [];
      return 'analyzer' in state
        ? state.analyzer.analyzeMany(inputs)
        : inputs.map((input) => failed(input, state.error));
    },
    async status() {
      const state = await loading;
      return 'analyzer' in state
        ? { ready: true, engine: state.analyzer.engine }
        : { ready: false, error: state.error };
    },
  };
}
