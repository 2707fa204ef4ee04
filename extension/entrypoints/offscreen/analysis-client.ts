import { type Remote, releaseProxy, wrap } from 'comlink';
import type { AnalysisResult, AnalyzeInput } from '../../../wasm-core/types.ts';
import type { AnalysisApi } from '../../../wasm-core/worker/analysis-api.ts';

/** A reply that takes longer than this is treated as a stuck worker; cold start (WASM + model) is well under. */
export const ANALYSIS_TIMEOUT_MS = 30_000;

/**
 * The analysis worker behind comlink. A worker that fails to start or dies would leave comlink's calls
 * pending for ever; instead the call fails, the worker is dropped, and the next reply starts a fresh one.
 */
export function createAnalysisClient(startWorker: () => Worker) {
  let current: { worker: Worker; api: Remote<AnalysisApi>; failed: Promise<never> } | undefined;

  function start() {
    const worker = startWorker();
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) =>
        reject(new Error(`analysis worker failed: ${event.message}`)),
      );
      worker.addEventListener('messageerror', () =>
        reject(new Error('analysis worker sent an unreadable message')),
      );
    });
    failed.catch(() => undefined);
    return { worker, api: wrap<AnalysisApi>(worker), failed };
  }

  function stop() {
    if (!current) return;
    current.api[releaseProxy]();
    current.worker.terminate();
    current = undefined;
  }

  return {
    async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
      current ??= start();
      const { api, failed } = current;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('analysis timed out')), ANALYSIS_TIMEOUT_MS);
      });
      try {
        return await Promise.race([api.analyze(input), failed, timeout]);
      } catch (error) {
        stop();
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
