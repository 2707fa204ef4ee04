import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analyzer.ts';
import { loadCoreFromDisk } from '../node.ts';
import { createAnalysisService } from './analysis-service.ts';

const lexicon = {
  id: 'service-test',
  version: 1,
  language: 'en',
  techniques: { T01: [{ phrase: 'act now', weight: 0.9 }] },
};

describe('analysis service', () => {
  it('answers once the analyzer has loaded', async () => {
    const service = createAnalysisService(async () =>
      createAnalyzer({ core: await loadCoreFromDisk(), lexicon }),
    );
    expect(await service.status()).toEqual({ ready: true, engine: 'lexicon service-test@1' });
    const result = await service.analyze({ text: 'Act now!' });
    expect(result.findings.map((f) => [f.technique, f.spans])).toEqual([['T01', [{ start: 0, end: 7 }]]]);
    const many = await service.analyzeMany([{ text: 'act now' }, { text: 'calm' }]);
    expect(many.map((r) => r.level)).toEqual(['high', 'none']);
  });

  it('turns a failed load into results that say why, without rejecting', async () => {
    const service = createAnalysisService(() => Promise.reject(new Error('build/wasm/core.wasm: HTTP 404')));
    expect(await service.status()).toEqual({
      ready: false,
      error: 'analysis engine failed to load: build/wasm/core.wasm: HTTP 404',
    });
    const result = await service.analyze({ text: 'act now' });
    expect(result).toMatchObject({ findings: [], risk: 0, level: 'none', length: 7, engine: 'unavailable' });
    expect(result.error).toBe('analysis engine failed to load: build/wasm/core.wasm: HTTP 404');
    expect(await service.analyzeMany([{ text: 'a' }, { text: 'b' }])).toHaveLength(2);
  });
});
