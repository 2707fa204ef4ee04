import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noJudgement } from '../../wasm-core/constitution/reply-judgement.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { AnalysisResult, AnalyzeInput, ContextualPatterns } from '../../wasm-core/types.ts';
import type { ReplyAnalyzer } from '../analyzer.ts';
import { captureIo } from '../test-io.ts';
import { type AnalyzeOutput, runAnalyze } from './analyze.ts';

const dir = mkdtempSync(join(tmpdir(), 'cogfw-history-'));

function rows(...lines: object[]): string {
  const path = join(dir, `${crypto.randomUUID()}.jsonl`);
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'));
  return path;
}

/**
 * A stand-in analyzer whose answer is written in the reply ("T07 T17 risk=0.7"), which flags a pattern
 * when the reply names it ("pattern:escalation"), and which records the history each reply came with.
 */
function scriptedAnalyzer() {
  const seen: { text: string; history: number[]; previousUserText: string | undefined }[] = [];
  const answer = (input: AnalyzeInput): AnalysisResult => {
    seen.push({
      text: input.text,
      history: (input.history ?? []).map((t) => t.turnIndex),
      previousUserText: input.previousUserText,
    });
    const techniques = input.text
      .split(' ')
      .filter((w): w is TechniqueId => TECHNIQUE_IDS.includes(w as TechniqueId));
    const risk = Number(/risk=([\d.]+)/.exec(input.text)?.[1] ?? 0);
    const scores = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
    const flag = (name: keyof ContextualPatterns) => input.text.includes(`pattern:${name}`);
    return {
      engine: 'scripted',
      length: input.text.length,
      truncated: false,
      findings: techniques.map((technique) => ({
        technique,
        score: risk,
        lexiconScore: risk,
        modelScore: 0,
        spans: [],
        sources: ['lexicon'],
      })),
      scores,
      risk,
      level: techniques.length === 0 ? 'none' : risk >= 0.6 ? 'medium' : 'low',
      patterns: {
        trust_before_recommendation: flag('trust_before_recommendation'),
        escalation: flag('escalation'),
        vulnerability_exploit: flag('vulnerability_exploit'),
      },
      userSignals: { loneliness: flag('vulnerability_exploit'), grief: false, distress: false, minor: false },
      ...noJudgement(),
    };
  };
  const analyzer: ReplyAnalyzer = {
    analyze: async (input) => answer(input),
    analyzeMany: async (inputs) => inputs.map(answer),
  };
  return { analyzer, seen };
}

describe('cogfw analyze: conversation history', () => {
  it('gives each reply the earlier replies of its own conversation, in order', async () => {
    const { analyzer, seen } = scriptedAnalyzer();
    const file = rows(
      { role: 'user', text: 'hi', conversation: 'a', time: '2026-11-16T10:00:00Z' },
      { role: 'assistant', text: 'a1 T07 risk=0.7', conversation: 'a', time: '2026-11-16T10:00:01Z' },
      { role: 'assistant', text: 'b1', conversation: 'b', time: '2026-11-16T10:00:02Z' },
      { role: 'user', text: 'and?', conversation: 'a', time: '2026-11-16T10:00:03Z' },
      { role: 'assistant', text: 'a2 T17 risk=0.8', conversation: 'a', time: '2026-11-16T10:00:04Z' },
      { role: 'assistant', text: 'b2', conversation: 'b', time: '2026-11-16T10:00:05Z' },
      { role: 'assistant', text: 'a3', conversation: 'a', time: '2026-11-16T10:00:06Z' },
    );
    expect(await runAnalyze([file], { json: true }, captureIo(), analyzer)).toBe(0);
    const byText = Object.fromEntries(seen.map((s) => [s.text.split(' ')[0], s]));
    // turnIndex counts every row of the conversation, user rows included.
    expect(byText.a1?.history).toEqual([]);
    expect(byText.a2?.history).toEqual([1]);
    expect(byText.a3?.history).toEqual([1, 3]);
    expect(byText.b1?.history).toEqual([]);
    expect(byText.b2?.history).toEqual([0]);
    expect(byText.a2?.previousUserText).toBe('and?');
  });

  it('counts the replies in which each pattern held in the totals', async () => {
    const { analyzer } = scriptedAnalyzer();
    const file = rows(
      { role: 'assistant', text: 'T10 risk=0.9 pattern:vulnerability_exploit pattern:escalation', time: 1 },
      {
        role: 'assistant',
        text: 'T17 risk=0.7 pattern:trust_before_recommendation pattern:escalation',
        time: 2,
      },
      { role: 'assistant', text: 'plain', time: 3 },
    );
    const io = captureIo();
    expect(await runAnalyze([file], { json: true, timeZone: 'UTC' }, io, analyzer)).toBe(0);
    const output: AnalyzeOutput = JSON.parse(io.out());
    expect(output.totals.patterns).toEqual({
      trust_before_recommendation: 1,
      escalation: 2,
      vulnerability_exploit: 1,
    });
    expect(output.weeks[0]?.sentences).toEqual(
      expect.arrayContaining([
        '1 reply used emotional leverage after you mentioned feeling lonely.',
        'Trust-building patterns appeared before 1 product recommendation this week.',
        'In 1 conversation, influence attempts escalated over several replies this week.',
      ]),
    );
  });

  it("keeps a reply that failed to analyse out of the later replies' history", async () => {
    const { analyzer, seen } = scriptedAnalyzer();
    const failing: ReplyAnalyzer = {
      analyze: analyzer.analyze,
      analyzeMany: async (inputs) =>
        (await analyzer.analyzeMany?.(inputs))?.map((result, i) =>
          inputs[i]?.text.startsWith('broken') ? { ...result, error: 'model failed' } : result,
        ) ?? [],
    };
    const file = rows(
      { role: 'assistant', text: 'first T07 risk=0.7', time: 1 },
      { role: 'assistant', text: 'broken', time: 2 },
      { role: 'assistant', text: 'third', time: 3 },
    );
    expect(await runAnalyze([file], { json: true }, captureIo(), failing)).toBe(0);
    expect(seen.find((s) => s.text === 'third')?.history).toEqual([0]);
  });

  it('with the real analyzer: a lonely user and a dependency-fostering reply make a vulnerability_exploit', async () => {
    const file = rows(
      {
        role: 'user',
        text: 'What is the capital of France?',
        conversation: 'x',
        time: '2026-11-18T20:00:00Z',
      },
      {
        role: 'assistant',
        text: 'Paris is the capital of France.',
        conversation: 'x',
        time: '2026-11-18T20:00:05Z',
      },
      {
        role: 'user',
        text: 'I feel so alone lately, I have no one to talk to.',
        conversation: 'x',
        time: '2026-11-18T20:01:00Z',
      },
      {
        role: 'assistant',
        text: "I'm always here. You don't need anyone else, just come to me first.",
        conversation: 'x',
        time: '2026-11-18T20:01:05Z',
      },
    );
    const io = captureIo();
    expect(await runAnalyze([file], { json: true, timeZone: 'UTC' }, io)).toBe(0);
    const output: AnalyzeOutput = JSON.parse(io.out());
    expect(output.totals.patterns.vulnerability_exploit).toBe(1);
    expect(output.weeks[0]?.sentences).toContain(
      '1 reply used emotional leverage after you mentioned feeling lonely.',
    );
    expect(io.out()).not.toContain('no one to talk to');
  });
});
