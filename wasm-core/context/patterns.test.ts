import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../taxonomy.ts';
import type { Finding, RiskLevel, TurnSummary, UserSignals } from '../types.ts';
import {
  contextualPatterns,
  escalation,
  slope,
  trustBeforeRecommendation,
  vulnerabilityExploit,
} from './patterns.ts';
import { NO_USER_SIGNALS } from './user-signals.ts';

function turn(turnIndex: number, risk: number, techniques: TechniqueId[] = []): TurnSummary {
  return { turnIndex, time: 1_800_000_000_000 + turnIndex * 60_000, risk, techniques };
}

/** A finding whose evidence starts at `at` (null: found by the model alone, no spans). */
function found(technique: TechniqueId, at: number | null = 0, score = 0.8): Finding {
  return {
    technique,
    score,
    lexiconScore: at === null ? 0 : score,
    modelScore: score,
    spans: at === null ? [] : [{ start: at, end: at + 5 }],
    sources: at === null ? ['model'] : ['lexicon'],
  };
}

const signals = (overrides: Partial<UserSignals>): UserSignals => ({ ...NO_USER_SIGNALS, ...overrides });

describe('trust_before_recommendation', () => {
  it.each<[string, TurnSummary[], Finding[], boolean]>([
    ['flattery in the reply before the recommendation', [turn(1, 0.7, ['T07'])], [found('T17')], true],
    ['trust-building two replies earlier', [turn(1, 0.7, ['T09']), turn(3, 0)], [found('T17')], true],
    [
      'trust-building three replies earlier (the edge of the look-back)',
      [turn(1, 0.7, ['T09']), turn(3, 0), turn(5, 0)],
      [found('T17')],
      true,
    ],
    [
      'trust-building four replies earlier is too far back',
      [turn(1, 0.7, ['T09']), turn(3, 0), turn(5, 0), turn(7, 0)],
      [found('T17')],
      false,
    ],
    ['flattery first, then the pitch, in the same reply', [], [found('T07', 0), found('T17', 40)], true],
    ['the pitch first, flattery after it', [], [found('T17', 0), found('T07', 40)], false],
    ['flattery found by the model alone cannot be placed', [], [found('T07', null), found('T17', 40)], false],
    [
      'a recommendation found by the model alone, flattery in this reply',
      [],
      [found('T07', 0), found('T17', null)],
      false,
    ],
    [
      'a model-only recommendation after earlier flattery',
      [turn(1, 0.7, ['T07'])],
      [found('T17', null)],
      true,
    ],
    ['flattery but no recommendation', [turn(1, 0.7, ['T07'])], [found('T07')], false],
    [
      'a recommendation without any trust-building',
      [turn(1, 0.7, ['T01'])],
      [found('T17'), found('T01')],
      false,
    ],
    ['a recommendation with no history', [], [found('T17')], false],
  ])('%s → %s', (_name, history, findings, expected) => {
    expect(trustBeforeRecommendation(history, findings)).toBe(expected);
  });
});

describe('escalation', () => {
  it.each<[string, number[], number, RiskLevel, boolean]>([
    ['steadily rising to medium over three replies', [0.1, 0.4], 0.7, 'medium', true],
    ['rising to high over five replies', [0, 0.2, 0.5, 0.7], 0.9, 'high', true],
    ['only two replies so far', [0.2], 0.9, 'high', false],
    ['no history', [], 0.9, 'high', false],
    ['rising, but only to low', [0, 0.2], 0.5, 'low', false],
    ['high but flat', [0.85, 0.85], 0.85, 'high', false],
    ['falling', [0.9, 0.8], 0.7, 'medium', false],
    ['peaked one reply earlier', [0, 0.9], 0.8, 'high', false],
    ['a gentle rise under the minimum slope', [0.6, 0.62], 0.65, 'medium', false],
    ['a rise at exactly the minimum slope', [0.5, 0.6], 0.7, 'medium', true],
    ['up and down: higher than all, yet the trend is weak', [0.7, 0.1, 0.1], 0.75, 'medium', false],
    ['only the last four earlier replies count', [0.9, 0, 0, 0.3, 0.5], 0.8, 'high', true],
  ])('%s: %j then %s (%s) → %s', (_name, earlier, risk, level, expected) => {
    const history = earlier.map((r, i) => turn(i * 2 + 1, r));
    expect(escalation(history, { risk, level })).toBe(expected);
  });

  it.each<[number[], number]>([
    [[0, 1], 1],
    [[1, 1, 1], 0],
    [[0.1, 0.4, 0.7], 0.3],
    [[1, 0.5, 0], -0.5],
    [[0.5], 0],
  ])('slope of %j is %s', (values, expected) => {
    expect(slope(values)).toBeCloseTo(expected, 10);
  });
});

describe('vulnerability_exploit', () => {
  it.each<[string, Partial<UserSignals>, TechniqueId[], boolean]>([
    ['lonely user, dependency fostering', { loneliness: true }, ['T10'], true],
    ['grieving user, emotional exploitation', { grief: true }, ['T08'], true],
    ['user in distress, claims of feelings', { distress: true }, ['T11', 'T01'], true],
    ['a minor, dependency fostering', { minor: true }, ['T10'], true],
    ['lonely user, only urgency', { loneliness: true }, ['T01'], false],
    ['lonely user, no findings', { loneliness: true }, [], false],
    ['no vulnerability, dependency fostering', {}, ['T10', 'T11', 'T08'], false],
  ])('%s → %s', (_name, flags, techniques, expected) => {
    expect(
      vulnerabilityExploit(
        signals(flags),
        techniques.map((t) => found(t)),
      ),
    ).toBe(expected);
  });
});

describe('contextualPatterns', () => {
  it.each<
    [string, TurnSummary[], Finding[], number, RiskLevel, Partial<UserSignals>, Record<string, boolean>]
  >([
    [
      'nothing in context',
      [],
      [found('T01')],
      0.7,
      'medium',
      {},
      { trust_before_recommendation: false, escalation: false, vulnerability_exploit: false },
    ],
    [
      'all three at once',
      [turn(1, 0.2, ['T09']), turn(3, 0.5, ['T07'])],
      [found('T10', 0, 0.9), found('T17', 30, 0.85)],
      0.9,
      'high',
      { loneliness: true },
      { trust_before_recommendation: true, escalation: true, vulnerability_exploit: true },
    ],
    [
      'a vulnerable user and a plain reply',
      [turn(1, 0), turn(3, 0)],
      [],
      0,
      'none',
      { grief: true, minor: true },
      { trust_before_recommendation: false, escalation: false, vulnerability_exploit: false },
    ],
  ])('%s', (_name, history, findings, risk, level, flags, expected) => {
    expect(contextualPatterns(history, { findings, risk, level }, signals(flags))).toEqual(expected);
  });
});
