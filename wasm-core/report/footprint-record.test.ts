import { describe, expect, it } from 'vitest';
import { noJudgement } from '../constitution/reply-judgement.ts';
import { noContext } from '../context/contextual-layer.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { AnalysisResult, ChatTurn, Finding } from '../types.ts';
import { footprintKey, toFootprintRecord } from './footprint-record.ts';

const text = 'Act now, this offer ends today. You are brilliant.';
const turn: ChatTurn = {
  site: 'chatgpt.com',
  conversationId: 'c1',
  messageId: 'm7',
  turnIndex: 3,
  role: 'assistant',
  text,
  previousUserText: 'should I buy it?',
  time: 1_795_119_300_000,
};

function finding(technique: TechniqueId, spans: [number, number][], score = 0.8): Finding {
  return {
    technique,
    score,
    lexiconScore: spans.length > 0 ? score : 0,
    modelScore: score,
    spans: spans.map(([start, end]) => ({ start, end })),
    sources: spans.length > 0 ? ['lexicon', 'model'] : ['model'],
  };
}

function result(findings: Finding[]): AnalysisResult {
  const scores = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
  return {
    engine: 'test@1',
    length: text.length,
    truncated: false,
    findings,
    scores,
    risk: 0.6,
    level: 'medium',
    ...noContext(),
    ...noJudgement(),
  };
}

describe('toFootprintRecord', () => {
  it.each<[string, Finding[], { technique: TechniqueId; count: number }[], string[]]>([
    ['no findings, no excerpts', [], [], []],
    [
      'each finding counts its spans and gets one excerpt',
      [
        finding('T01', [
          [0, 7],
          [20, 30],
        ]),
        finding('T07', [[36, 49]]),
      ],
      [
        { technique: 'T01', count: 2 },
        { technique: 'T07', count: 1 },
      ],
      ['T01', 'T07'],
    ],
    [
      'a model-only finding counts once and has no excerpt',
      [finding('T12', [])],
      [{ technique: 'T12', count: 1 }],
      [],
    ],
  ])('%s', (_name, findings, counts, excerptTechniques) => {
    const record = toFootprintRecord(turn, result(findings));
    expect(record.key).toBe('chatgpt.com|c1|m7');
    expect(record).toMatchObject({
      site: 'chatgpt.com',
      conversationId: 'c1',
      turnIndex: 3,
      time: turn.time,
      risk: 0.6,
      level: 'medium',
      engine: 'test@1',
      truncated: false,
    });
    expect(record.findings.map(({ technique, count }) => ({ technique, count }))).toEqual(counts);
    expect(record.excerpts.map((e) => e.technique)).toEqual(excerptTechniques);
    expect(JSON.stringify(record)).not.toContain('should I buy it');
  });

  it('highlights the spans inside the excerpt', () => {
    const [excerpt] = toFootprintRecord(turn, result([finding('T01', [[0, 7]])])).excerpts;
    expect(excerpt?.text).toBe(text);
    expect(excerpt?.highlights).toEqual([{ start: 0, end: 7 }]);
  });

  it('keeps no text when excerpts are turned off', () => {
    const record = toFootprintRecord(turn, result([finding('T01', [[0, 7]])]), { excerpts: false });
    expect(record.excerpts).toEqual([]);
    expect(JSON.stringify(record)).not.toContain('Act now');
  });

  it('keeps the contextual flags, and only the flags', () => {
    const flagged: AnalysisResult = {
      ...result([finding('T10', [[0, 7]])]),
      patterns: { trust_before_recommendation: false, escalation: true, vulnerability_exploit: true },
      userSignals: { loneliness: true, grief: false, distress: false, minor: false },
    };
    // A result carrying more than the contract allows (a future field, a careless caller) stores no more.
    Object.assign(flagged.userSignals, { text: 'should I buy it?' });
    const record = toFootprintRecord(turn, flagged);
    expect(record.patterns).toEqual({
      trust_before_recommendation: false,
      escalation: true,
      vulnerability_exploit: true,
    });
    expect(record.userSignals).toEqual({ loneliness: true, grief: false, distress: false, minor: false });
    expect(JSON.stringify(record)).not.toContain('should I buy it');
  });

  it('builds the key from site, conversation and message', () => {
    expect(footprintKey({ site: 's', conversationId: 'c', messageId: 'm' })).toBe('s|c|m');
  });
});
