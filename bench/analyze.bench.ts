import { createNodeAnalyzer } from '../wasm-core/node.ts';
import { assistantReplies } from './corpus.ts';
import { percentile, warmUpAsync } from './stats.ts';

/** (c) full analyze() of a 1,000-word reply, model included: latency percentiles over many replies. */
export async function benchAnalyze(): Promise<{ p50: number; p95: number; samples: number }> {
  const analyzer = await createNodeAnalyzer();
  const corpus = assistantReplies(1000, 50);
  await warmUpAsync(corpus, (text) => analyzer.analyze({ text }));
  const times: number[] = [];
  for (let round = 0; round < 8; round++) {
    for (const text of corpus) {
      const start = performance.now();
      await analyzer.analyze({ text });
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: times.length };
}
