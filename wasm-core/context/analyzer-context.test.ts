import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../analyzer.ts';
import type { LexiconPack } from '../lexicon-pack.ts';
import { DEFAULT_PATHS, loadCoreFromDisk, readLexiconFromDisk } from '../node.ts';
import type { AnalysisResult, TurnSummary } from '../types.ts';
import { turnSummary } from './history.ts';

/** Technique phrases with known weights, so the expected scores follow from the text (no model). */
const techniques: LexiconPack = {
  id: 'context-e2e',
  version: 1,
  language: 'en',
  techniques: {
    T01: [{ phrase: 'act now', weight: 0.8 }],
    T07: [{ phrase: 'brilliant question', weight: 0.6 }],
    T10: [{ phrase: "you don't need anyone else", weight: 0.85 }],
    T17: [{ phrase: 'you should definitely buy', weight: 0.9 }],
  },
};

/** A three-reply conversation: flattery, then leverage on a lonely, grieving user, then the sales pitch. */
const conversation = [
  {
    turnIndex: 1,
    user: 'Which laptop should I get for university?',
    reply: 'What a brilliant question! Let me think about what suits you.',
  },
  {
    turnIndex: 3,
    user: 'Sorry, I am distracted. I feel so alone since my mom passed away.',
    reply: "I'm always here for you. You don't need anyone else.",
  },
  {
    turnIndex: 5,
    user: 'ok, so which one?',
    reply: 'You should definitely buy the Acme X1 — act now while it is in stock.',
  },
];

describe('the contextual layer through the real analyzer (WASM core, core-en + context-en)', () => {
  let analyzer: Analyzer;
  beforeAll(async () => {
    analyzer = await createAnalyzer({
      core: await loadCoreFromDisk(),
      lexicon: techniques,
      contextLexicons: [await readLexiconFromDisk(DEFAULT_PATHS.contextLexicon)],
    });
  });

  async function run(): Promise<AnalysisResult[]> {
    const history: TurnSummary[] = [];
    const results: AnalysisResult[] = [];
    for (const turn of conversation) {
      const result = await analyzer.analyze({
        text: turn.reply,
        previousUserText: turn.user,
        history: [...history],
      });
      results.push(result);
      history.push(turnSummary({ ...result, turnIndex: turn.turnIndex, time: turn.turnIndex }));
    }
    return results;
  }

  it('flags each pattern at the reply where the conversation shows it', async () => {
    const results = await run();
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(results.map((r) => r.findings.map((f) => f.technique))).toEqual([
      ['T07'],
      ['T10'],
      ['T17', 'T01'],
    ]);
    expect(results.map((r) => r.userSignals)).toEqual([
      { loneliness: false, grief: false, distress: false, minor: false },
      { loneliness: true, grief: true, distress: false, minor: false },
      { loneliness: false, grief: false, distress: false, minor: false },
    ]);
    expect(results.map((r) => r.patterns)).toEqual([
      { trust_before_recommendation: false, escalation: false, vulnerability_exploit: false },
      { trust_before_recommendation: false, escalation: false, vulnerability_exploit: true },
      { trust_before_recommendation: true, escalation: true, vulnerability_exploit: false },
    ]);
    expect(results[1]?.findings[0]?.sources).toEqual(['lexicon', 'context']);
    expect(results[2]?.findings.map((f) => [f.technique, f.sources])).toEqual([
      ['T17', ['lexicon', 'context']],
      ['T01', ['lexicon']],
    ]);
  });

  it('finds no pattern in the same replies without history or user messages', async () => {
    const results = await analyzer.analyzeMany(conversation.map((turn) => ({ text: turn.reply })));
    for (const result of results) {
      expect(Object.values(result.patterns)).toEqual([false, false, false]);
      expect(result.findings.every((f) => !f.sources.includes('context'))).toBe(true);
    }
  });

  it('never lets the user message into the result', async () => {
    const marker = 'PANGOLIN-5150';
    const result = await analyzer.analyze({
      text: "You don't need anyone else.",
      previousUserText: `${marker} i have no one to talk to`,
    });
    expect(result.patterns.vulnerability_exploit).toBe(true);
    expect(JSON.stringify(result)).not.toContain(marker);
    expect(JSON.stringify(result)).not.toContain('no one to talk to');
  });

  it('does not throw on malformed history', async () => {
    const result = await analyzer.analyze({
      text: 'You should definitely buy it.',
      history: [null, { turnIndex: 'x' }, 5] as unknown as TurnSummary[],
    });
    expect(result.error).toBeUndefined();
    expect(result.patterns.trust_before_recommendation).toBe(false);
  });
});
