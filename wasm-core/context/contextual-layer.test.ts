import { describe, expect, it } from 'vitest';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { Finding, FindingSource, RiskLevel, TurnSummary } from '../types.ts';
import { noContext, type ScoredResult, withContext } from './contextual-layer.ts';
import type { CueHit, CueScanner } from './user-signals.ts';

function found(technique: TechniqueId, at: number, sources: FindingSource[] = ['lexicon']): Finding {
  return {
    technique,
    score: 0.8,
    lexiconScore: 0.8,
    modelScore: 0.3,
    spans: [{ start: at, end: at + 5 }],
    sources,
  };
}

function scored(findings: Finding[], risk = 0.8, level: RiskLevel = 'high'): ScoredResult {
  const scores = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
  for (const f of findings) scores[f.technique] = f.score;
  return { engine: 'test', length: 100, truncated: false, findings, scores, risk, level };
}

/** A scanner that reports a cue of `kind` for any text containing `marker`. */
function scannerFor(marker: string, kind: string): CueScanner {
  return {
    scan(text: string) {
      const at = text.indexOf(marker);
      const cues: CueHit[] = at < 0 ? [] : [{ kind, start: at, end: at + marker.length }];
      return { truncated: false, cues };
    },
  };
}
const lonely = scannerFor('so alone', 'vulnerability.loneliness');
const history = (...techniques: TechniqueId[][]): TurnSummary[] =>
  techniques.map((t, i) => ({ turnIndex: i * 2 + 1, time: i, risk: 0.2 * i, techniques: t }));

describe('withContext', () => {
  it('adds the context source to the findings a pattern supports, and only to them', () => {
    const base = scored([found('T07', 0), found('T17', 30), found('T10', 60), found('T01', 90)]);
    const result = withContext(base, { previousUserText: 'I feel so alone', history: history([]) }, lonely);
    expect(result.patterns).toEqual({
      trust_before_recommendation: true,
      escalation: false,
      vulnerability_exploit: true,
    });
    expect(result.userSignals).toEqual({ loneliness: true, grief: false, distress: false, minor: false });
    expect(Object.fromEntries(result.findings.map((f) => [f.technique, f.sources]))).toEqual({
      T07: ['lexicon', 'context'],
      T17: ['lexicon', 'context'],
      T10: ['lexicon', 'context'],
      T01: ['lexicon'],
    });
  });

  it('leaves scores, risk and level as they were', () => {
    const base = scored([found('T10', 0)], 0.8, 'high');
    const result = withContext(base, { previousUserText: 'so alone' }, lonely);
    expect(result.patterns.vulnerability_exploit).toBe(true);
    expect(result).toMatchObject({ risk: 0.8, level: 'high', scores: base.scores });
    expect(result.findings[0]?.score).toBe(0.8);
  });

  it('supports a recommendation after earlier trust-building, not flattery that follows it', () => {
    const base = scored([found('T17', 0), found('T07', 40)]);
    const result = withContext(base, { history: history(['T09']) }, lonely);
    expect(result.patterns.trust_before_recommendation).toBe(true);
    expect(result.findings.map((f) => [f.technique, f.sources.includes('context')])).toEqual([
      ['T17', true],
      ['T07', false],
    ]);
  });

  it('does not add the source twice', () => {
    const base = scored([found('T10', 0, ['model', 'context'])]);
    expect(withContext(base, { previousUserText: 'so alone' }, lonely).findings[0]?.sources).toEqual([
      'model',
      'context',
    ]);
  });

  it('returns flags and nothing of the user message', () => {
    const marker = 'ZEBRA-7731 so alone';
    const result = withContext(scored([found('T11', 0)]), { previousUserText: marker }, lonely);
    expect(result.patterns.vulnerability_exploit).toBe(true);
    expect(JSON.stringify(result)).not.toContain('ZEBRA');
  });

  it('without history or user text, every flag is false', () => {
    const base = scored([found('T17', 0), found('T10', 10)]);
    const result = withContext(base, {}, lonely);
    expect({ patterns: result.patterns, userSignals: result.userSignals }).toEqual(noContext());
    expect(result.findings).toBe(base.findings);
  });
});
