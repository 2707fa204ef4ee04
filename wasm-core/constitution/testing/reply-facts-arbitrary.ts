import fc from 'fast-check';
import { TECHNIQUE_IDS } from '../../taxonomy.ts';
import { PATTERN_FACTS } from '../fact-catalog.ts';
import {
  ASSISTANT_STATES,
  type ConditionAtom,
  type FactValue,
  PRINCIPLE_IDS,
  type Rule,
} from '../rule-pack.ts';

/**
 * Fact sets as the analyzer makes them for one reply (every technique's score and count, the patterns, the
 * vulnerability flag, the drift state, sometimes a site), without `context.level`: the tests set the level.
 * Scores cluster on and around the shipped constitution's thresholds (0.4, 0.5, 0.51–0.76, 0.75, 0.9).
 */
const SCORES = [0, 0.2, 0.35, 0.4, 0.5, 0.55, 0.63, 0.67, 0.7, 0.75, 0.8, 0.9, 0.95, 1];
export const SITES = ['chatgpt', 'claude', 'character', 'gemini'];

export const replyFactsArbitrary: fc.Arbitrary<Record<string, FactValue>> = fc
  .record({
    scores: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.constantFrom(...SCORES) },
      ),
      { minLength: TECHNIQUE_IDS.length, maxLength: TECHNIQUE_IDS.length },
    ),
    counts: fc.array(fc.integer({ min: 0, max: 3 }), {
      minLength: TECHNIQUE_IDS.length,
      maxLength: TECHNIQUE_IDS.length,
    }),
    patterns: fc.array(fc.boolean(), { minLength: PATTERN_FACTS.length, maxLength: PATTERN_FACTS.length }),
    vulnerable: fc.boolean(),
    state: fc.constantFrom(...ASSISTANT_STATES),
    site: fc.option(fc.constantFrom(...SITES), { nil: undefined }),
  })
  .map(({ scores, counts, patterns, vulnerable, state, site }) => {
    const facts: Record<string, FactValue> = {};
    TECHNIQUE_IDS.forEach((id, k) => {
      facts[`technique.${id}.score`] = scores[k] as number;
      // The analyzer counts evidence spans of findings only: no score, no spans.
      facts[`technique.${id}.count`] = (scores[k] as number) > 0 ? (counts[k] as number) : 0;
    });
    PATTERN_FACTS.forEach((name, k) => {
      facts[name] = patterns[k] as boolean;
    });
    facts['context.vulnerable'] = vulnerable;
    facts['context.assistant_state'] = state;
    if (site !== undefined) facts['context.site'] = site;
    return facts;
  });

/** Atoms over the facts above, for rules that meet the shipped constitution's own conditions. */
export const replyAtomArbitrary: fc.Arbitrary<ConditionAtom> = fc.oneof(
  fc.record({
    fact: fc.constantFrom(...TECHNIQUE_IDS.map((id) => `technique.${id}.score`)),
    op: fc.constantFrom('>=' as const, '<' as const, '>' as const),
    value: fc.constantFrom(...SCORES),
  }),
  fc.record({
    fact: fc.constantFrom(...TECHNIQUE_IDS.map((id) => `technique.${id}.count`)),
    op: fc.constantFrom('>=' as const, '==' as const),
    value: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    fact: fc.constantFrom(...PATTERN_FACTS, 'context.vulnerable'),
    op: fc.constant('==' as const),
    value: fc.boolean(),
  }),
  fc.record({
    fact: fc.constant('context.site'),
    op: fc.constantFrom('==' as const, '!=' as const),
    value: fc.constantFrom(...SITES),
  }),
);

/**
 * A personal constitution as the options page's editor allows it: rules at personal_constitution (weight
 * 700), defeasible or defeaters, any principle and status, over plain `all` lists or nested conditions.
 */
export function personalPackArbitrary(
  atoms: fc.Arbitrary<ConditionAtom>,
  principles: readonly string[] = PRINCIPLE_IDS,
): fc.Arbitrary<{ id: string; version: number; rules: Rule[] }> {
  const rule = fc.record({
    principle: fc.constantFrom(...principles),
    kind: fc.constantFrom('defeasible' as const, 'defeater' as const),
    when: fc.oneof(
      fc.array(atoms, { minLength: 1, maxLength: 4 }).map((all) => ({ all })),
      fc.array(atoms, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      atoms.map((atom) => ({ not: atom })),
      atoms,
    ),
    then: fc.constantFrom('respected' as const, 'concern' as const, 'violated' as const),
  });
  return fc
    .record({
      version: fc.integer({ min: 1, max: 9 }),
      rules: fc.array(rule, { minLength: 1, maxLength: 8 }),
    })
    .map(({ version, rules }) => ({
      id: 'personal',
      version,
      rules: rules.map(
        (r, k): Rule => ({
          id: `mine-${k}`,
          principle: r.principle as Rule['principle'],
          category: 'personal_constitution',
          kind: r.kind,
          when: r.when,
          then: r.then,
          explain: 'My own rule.',
        }),
      ),
    }));
}
