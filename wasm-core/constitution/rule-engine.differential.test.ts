import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { RuleEngine } from './rule-engine.ts';
import {
  CATEGORY_WEIGHTS,
  type ConstitutionOutcome,
  type Facts,
  PRINCIPLE_IDS,
  type Rule,
  type RulePack,
} from './rule-pack.ts';
import { referenceEvaluate, strictDisagreements } from './testing/reference-evaluator.ts';
import { factsArbitrary, packsArbitrary } from './testing/rule-pack-arbitraries.ts';

const CASES = 10_000;

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

/** Scores in [0, 1], counts non-negative integers, levels and states from their lists. */
function withinDomains(facts: Facts): boolean {
  return Object.entries(facts).every(([name, value]) => {
    if (typeof value !== 'number') return name !== 'context.level' || value !== 'ultra';
    if (name.endsWith('.score')) return value >= 0 && value <= 1;
    return Number.isInteger(value) && value >= 0;
  });
}

/** Which resolution steps an outcome went through, to check the generator reaches every one. */
function stepsTaken(packs: readonly RulePack[], outcome: ConstitutionOutcome): string[] {
  const rules = new Map<string, { rule: Rule; version: number }>();
  for (const pack of packs)
    for (const rule of pack.rules) rules.set(rule.id, { rule, version: pack.version });
  const steps: string[] = [];
  for (const principle of PRINCIPLE_IDS) {
    const { fired, defeated, status } = outcome[principle];
    const firedRules = fired.map((id) => rules.get(id) as { rule: Rule; version: number });
    if (firedRules.some(({ rule }) => rule.kind === 'strict')) {
      steps.push(defeated.length > 0 ? 'strict over defeasible' : 'strict');
      continue;
    }
    for (const id of defeated) {
      const r = rules.get(id) as { rule: Rule; version: number };
      for (const s of firedRules) {
        if (s.rule.id === id) continue;
        const opposes =
          s.rule.kind === 'defeater' ? s.rule.then === r.rule.then : s.rule.then !== r.rule.then;
        if (!opposes) continue;
        const tie = CATEGORY_WEIGHTS[s.rule.category] === CATEGORY_WEIGHTS[r.rule.category];
        const kind = s.rule.kind === 'defeater' ? 'defeater' : 'defeasible';
        if (!tie) steps.push(`${kind} wins on weight`);
        else if (
          'all' in s.rule.when &&
          'all' in r.rule.when &&
          s.rule.when.all.length > r.rule.when.all.length
        ) {
          steps.push(`${kind} wins at equal weight (specificity)`);
        } else if (s.version > r.version) steps.push(`${kind} wins at equal weight (version)`);
      }
    }
    const standing = firedRules.filter(
      ({ rule }) => rule.kind === 'defeasible' && !defeated.includes(rule.id),
    );
    const statuses = new Set(standing.map(({ rule }) => rule.then));
    if (statuses.size === 0) steps.push(fired.length > 0 ? 'respected after defeat' : 'nothing fired');
    else steps.push(statuses.size === 1 ? `undefeated agree (${status})` : 'undefeated disagree');
  }
  return steps;
}

describe('RuleEngine against the reference evaluator', () => {
  it(`agrees on ${CASES} generated packs and fact sets`, () => {
    const engine = new RuleEngine(core);
    const seen = new Map<string, number>();
    let cases = 0;
    fc.assert(
      fc.property(packsArbitrary, factsArbitrary, (packs, facts: Facts) => {
        engine.load(packs);
        const expected = referenceEvaluate(packs, facts);
        const actual = engine.evaluate(facts);
        // toEqual only on a difference, for its diff: comparing 10,000 outcomes that way is slow.
        if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
        // Validation let these packs through, so no fact set within the facts' domains may make strict rules
        // disagree (outside them, a count of 2.5 say, step 1 takes the most severe).
        if (withinDomains(facts)) {
          const disagreements = strictDisagreements(packs, facts);
          if (disagreements.length > 0) expect(disagreements).toEqual([]);
        }
        for (const step of stepsTaken(packs, expected)) seen.set(step, (seen.get(step) ?? 0) + 1);
        cases++;
      }),
      { numRuns: CASES },
    );
    expect(cases).toBe(CASES);
    for (const step of [
      'strict',
      'strict over defeasible',
      'defeasible wins on weight',
      'defeasible wins at equal weight (specificity)',
      'defeasible wins at equal weight (version)',
      'defeater wins on weight',
      'defeater wins at equal weight (specificity)',
      'defeater wins at equal weight (version)',
      'respected after defeat',
      'undefeated agree (concern)',
      'undefeated agree (violated)',
      'undefeated agree (respected)',
      'undefeated disagree',
      'nothing fired',
    ]) {
      expect(seen.get(step) ?? 0, `cases reaching "${step}"`).toBeGreaterThan(20);
    }
  }, 120_000);
});
