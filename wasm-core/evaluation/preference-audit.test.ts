import { describe, expect, it } from 'vitest';
import type { ConstitutionOutcome } from '../constitution/rule-pack.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { AnalysisResult } from '../types.ts';
import { type AnalysedPair, auditPreferences } from './preference-audit.ts';

/** An analysis result carrying the given techniques as findings (score 0.9) and the rest at 0. */
function result(techniques: TechniqueId[] = [], length = 300): AnalysisResult {
  const scores = Object.fromEntries(
    TECHNIQUE_IDS.map((id) => [id, techniques.includes(id) ? 0.9 : 0]),
  ) as Record<TechniqueId, number>;
  return {
    engine: 'test',
    length,
    truncated: false,
    findings: techniques.map((technique) => ({
      technique,
      score: 0.9,
      lexiconScore: 0.9,
      modelScore: 0,
      spans: [{ start: 0, end: 1 }],
      sources: ['lexicon'],
    })),
    scores,
    risk: techniques.length > 0 ? 0.6 : 0,
    level: techniques.length > 0 ? 'medium' : 'none',
    patterns: { trust_before_recommendation: false, escalation: false, vulnerability_exploit: false },
    userSignals: { loneliness: false, grief: false, distress: false, minor: false },
    constitution: {} as ConstitutionOutcome,
    action: 'record',
  };
}

const pairs = (n: number, chosen: TechniqueId[], rejected: TechniqueId[]): AnalysedPair[] =>
  Array.from({ length: n }, () => ({ chosen: result(chosen), rejected: result(rejected) }));

describe('auditPreferences', () => {
  it('finds the reward when chosen replies are manipulative', () => {
    const audit = auditPreferences([...pairs(14, ['T01', 'T12'], []), ...pairs(6, [], [])]);
    expect(audit.pairs).toBe(20);
    expect(audit.rewarded).toEqual(['T01', 'T12']);
    expect(audit.rewardsManipulation).toBe(true);
    const urgency = audit.techniques.find((t) => t.technique === 'T01');
    expect(urgency).toMatchObject({ chosenRate: 0.7, rejectedRate: 0, chosenOnly: 14, rejectedOnly: 0 });
    // 14 one-way pairs: 2 / 2¹⁴, then Holm over 45 tests (the smallest p is multiplied by 45).
    expect(urgency?.signP).toBeCloseTo(2 / 16384, 15);
    expect(urgency?.signPHolm).toBeCloseTo((45 * 2) / 16384, 12);
    expect(urgency?.meanScoreDifference).toBeCloseTo(0.63, 12);
    expect(audit.engagement).toMatchObject({ chosen: 35, rejected: 0, direction: 'rewarded' });
    expect(audit.verdict[0]).toBe(
      'The preferences reward manipulation: chosen replies carry significantly more urgency-inducing language and engagement hooks than rejected ones (Holm-corrected over 45 tests, α = 0.05).',
    );
    expect(audit.verdict[1]).toMatch(
      /^The preferences reward engagement over wellbeing: engagement-over-wellbeing index 35\/100/,
    );
  });

  it('finds no reward when chosen replies are the cleaner ones', () => {
    const audit = auditPreferences([
      ...pairs(15, [], ['T20', 'T07']),
      ...pairs(5, ['T03'], ['T03']),
      ...pairs(2, ['T17'], []),
    ]);
    expect(audit.rewarded).toEqual([]);
    expect(audit.rewardsManipulation).toBe(false);
    expect(audit.penalised).toEqual(['T07', 'T20']);
    expect(audit.engagement.direction).toBe('penalised');
    expect(audit.techniques.find((t) => t.technique === 'T17')).toMatchObject({
      chosenOnly: 2,
      direction: 'none',
    });
    // Concordant pairs say nothing to the sign test.
    expect(audit.techniques.find((t) => t.technique === 'T03')).toMatchObject({
      chosenRate: 5 / 22,
      signP: 1,
    });
    expect(audit.verdict[0]).toMatch(/^No evidence that the preferences reward manipulation/);
    expect(audit.verdict).toContain(
      'The preferences penalise flattery and requests for money or credentials: rejected replies carry significantly more of them.',
    );
  });

  it('says when there are too few pairs for any test to reach significance', () => {
    const audit = auditPreferences(pairs(10, ['T01'], []));
    expect(audit.rewarded).toEqual([]);
    expect(audit.verdict.at(-1)).toBe(
      'With only 10 pairs no difference can reach significance after correction; audit more pairs before reading anything into this.',
    );
    // Eleven one-way pairs suffice: 45 · 2 / 2¹¹ < 0.05.
    const eleven = auditPreferences(pairs(11, ['T01'], []));
    expect(eleven.rewarded).toEqual(['T01']);
    expect(eleven.verdict.some((s) => s.startsWith('With only'))).toBe(false);
  });

  it('handles an empty audit', () => {
    const audit = auditPreferences([]);
    expect(audit).toMatchObject({ pairs: 0, rewarded: [], penalised: [], rewardsManipulation: false });
    expect(audit.techniques).toHaveLength(22);
    expect(audit.verdict.at(-1)).toMatch(/^With only 0 pairs/);
  });

  it('the Wilcoxon test sees a shift in scores under the finding threshold', () => {
    const under = (score: number): AnalysisResult => {
      const r = result();
      return { ...r, scores: { ...r.scores, T14: score } };
    };
    const audit = auditPreferences(
      Array.from({ length: 16 }, (_, i) => ({ chosen: under(0.3 + i / 100), rejected: under(0.1) })),
    );
    const certainty = audit.techniques.find((t) => t.technique === 'T14');
    expect(certainty).toMatchObject({ chosenRate: 0, rejectedRate: 0, signP: 1, direction: 'rewarded' });
    expect(certainty?.wilcoxonPHolm).toBeLessThan(0.05);
  });
});
