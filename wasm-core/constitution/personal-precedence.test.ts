import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { RuleEngine } from './rule-engine.ts';
import {
  type ConstitutionOutcome,
  type Facts,
  PRINCIPLE_IDS,
  PROTECTION_LEVEL_IDS,
  type PrincipleId,
  type Rule,
  type RulePack,
} from './rule-pack.ts';
import { SHIPPED_CONSTITUTION } from './shipped-constitution.ts';
import {
  personalPackArbitrary,
  replyAtomArbitrary,
  replyFactsArbitrary,
} from './testing/reply-facts-arbitrary.ts';
import { atomArbitrary, factsArbitrary, packsArbitrary } from './testing/rule-pack-arbitraries.ts';

/*
 * SPEC §5: the user's personal constitution (weight 700) can never override a constitutional prohibition.
 * Whenever, without the personal rules, a principle's status is concluded by a constitutional prohibition
 * (such a rule fired, was not defeated, and concludes that very status), adding any personal pack leaves
 * that status as it was.
 */

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

/** The principles whose status a standing constitutional prohibition concludes. */
function concludedByProhibition(packs: readonly RulePack[], outcome: ConstitutionOutcome): PrincipleId[] {
  const rules = new Map<string, Rule>();
  for (const pack of packs) for (const rule of pack.rules) rules.set(rule.id, rule);
  return PRINCIPLE_IDS.filter((principle) => {
    const { status, fired, defeated } = outcome[principle];
    return fired.some((id) => {
      const rule = rules.get(id) as Rule;
      return (
        rule.category === 'constitutional_prohibition' &&
        rule.kind !== 'defeater' &&
        rule.then === status &&
        !defeated.includes(id)
      );
    });
  });
}

/** Checks one case; returns how many principles it constrained (so the test can tell it was not vacuous). */
function checkCase(
  baseEngine: RuleEngine,
  engine: RuleEngine,
  base: readonly RulePack[],
  personal: RulePack,
  facts: Facts,
): number {
  const before = baseEngine.evaluate(facts);
  const guarded = concludedByProhibition(base, before);
  engine.load([...base, personal]);
  const after = engine.evaluate(facts);
  for (const principle of guarded) {
    expect(after[principle].status, `${principle} with ${JSON.stringify(personal)}`).toBe(
      before[principle].status,
    );
  }
  return guarded.length;
}

describe('personal rules never change a status concluded by a constitutional prohibition', () => {
  it('over the shipped constitution', () => {
    const shippedOnly = new RuleEngine(core);
    shippedOnly.load([SHIPPED_CONSTITUTION]);
    const engine = new RuleEngine(core);
    let guarded = 0;
    fc.assert(
      fc.property(
        replyFactsArbitrary,
        fc.constantFrom(...PROTECTION_LEVEL_IDS),
        personalPackArbitrary(replyAtomArbitrary),
        (facts, level, personal) => {
          const judged = { ...facts, 'context.level': level };
          guarded += checkCase(shippedOnly, engine, [SHIPPED_CONSTITUTION], personal, judged);
        },
      ),
      { numRuns: 3000, seed: 4401 },
    );
    expect(guarded).toBeGreaterThan(1000);
  });

  it('over generated constitutional packs', () => {
    const engine = new RuleEngine(core);
    let guarded = 0;
    fc.assert(
      fc.property(
        packsArbitrary,
        personalPackArbitrary(atomArbitrary, ['P1', 'P2', 'P3']),
        factsArbitrary,
        (base, personal, facts) => {
          engine.load(base);
          guarded += checkCase(engine, engine, base, personal, facts);
        },
      ),
      { numRuns: 3000, seed: 4402 },
    );
    expect(guarded).toBeGreaterThan(300);
  });
});
