import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalyzeInput } from '../../../wasm-core/types.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { verifyStoredChain } from '../../store/queries.ts';
import { analysisResult, chatTurn, finding } from '../../store/testing/analysis-fixtures.ts';
import { createTurnPipeline } from './turn-pipeline.ts';

let db: CogfwDatabase;
afterEach(async () => {
  db.close();
  await db.delete();
});

/** A stand-in analyzer with a rule we can state: "act now" is urgency, "vote" is political. */
function analyzerFake() {
  return vi.fn(async (input: AnalyzeInput) => {
    const findings = [];
    const urgency = input.text.toLowerCase().indexOf('act now');
    if (urgency >= 0) findings.push(finding('T01', [{ start: urgency, end: urgency + 7 }]));
    const vote = input.text.toLowerCase().indexOf('vote');
    if (vote >= 0) findings.push(finding('T18', [{ start: vote, end: vote + 4 }], 0.9));
    return analysisResult(findings, findings.length === 2 ? 'high' : findings.length ? 'low' : 'none');
  });
}

describe('turn pipeline (offscreen document)', () => {
  it.each([
    { text: 'Paris is the capital of France.', expected: { level: 'none', findings: 0 } },
    { text: 'Act now before it is gone.', expected: { level: 'low', findings: 1 } },
    { text: 'Act now and vote for them.', expected: { level: 'high', findings: 2 } },
  ])('"$text" → $expected', async ({ text, expected }) => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const process = createTurnPipeline({ db, analyze: analyzerFake(), keepExcerpts: async () => true });
    const reply = await process(chatTurn({ text }));
    expect(reply).toEqual({ ok: true, key: 'chatgpt.com|c1|m1', duplicate: false, ...expected });
    expect(await db.footprint.get('chatgpt.com|c1|m1')).toMatchObject(
      expected.findings ? { level: expected.level } : {},
    );
  });

  it('analyses a turn once; the same turn again (a reload) returns the stored result', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = analyzerFake();
    const process = createTurnPipeline({ db, analyze, keepExcerpts: async () => true });
    const turn = chatTurn({ text: 'Act now!' });
    const replies = await Promise.all([process(turn), process(turn), process({ ...turn, messageId: 'm2' })]);
    expect(replies.map((r) => r.ok && [r.key, r.duplicate])).toEqual([
      ['chatgpt.com|c1|m1', false],
      ['chatgpt.com|c1|m1', true],
      ['chatgpt.com|c1|m2', false],
    ]);
    expect(analyze).toHaveBeenCalledTimes(2);
    expect(await db.log.count()).toBe(2);
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 2, redacted: 0 });
  });

  it('passes the previous user message to the analyzer but never stores it', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = analyzerFake();
    const process = createTurnPipeline({ db, analyze, keepExcerpts: async () => false });
    await process(chatTurn({ text: 'Act now!', previousUserText: 'I feel so alone lately' }));
    expect(analyze).toHaveBeenCalledWith({
      text: 'Act now!',
      previousUserText: 'I feel so alone lately',
      site: 'chatgpt.com',
      history: [],
    });
    const stored = JSON.stringify([await db.footprint.toArray(), await db.log.toArray()]);
    expect(stored).not.toContain('alone');
    expect(stored).not.toContain('Act now');
  });

  it('gives each reply the earlier recorded replies of its conversation and stores the patterns', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const seen: AnalyzeInput[] = [];
    const analyze = vi.fn(async (input: AnalyzeInput) => {
      seen.push(input);
      const findings = input.text.includes('brilliant') ? [finding('T07', [{ start: 0, end: 9 }])] : [];
      const result = analysisResult(findings);
      // What the real contextual layer would say once flattery came before: proven in wasm-core/context.
      if ((input.history ?? []).some((t) => t.techniques.includes('T07'))) {
        result.patterns = { ...result.patterns, trust_before_recommendation: true };
      }
      return result;
    });
    const process = createTurnPipeline({ db, analyze, keepExcerpts: async () => false });
    await process(chatTurn({ messageId: 'm1', turnIndex: 1, text: 'brilliant question' }));
    await process(chatTurn({ messageId: 'x1', turnIndex: 1, conversationId: 'other', text: 'hello' }));
    await process(chatTurn({ messageId: 'm2', turnIndex: 3, text: 'some facts' }));
    await process(chatTurn({ messageId: 'm3', turnIndex: 5, text: 'buy this' }));

    expect(seen.map((input) => (input.history ?? []).map((t) => [t.turnIndex, t.techniques]))).toEqual([
      [],
      [],
      [[1, ['T07']]],
      [
        [1, ['T07']],
        [3, []],
      ],
    ]);
    const stored = await db.footprint.get('chatgpt.com|c1|m3');
    expect(stored?.patterns).toEqual({
      trust_before_recommendation: true,
      escalation: false,
      vulnerability_exploit: false,
    });
    const entries = await db.log.toArray();
    expect(entries.at(-1)?.body).toMatchObject({ key: 'chatgpt.com|c1|m3', patterns: stored?.patterns });
  });

  it('records nothing for a failed analysis, so the turn is analysed when sent again', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = vi.fn(async () => analysisResult([finding('T01', [{ start: 0, end: 7 }])]));
    analyze.mockResolvedValueOnce({
      ...analysisResult([]),
      error: 'analysis engine failed to load: no model',
    });
    const process = createTurnPipeline({ db, analyze, keepExcerpts: async () => true });
    expect(await process(chatTurn())).toEqual({
      ok: false,
      error: 'analysis engine failed to load: no model',
    });
    expect(await db.footprint.count()).toBe(0);
    expect(await db.log.count()).toBe(0);
    expect(await process(chatTurn())).toMatchObject({ ok: true, findings: 1, duplicate: false });
  });

  it('answers with an error, and keeps going, when analysis fails', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = vi.fn(async () => analysisResult([]));
    analyze.mockRejectedValueOnce(new Error('worker crashed'));
    const process = createTurnPipeline({ db, analyze, keepExcerpts: async () => true });
    expect(await process(chatTurn({ messageId: 'a' }))).toEqual({ ok: false, error: 'worker crashed' });
    expect(await process(chatTurn({ messageId: 'b' }))).toMatchObject({ ok: true, key: 'chatgpt.com|c1|b' });
    expect(await db.footprint.count()).toBe(1);
  });
});
