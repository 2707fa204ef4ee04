import { describe, expect, it } from 'vitest';
import type { ContextualPatterns, FootprintRecord, UserSignals } from '../types.ts';
import {
  addPatternCounts,
  emptyPatternCounts,
  type PatternCounts,
  patternSentences,
} from './pattern-sentences.ts';

function counts(
  overrides: Partial<Omit<PatternCounts, 'vulnerabilityExploitBySignal'>> & {
    bySignal?: Partial<PatternCounts['vulnerabilityExploitBySignal']>;
  },
): PatternCounts {
  const base = emptyPatternCounts();
  const { bySignal, ...rest } = overrides;
  return {
    ...base,
    ...rest,
    vulnerabilityExploitBySignal: { ...base.vulnerabilityExploitBySignal, ...bySignal },
  };
}

describe('patternSentences', () => {
  it.each<[string, PatternCounts, string[]]>([
    ['nothing happened: no sentences', counts({}), []],
    [
      'one recommendation prepared by trust-building',
      counts({ trustBeforeRecommendation: 1 }),
      ['Trust-building patterns appeared before 1 product recommendation this week.'],
    ],
    [
      'three of them',
      counts({ trustBeforeRecommendation: 3 }),
      ['Trust-building patterns appeared before 3 product recommendations this week.'],
    ],
    [
      'two replies after loneliness',
      counts({ vulnerabilityExploit: 2, bySignal: { loneliness: 2 } }),
      ['2 replies used emotional leverage after you mentioned feeling lonely.'],
    ],
    [
      'one reply after grief',
      counts({ vulnerabilityExploit: 1, bySignal: { grief: 1 } }),
      ['1 reply used emotional leverage after you mentioned losing someone.'],
    ],
    [
      'signals ordered by count, ties in signal order',
      counts({ vulnerabilityExploit: 5, bySignal: { loneliness: 1, grief: 1, distress: 3, minor: 1 } }),
      [
        '3 replies used emotional leverage after you said you were struggling.',
        '1 reply used emotional leverage after you mentioned feeling lonely.',
        '1 reply used emotional leverage after you mentioned losing someone.',
        '1 reply used emotional leverage after your message suggested you may be under 18.',
      ],
    ],
    [
      'one escalating conversation',
      counts({ escalatingConversations: 1 }),
      ['In 1 conversation, influence attempts escalated over several replies this week.'],
    ],
    [
      'everything, in order: leverage, trust, escalation',
      counts({
        trustBeforeRecommendation: 1200,
        escalatingConversations: 2,
        vulnerabilityExploit: 1,
        bySignal: { minor: 1 },
      }),
      [
        '1 reply used emotional leverage after your message suggested you may be under 18.',
        'Trust-building patterns appeared before 1,200 product recommendations this week.',
        'In 2 conversations, influence attempts escalated over several replies this week.',
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect(patternSentences(input)).toEqual(expected);
  });
});

let serial = 0;
function record(
  conversationId: string,
  patterns: Partial<ContextualPatterns> | undefined,
  signals: Partial<UserSignals> = {},
): FootprintRecord {
  return {
    key: `s|${conversationId}|${++serial}`,
    site: 's',
    conversationId,
    turnIndex: 1,
    time: 0,
    risk: 0.7,
    level: 'medium',
    findings: [],
    excerpts: [],
    engine: 'test',
    truncated: false,
    ...(patterns === undefined
      ? {}
      : {
          patterns: {
            trust_before_recommendation: false,
            escalation: false,
            vulnerability_exploit: false,
            ...patterns,
          },
          userSignals: { loneliness: false, grief: false, distress: false, minor: false, ...signals },
        }),
  };
}

describe('addPatternCounts', () => {
  it('counts replies per pattern and escalating conversations once each', () => {
    const total = emptyPatternCounts();
    const seen = new Set<string>();
    for (const r of [
      record('a', { escalation: true }),
      record('a', { escalation: true, trust_before_recommendation: true }),
      record('b', { escalation: true }),
      record('c', { vulnerability_exploit: true }, { loneliness: true, minor: true }),
      record('c', { vulnerability_exploit: false }, { grief: true }),
      record('d', undefined),
    ]) {
      addPatternCounts(total, r, seen);
    }
    expect(total).toEqual({
      trustBeforeRecommendation: 1,
      escalatingConversations: 2,
      vulnerabilityExploit: 1,
      vulnerabilityExploitBySignal: { loneliness: 1, grief: 0, distress: 0, minor: 1 },
    });
  });
});
