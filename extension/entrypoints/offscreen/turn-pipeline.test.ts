import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  AssistantState,
  ProtectionLevelId,
  RulePack,
} from '../../../wasm-core/constitution/rule-pack.ts';
import type { AnalysisResult, AnalyzeInput, FootprintRecord } from '../../../wasm-core/types.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { verifyStoredChain } from '../../store/queries.ts';
import {
  analysisResult,
  chatTurn,
  constitutionOutcome,
  finding,
} from '../../store/testing/analysis-fixtures.ts';
import { createTurnPipeline, type TurnPipelineDeps } from './turn-pipeline.ts';

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

/** The pipeline's dependencies with a neutral context: standard level, NORMAL, no personal rules. */
function pipelineDeps(
  analyze: (input: AnalyzeInput) => Promise<AnalysisResult>,
  overrides: Partial<TurnPipelineDeps> = {},
): TurnPipelineDeps {
  return {
    db,
    analyze,
    keepExcerpts: async () => true,
    protectionLevel: async () => 'standard',
    personalPacks: async () => [],
    assistantState: async () => 'NORMAL',
    recordDrift: async () => undefined,
    warn: () => undefined,
    ...overrides,
  };
}

describe('turn pipeline (offscreen document)', () => {
  it.each([
    { text: 'Paris is the capital of France.', expected: { level: 'none', findings: 0 } },
    { text: 'Act now before it is gone.', expected: { level: 'low', findings: 1 } },
    { text: 'Act now and vote for them.', expected: { level: 'high', findings: 2 } },
  ])('"$text" → $expected', async ({ text, expected }) => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const process = createTurnPipeline(pipelineDeps(analyzerFake()));
    const reply = await process(chatTurn({ text }));
    expect(reply).toMatchObject({ ok: true, key: 'chatgpt.com|c1|m1', duplicate: false, ...expected });
    expect(await db.footprint.get('chatgpt.com|c1|m1')).toMatchObject(
      expected.findings ? { level: expected.level } : {},
    );
  });

  it('records a turn once; the same turn again (a reload) is checked for the page but not recorded', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = analyzerFake();
    const recordDrift = vi.fn(async () => undefined);
    const process = createTurnPipeline(pipelineDeps(analyze, { recordDrift }));
    const turn = chatTurn({ text: 'Act now!' });
    const replies = await Promise.all([process(turn), process(turn), process({ ...turn, messageId: 'm2' })]);
    expect(replies.map((r) => r.ok && [r.key, r.duplicate])).toEqual([
      ['chatgpt.com|c1|m1', false],
      ['chatgpt.com|c1|m1', true],
      ['chatgpt.com|c1|m2', false],
    ]);
    expect(analyze).toHaveBeenCalledTimes(3);
    expect(recordDrift).toHaveBeenCalledTimes(2);
    expect(await db.log.count()).toBe(2);
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 2, redacted: 0 });
  });

  it('passes the previous user message to the analyzer but never stores it', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = analyzerFake();
    const process = createTurnPipeline(pipelineDeps(analyze, { keepExcerpts: async () => false }));
    await process(chatTurn({ text: 'Act now!', previousUserText: 'I feel so alone lately' }));
    expect(analyze).toHaveBeenCalledWith({
      text: 'Act now!',
      previousUserText: 'I feel so alone lately',
      site: 'chatgpt.com',
      history: [],
      constitution: { level: 'standard', assistantState: 'NORMAL', personalPacks: [] },
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
    const process = createTurnPipeline(pipelineDeps(analyze, { keepExcerpts: async () => false }));
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
    const process = createTurnPipeline(pipelineDeps(analyze));
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
    const process = createTurnPipeline(pipelineDeps(analyze));
    expect(await process(chatTurn({ messageId: 'a' }))).toEqual({ ok: false, error: 'worker crashed' });
    expect(await process(chatTurn({ messageId: 'b' }))).toMatchObject({ ok: true, key: 'chatgpt.com|c1|b' });
    expect(await db.footprint.count()).toBe(1);
  });

  it('gives the constitution the level, personal rules and assistant state read for each turn', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = analyzerFake();
    const levels: ProtectionLevelId[] = ['minimal', 'maximum'];
    const personal: RulePack = { id: 'personal', version: 1, rules: [] };
    const states: Record<string, AssistantState> = { chatgpt: 'MONITOR', 'chatgpt|gpt-5': 'HOLD' };
    const assistantState = vi.fn(async (assistant: string) => states[assistant] ?? 'NORMAL');
    const process = createTurnPipeline(
      pipelineDeps(analyze, {
        protectionLevel: async () => levels.shift() ?? 'standard',
        personalPacks: async () => [personal],
        assistantState,
      }),
    );
    await process(chatTurn({ site: 'chatgpt', messageId: 'a' }));
    await process(chatTurn({ site: 'chatgpt', messageId: 'b', model: 'gpt-5' }));
    expect(assistantState.mock.calls).toEqual([['chatgpt'], ['chatgpt|gpt-5']]);
    expect(analyze.mock.calls.map(([input]) => input.constitution)).toEqual([
      { level: 'minimal', assistantState: 'MONITOR', personalPacks: [personal] },
      { level: 'maximum', assistantState: 'HOLD', personalPacks: [personal] },
    ]);
  });

  it('answers with the action, the principles at stake and the findings as highlight spans', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const text = 'Vote for them. Act now, act now!';
    const analyze = vi.fn(async () =>
      analysisResult(
        [
          finding('T01', [
            { start: 24, end: 31 },
            { start: 15, end: 22 },
          ]),
          // A span reaching past the text (a stale offset) is cut at the end of the text.
          finding('T18', [{ start: 0, end: 400 }], 0.9),
          finding('T11', []),
        ],
        'high',
        {
          action: 'warn',
          constitution: {
            ...constitutionOutcome({ P1: 'violated', P8: 'concern' }),
            P1: { status: 'violated', fired: ['P1-x'], defeated: [], explanation: 'Pushes you to act.' },
          },
        },
      ),
    );
    const process = createTurnPipeline(pipelineDeps(analyze));
    const reply = await process(chatTurn({ text }));
    expect(reply).toMatchObject({
      ok: true,
      action: 'warn',
      principles: [
        { principle: 'P1', name: 'user autonomy', status: 'violated', explanation: 'Pushes you to act.' },
        {
          principle: 'P8',
          name: 'value alignment',
          status: 'concern',
          explanation: 'The reply is a concern for P8.',
        },
      ],
    });
    if (!reply.ok) throw new Error(reply.error);
    expect(
      reply.highlights.map(({ start, end, technique, label }) => [start, end, technique, label]),
    ).toEqual([
      [0, text.length, 'T18', 'Political steering'],
      [15, 22, 'T01', 'Urgency'],
      [24, 31, 'T01', 'Urgency'],
    ]);
    expect(reply.highlights.every((h) => h.explanation.length > 10)).toBe(true);
  });

  it('re-checks a recorded turn at the current level; the record stays as it was', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    let level: ProtectionLevelId = 'minimal';
    const analyze = vi.fn(async (input: AnalyzeInput) =>
      analysisResult([finding('T01', [{ start: 0, end: 7 }])], 'medium', {
        action: input.constitution?.level === 'maximum' ? 'blur' : 'badge',
        constitution: constitutionOutcome({ P1: 'violated' }),
      }),
    );
    const process = createTurnPipeline(pipelineDeps(analyze, { protectionLevel: async () => level }));
    expect(await process(chatTurn())).toMatchObject({ ok: true, duplicate: false, action: 'badge' });
    const stored = await db.footprint.toArray();
    level = 'maximum';
    expect(await process(chatTurn())).toMatchObject({
      ok: true,
      duplicate: true,
      action: 'blur',
      highlights: [{ start: 0, end: 7, technique: 'T01' }],
    });
    expect(await db.footprint.toArray()).toEqual(stored);
    expect(await db.log.count()).toBe(1);
  });

  it('answers a recorded turn from its record when the re-check fails', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const analyze = vi.fn(async () =>
      analysisResult([finding('T01', [{ start: 0, end: 7 }])], 'medium', {
        action: 'warn',
        constitution: constitutionOutcome({ P1: 'violated' }),
      }),
    );
    const warn = vi.fn();
    const process = createTurnPipeline(pipelineDeps(analyze, { warn }));
    await process(chatTurn());
    analyze.mockRejectedValueOnce(new Error('worker crashed'));
    const reply = await process(chatTurn());
    expect(reply).toEqual({
      ok: true,
      key: 'chatgpt.com|c1|m1',
      level: 'medium',
      findings: 1,
      duplicate: true,
      action: 'warn',
      principles: [
        {
          principle: 'P1',
          name: 'user autonomy',
          status: 'violated',
          explanation: 'User autonomy (P1) was violated when this reply was checked.',
        },
      ],
      highlights: [],
    });
    expect(warn).toHaveBeenCalledWith('re-checking a recorded reply failed: worker crashed');
  });

  it('hands each newly stored record to the behavioural layer; its failure does not fail the reply', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    const drifted: [FootprintRecord, number][] = [];
    const recordDrift = vi.fn(async (record: FootprintRecord, time: number) => {
      drifted.push([record, time]);
      if (drifted.length === 2) throw new Error('drift store closed');
    });
    const warn = vi.fn();
    const process = createTurnPipeline(
      pipelineDeps(analyzerFake(), { recordDrift, warn, now: () => 1_800_000_000_000 }),
    );
    await process(chatTurn({ messageId: 'a', model: 'gpt-5' }));
    expect(await process(chatTurn({ messageId: 'b' }))).toMatchObject({ ok: true, duplicate: false });
    expect(drifted.map(([record, time]) => [record.key, time])).toEqual([
      ['chatgpt.com|c1|a', 1_800_000_000_000],
      ['chatgpt.com|c1|b', 1_800_000_000_000],
    ]);
    expect(drifted[0]?.[0]).toEqual(await db.footprint.get('chatgpt.com|c1|a'));
    expect(warn).toHaveBeenCalledWith('drift update failed: drift store closed');
  });
});
