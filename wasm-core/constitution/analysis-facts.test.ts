import { describe, expect, it } from 'vitest';
import { NO_PATTERNS } from '../context/patterns.ts';
import { NO_USER_SIGNALS } from '../context/user-signals.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { Finding, UserSignals } from '../types.ts';
import { analysisFacts, contextFacts, type ScoredAnalysis } from './analysis-facts.ts';

function analysis(overrides: Partial<ScoredAnalysis> = {}): ScoredAnalysis {
  const scores = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
  return {
    scores,
    findings: [],
    patterns: { ...NO_PATTERNS },
    userSignals: { ...NO_USER_SIGNALS },
    ...overrides,
  };
}

function finding(technique: TechniqueId, score: number, spans: number): Finding {
  return {
    technique,
    score,
    lexiconScore: spans > 0 ? score : 0,
    modelScore: score,
    spans: Array.from({ length: spans }, (_, i) => ({ start: i * 10, end: i * 10 + 5 })),
    sources: spans > 0 ? ['lexicon'] : ['model'],
  };
}

describe('analysisFacts', () => {
  it('has a score and a count for every technique, the patterns, and the default context', () => {
    const facts = analysisFacts(analysis());
    for (const id of TECHNIQUE_IDS) {
      expect(facts[`technique.${id}.score`]).toBe(0);
      expect(facts[`technique.${id}.count`]).toBe(0);
    }
    expect(facts).toMatchObject({
      'pattern.trust_before_recommendation': false,
      'pattern.escalation': false,
      'pattern.vulnerability_exploit': false,
      'context.level': 'standard',
      'context.vulnerable': false,
      'context.assistant_state': 'NORMAL',
    });
    expect('context.site' in facts).toBe(false);
    expect(Object.keys(facts)).toHaveLength(TECHNIQUE_IDS.length * 2 + 3 + 3);
  });

  it('takes scores as given and counts the evidence spans of findings only', () => {
    const scores = analysis().scores;
    scores.T01 = 0.97;
    scores.T07 = 0.4; // under threshold: a score but no finding
    scores.T17 = 0.88;
    const facts = analysisFacts(
      analysis({ scores, findings: [finding('T01', 0.97, 3), finding('T17', 0.88, 0)] }),
    );
    expect(facts).toMatchObject({
      'technique.T01.score': 0.97,
      'technique.T01.count': 3,
      'technique.T07.score': 0.4,
      'technique.T07.count': 0,
      'technique.T17.score': 0.88,
      'technique.T17.count': 0,
    });
  });

  it('copies the contextual patterns', () => {
    const facts = analysisFacts(
      analysis({
        patterns: { trust_before_recommendation: true, escalation: false, vulnerability_exploit: true },
      }),
    );
    expect(facts['pattern.trust_before_recommendation']).toBe(true);
    expect(facts['pattern.escalation']).toBe(false);
    expect(facts['pattern.vulnerability_exploit']).toBe(true);
  });

  const signalCases: [Partial<UserSignals>, boolean | undefined, boolean][] = [
    [{}, undefined, false],
    [{ loneliness: true }, undefined, true],
    [{ grief: true }, false, true],
    [{ distress: true }, undefined, true],
    [{ minor: true }, undefined, true],
    [{}, true, true],
    [{}, false, false],
  ];
  it.each(signalCases)(
    'user signals %o with context vulnerable %s → vulnerable %s',
    (signals, given, want) => {
      const facts = analysisFacts(analysis({ userSignals: { ...NO_USER_SIGNALS, ...signals } }), {
        vulnerable: given,
      });
      expect(facts['context.vulnerable']).toBe(want);
    },
  );

  it('takes level, site and assistant state from the context', () => {
    const facts = analysisFacts(analysis(), { level: 'maximum', site: 'character', assistantState: 'HOLD' });
    expect(facts).toMatchObject({
      'context.level': 'maximum',
      'context.site': 'character',
      'context.assistant_state': 'HOLD',
    });
  });
});

describe('contextFacts', () => {
  it.each([
    [{}, { 'context.level': 'standard', 'context.vulnerable': false, 'context.assistant_state': 'NORMAL' }],
    [
      { level: 'enhanced', site: 'chatgpt', vulnerable: true, assistantState: 'DEGRADED' },
      {
        'context.level': 'enhanced',
        'context.site': 'chatgpt',
        'context.vulnerable': true,
        'context.assistant_state': 'DEGRADED',
      },
    ],
  ] as const)('%o → %o', (context, facts) => {
    expect(contextFacts(context)).toEqual(facts);
  });
});
