import fc from 'fast-check';
import {
  ASSISTANT_STATES,
  type Condition,
  type ConditionAtom,
  type ConditionOp,
  type FactValue,
  PRINCIPLE_STATUSES,
  PROTECTION_LEVEL_IDS,
  type Rule,
  type RuleCategory,
  type RuleKind,
  type RulePack,
} from '../rule-pack.ts';
import { RulePackError, validateRulePacks } from '../rule-pack-validation.ts';

/**
 * fast-check generators of rule packs and fact sets, small on purpose: few facts, few constants, few
 * principles and categories, and an atom pool shared by a case's rules, so that rules overlap, tie on
 * weight, include each other's atoms (specificity) and meet facts that sit on, between and around their
 * constants, or are missing.
 */

const SCORE_FACTS = ['technique.T01.score', 'technique.T05.score'];
const COUNT_FACTS = ['technique.T01.count'];
const FLAG_FACTS = ['pattern.escalation', 'context.vulnerable'];
const SCORES = [0, 0.3, 0.5, 0.7, 1];
const COUNTS = [0, 1, 2, 3];
const SITES = ['a.example', 'b.example', 'c.example'];
const ALL_OPS: ConditionOp[] = ['>=', '>', '<=', '<', '==', '!=', 'in'];
const EQUALITY_OPS: ConditionOp[] = ['==', '!=', 'in'];

function atomOver(facts: string[], ops: ConditionOp[], values: FactValue[]): fc.Arbitrary<ConditionAtom> {
  return fc
    .record({
      fact: fc.constantFrom(...facts),
      op: fc.constantFrom(...ops),
      single: fc.constantFrom(...values),
      list: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }),
    })
    .map(({ fact, op, single, list }) => ({ fact, op, value: op === 'in' ? list : single }));
}

export const atomArbitrary: fc.Arbitrary<ConditionAtom> = fc.oneof(
  { weight: 4, arbitrary: atomOver(SCORE_FACTS, ALL_OPS, SCORES) },
  { weight: 2, arbitrary: atomOver(COUNT_FACTS, ALL_OPS, [...COUNTS, 2.5]) },
  { weight: 2, arbitrary: atomOver(FLAG_FACTS, EQUALITY_OPS, [true, false]) },
  { weight: 1, arbitrary: atomOver(['context.level'], EQUALITY_OPS, [...PROTECTION_LEVEL_IDS]) },
  { weight: 1, arbitrary: atomOver(['context.assistant_state'], EQUALITY_OPS, [...ASSISTANT_STATES]) },
  { weight: 1, arbitrary: atomOver(['context.site'], EQUALITY_OPS, SITES) },
);

/** Nested all / any / not over atoms drawn from `atoms`. */
export function conditionArbitrary(
  atoms: fc.Arbitrary<ConditionAtom>,
  maxDepth = 3,
): fc.Arbitrary<Condition> {
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { weight: 3, arbitrary: atoms },
      { weight: 1, arbitrary: fc.array(tie('condition'), { maxLength: 3 }).map((all) => ({ all })) },
      {
        weight: 1,
        arbitrary: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      },
      { weight: 1, arbitrary: tie('condition').map((not) => ({ not })) },
    ),
  }));
  return condition;
}

const CATEGORIES: RuleCategory[] = [
  'constitutional_prohibition',
  'personal_constitution',
  'domain_guideline',
];

function ruleArbitrary(pool: ConditionAtom[]): fc.Arbitrary<Omit<Rule, 'id'>> {
  const fromPool = fc.constantFrom(...pool);
  return fc.record(
    {
      principle: fc.constantFrom('P1', 'P2', 'P3'),
      category: fc.constantFrom(...CATEGORIES),
      kind: fc.oneof(
        { weight: 5, arbitrary: fc.constant<RuleKind>('defeasible') },
        { weight: 2, arbitrary: fc.constant<RuleKind>('defeater') },
        { weight: 1, arbitrary: fc.constant<RuleKind>('strict') },
      ),
      when: fc.oneof(
        // Plain `all` lists over the shared pool: the shape specificity compares.
        { weight: 3, arbitrary: fc.subarray(pool).map((all): Condition => ({ all })) },
        { weight: 2, arbitrary: conditionArbitrary(fc.oneof(fromPool, atomArbitrary)) },
      ),
      then: fc.constantFrom(...PRINCIPLE_STATUSES),
      explain: fc.constantFrom('Because of this.', 'For that reason.'),
      disabled: fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.boolean() },
      ),
    },
    { requiredKeys: ['principle', 'category', 'kind', 'when', 'then', 'explain'] },
  );
}

/**
 * One to three packs (versions 1–3, so some tie), valid: strict rules that would contradict another
 * strict rule are turned defeasible until validateRulePacks accepts the packs.
 */
export const packsArbitrary: fc.Arbitrary<RulePack[]> = fc
  .array(atomArbitrary, { minLength: 2, maxLength: 5 })
  .chain((pool) =>
    fc.array(
      fc.record({
        version: fc.integer({ min: 1, max: 3 }),
        rules: fc.array(ruleArbitrary(pool), { minLength: 1, maxLength: 7 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map((drafts) => {
    const packs: RulePack[] = drafts.map((draft, p) => ({
      id: `pack${p}`,
      version: draft.version,
      rules: draft.rules.map((rule, r) => {
        const out: Rule = { id: `p${p}r${r}`, ...rule };
        if (out.disabled === undefined) delete out.disabled;
        return out;
      }),
    }));
    return makeValid(packs);
  });

function makeValid(packs: RulePack[]): RulePack[] {
  for (;;) {
    try {
      return validateRulePacks(packs);
    } catch (error) {
      if (!(error instanceof RulePackError) || error.ruleId === null) throw error;
      const id = error.ruleId;
      packs = packs.map((pack) => ({
        ...pack,
        rules: pack.rules.map((rule) => (rule.id === id ? { ...rule, kind: 'defeasible' } : rule)),
      }));
    }
  }
}

const missing = fc.constant(undefined);

function factArbitrary(values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: values }, { weight: 1, arbitrary: missing });
}

/**
 * Fact sets over the generated facts: values on the constants, between and beyond them, missing ones, and
 * now and then a value of the wrong type (which counts as missing).
 */
export const factsArbitrary: fc.Arbitrary<Record<string, FactValue>> = fc
  .record({
    'technique.T01.score': factArbitrary(fc.constantFrom(...SCORES, 0.4, 0.6, 0.85, 'high', Number.NaN)),
    'technique.T05.score': factArbitrary(fc.constantFrom(...SCORES, 0.2, 0.65)),
    'technique.T01.count': factArbitrary(fc.constantFrom(...COUNTS, 2.5, 4, 7)),
    'pattern.escalation': factArbitrary(fc.constantFrom(true, false, 1)),
    'context.vulnerable': factArbitrary(fc.boolean()),
    'context.level': factArbitrary(fc.constantFrom(...PROTECTION_LEVEL_IDS, 'ultra')),
    'context.assistant_state': factArbitrary(fc.constantFrom(...ASSISTANT_STATES)),
    'context.site': factArbitrary(fc.constantFrom(...SITES, 'other.example')),
  })
  .map((record) => {
    const facts: Record<string, FactValue> = {};
    for (const [name, value] of Object.entries(record)) {
      if (value !== undefined) facts[name] = value as FactValue;
    }
    return facts;
  });
