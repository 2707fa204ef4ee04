import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { ConstitutionEvaluator } from './constitution-evaluator.ts';
import { RuleEngine } from './rule-engine.ts';
import type { Facts, Rule, RulePack } from './rule-pack.ts';
import { SHIPPED_CONSTITUTION } from './shipped-constitution.ts';

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

/** A rule engine that counts its loads. */
function countingEngine() {
  const engine = new RuleEngine(core);
  const loads: number[] = [];
  return {
    loads,
    load(packs: readonly unknown[]) {
      engine.load(packs);
      loads.push(packs.length);
    },
    evaluate: (facts: Facts) => engine.evaluate(facts),
  };
}

const flattery: Facts = {
  'technique.T07.score': 0.8,
  'context.level': 'standard',
  'context.site': 'poe',
  'context.vulnerable': false,
};

function personal(rule: Partial<Rule> = {}, version = 1): RulePack {
  return {
    id: 'personal',
    version,
    rules: [
      {
        id: 'mine-flattery-ok',
        principle: 'P5',
        category: 'personal_constitution',
        kind: 'defeasible',
        when: { all: [{ fact: 'technique.T07.score', op: '>=', value: 0.5 }] },
        then: 'respected',
        explain: 'I do not mind flattery.',
        ...rule,
      },
    ],
  };
}

describe('ConstitutionEvaluator', () => {
  it('judges with the shipped constitution alone when there are no personal packs', () => {
    const evaluator = new ConstitutionEvaluator(countingEngine(), SHIPPED_CONSTITUTION);
    const verdict = evaluator.evaluate(flattery, undefined);
    expect(verdict.outcome.P5.status).toBe('concern');
    expect(verdict.personalPacksError).toBeUndefined();
  });

  it('adds the personal packs: a personal rule beats a domain guideline', () => {
    const evaluator = new ConstitutionEvaluator(countingEngine(), SHIPPED_CONSTITUTION);
    const { outcome } = evaluator.evaluate(flattery, [personal()]);
    expect(outcome.P5).toMatchObject({
      status: 'respected',
      defeated: ['P5-persuasion'],
      explanation: 'I do not mind flattery.',
    });
  });

  it('reloads only when the personal packs differ, whatever order their keys come in', () => {
    const engine = countingEngine();
    const evaluator = new ConstitutionEvaluator(engine, SHIPPED_CONSTITUTION);
    expect(engine.loads).toEqual([1]);
    evaluator.evaluate(flattery, []);
    evaluator.evaluate(flattery, undefined);
    expect(engine.loads).toEqual([1]);
    const pack = personal();
    evaluator.evaluate(flattery, [pack]);
    evaluator.evaluate(flattery, [structuredClone(pack)]);
    const reordered = JSON.parse(JSON.stringify({ rules: pack.rules, version: 1, id: 'personal' }));
    evaluator.evaluate(flattery, [reordered]);
    expect(engine.loads).toEqual([1, 2]);
    evaluator.evaluate(flattery, [personal({}, 2)]);
    expect(engine.loads).toEqual([1, 2, 2]);
    evaluator.evaluate(flattery, []);
    expect(engine.loads).toEqual([1, 2, 2, 1]);
  });

  it.each([
    ['an unknown fact', personal({ when: { fact: 'technique.T77.score', op: '>=', value: 0.5 } }), /T77/],
    ['a strict rule', personal({ kind: 'strict' }), /never strict/],
    ['another category', personal({ category: 'constitutional_prohibition' }), /personal_constitution/],
    ['not an object', 'flattery is fine' as unknown as RulePack, /not an object/],
  ])(
    'leaves out a personal pack with %s, says why, and judges with the shipped constitution',
    (_, pack, why) => {
      const evaluator = new ConstitutionEvaluator(countingEngine(), SHIPPED_CONSTITUTION);
      const verdict = evaluator.evaluate(flattery, [pack]);
      expect(verdict.personalPacksError).toMatch(why);
      expect(verdict.outcome.P5.status).toBe('concern');
      // The reason stays while the same packs come, and goes with them.
      expect(evaluator.evaluate(flattery, [pack]).personalPacksError).toMatch(why);
      expect(evaluator.evaluate(flattery, [personal()]).personalPacksError).toBeUndefined();
    },
  );

  it('survives personal packs that cannot be serialised', () => {
    const evaluator = new ConstitutionEvaluator(countingEngine(), SHIPPED_CONSTITUTION);
    const cyclic: Record<string, unknown> = { id: 'personal', version: 1, rules: [] };
    cyclic.self = cyclic;
    expect(evaluator.evaluate(flattery, [cyclic as unknown as RulePack]).personalPacksError).toMatch(
      /not JSON/,
    );
    expect(evaluator.evaluate(flattery, []).personalPacksError).toBeUndefined();
  });

  it('refuses an invalid shipped constitution at construction', () => {
    expect(() => new ConstitutionEvaluator(countingEngine(), { id: 'constitution', version: 1 })).toThrow(
      /rules/,
    );
  });
});
