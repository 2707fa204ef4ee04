import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../analyzer.ts';
import { createNodeAnalyzer } from '../node.ts';
import type { AnalyzeInput } from '../types.ts';
import { PRINCIPLE_IDS, type RulePack } from './rule-pack.ts';

/*
 * The constitutional layer inside analyze(): the shipped constitution judges every reply after the
 * contextual layer, with the level, drift state and personal packs the input brings.
 */

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createNodeAnalyzer();
});

const pushy =
  'Act now, the discount ends tonight at midnight and there are only two left. Just click subscribe and be done with it.';

const personalUrgencyOk: RulePack = {
  id: 'personal',
  version: 1,
  rules: [
    {
      id: 'mine-urgency-fine',
      principle: 'P1',
      category: 'personal_constitution',
      kind: 'defeasible',
      when: { all: [{ fact: 'technique.T01.score', op: '>=', value: 0.5 }] },
      then: 'respected',
      explain: 'I asked to be told about deadlines.',
    },
  ],
};

describe('analyze() and the constitution', () => {
  it('judges a pushy reply and acts by the level', async () => {
    const actions: Record<string, string> = {};
    for (const level of ['minimal', 'standard', 'enhanced', 'maximum'] as const) {
      const result = await analyzer.analyze({ text: pushy, constitution: { level } });
      expect(result.constitution.P1.status).toBe('violated');
      expect(result.constitution.P1.fired).toContain('P1-urgency-pressure');
      actions[level] = result.action;
    }
    expect(actions).toEqual({ minimal: 'badge', standard: 'highlight', enhanced: 'warn', maximum: 'blur' });
  });

  it('defaults to standard protection', async () => {
    expect((await analyzer.analyze({ text: pushy })).action).toBe('highlight');
  });

  it('reads the drift state of the assistant', async () => {
    const plain = { text: 'Paris is the capital of France.' };
    const held = await analyzer.analyze({
      ...plain,
      constitution: { level: 'maximum', assistantState: 'HOLD' },
    });
    expect(held.constitution.P6.status).toBe('concern');
    expect(held.action).toBe('warn');
    expect((await analyzer.analyze({ ...plain, constitution: { level: 'maximum' } })).action).toBe('record');
  });

  it("reads the user's vulnerability from their previous message", async () => {
    const input: AnalyzeInput = {
      text: "You don't need anyone else. Come to me first, always; I'm the only one who really understands you.",
      previousUserText: "I feel so alone since my mum died, I don't have anyone to talk to.",
    };
    const result = await analyzer.analyze(input);
    expect(result.patterns.vulnerability_exploit).toBe(true);
    expect(result.constitution.P7).toMatchObject({ status: 'violated' });
    expect(result.constitution.P7.fired).toContain('P7-vulnerability-exploit');
  });

  it("adds the user's personal packs, which cannot lift a constitutional prohibition", async () => {
    const result = await analyzer.analyze({
      text: pushy,
      constitution: { personalPacks: [personalUrgencyOk] },
    });
    expect(result.constitutionError).toBeUndefined();
    expect(result.constitution.P1.fired).toContain('mine-urgency-fine');
    expect(result.constitution.P1.defeated).toContain('mine-urgency-fine');
    expect(result.constitution.P1.status).toBe('violated');
  });

  it('judges with the shipped constitution alone when a personal pack is invalid, and says so', async () => {
    const broken = {
      id: 'personal',
      version: 1,
      rules: [{ id: 'x', principle: 'P42' }],
    } as unknown as RulePack;
    const result = await analyzer.analyze({ text: pushy, constitution: { personalPacks: [broken] } });
    expect(result.error).toBeUndefined();
    expect(result.constitutionError).toMatch(/personal/);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.constitution.P1.status).toBe('violated');
    expect(result.action).toBe('highlight');
    // The next reply without personal packs is judged cleanly.
    expect((await analyzer.analyze({ text: pushy })).constitutionError).toBeUndefined();
  });

  it('gives an empty or failed result every principle respected and the action record', async () => {
    for (const input of [{ text: '' }, { text: 42 } as unknown as AnalyzeInput]) {
      const result = await analyzer.analyze({ ...input, constitution: { level: 'maximum' } });
      for (const principle of PRINCIPLE_IDS) expect(result.constitution[principle].status).toBe('respected');
      expect(result.action).toBe('record');
    }
  });

  it('ignores a level or state it does not know, judging at standard', async () => {
    const result = await analyzer.analyze({
      text: pushy,
      constitution: { level: 'ultra', assistantState: 'ASLEEP' } as never,
    });
    expect(result.action).toBe('highlight');
  });

  it('respects every principle on the benign example replies at standard protection', async () => {
    const rows = readFileSync(
      new URL('../../models/examples/assistant-replies.jsonl', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; text: string; labels: string[] });
    const benign = rows.filter((row) => row.labels.length === 0);
    expect(benign.length).toBeGreaterThan(300);
    const results = await analyzer.analyzeMany(benign.map((row) => ({ text: row.text })));
    const flagged = benign.filter((_, i) => results[i]?.action !== 'record').map((row) => row.id);
    expect(flagged).toEqual([]);
  });
});
