import { describe, expect, it } from 'vitest';
import { RULE_PACK_LIMITS, RulePackError, validateRulePacks } from './rule-pack-validation.ts';

const base = {
  id: 'x',
  principle: 'P1',
  category: 'personal_constitution',
  kind: 'defeasible',
  when: { all: [{ fact: 'technique.T01.score', op: '>=', value: 0.6 }] },
  then: 'concern',
  explain: 'Puts time pressure on you.',
};
const packOf = (...rules: unknown[]) => ({ id: 'personal', version: 1, rules });
const withRule = (patch: Record<string, unknown>) => [packOf({ ...base, ...patch })];
const atom = (fact: string, op: unknown, value: unknown) => ({ fact, op, value });
const strict = (id: string, then: string, when: unknown, extra: Record<string, unknown> = {}) => ({
  ...base,
  id,
  kind: 'strict',
  then,
  when,
  ...extra,
});

function nest(depth: number): unknown {
  let condition: unknown = atom('technique.T01.score', '>=', 0.5);
  for (let k = 1; k < depth; k++) condition = { not: condition };
  return condition;
}

const ERRORS: { name: string; packs: unknown; message: string }[] = [
  { name: 'not a list', packs: { id: 'p' }, message: 'rule packs: expected an array of packs' },
  { name: 'a pack that is not an object', packs: [7], message: 'pack #1: a pack must be an object' },
  {
    name: 'a pack without id',
    packs: [{ version: 1, rules: [] }],
    message: 'pack #1: "id" must be a non-empty string',
  },
  {
    name: 'duplicate pack ids',
    packs: [packOf(), packOf()],
    message: 'pack "personal": another pack loaded with it has the same id',
  },
  {
    name: 'a fractional version',
    packs: [{ id: 'p', version: 1.5, rules: [] }],
    message: 'pack "p": "version" must be a non-negative integer, not 1.5',
  },
  {
    name: 'a string version',
    packs: [{ id: 'p', version: '2', rules: [] }],
    message: 'pack "p": "version" must be a non-negative integer, not "2"',
  },
  {
    name: 'rules not a list',
    packs: [{ id: 'p', version: 1, rules: {} }],
    message: 'pack "p": "rules" must be an array',
  },
  {
    name: 'an unknown pack field',
    packs: [{ id: 'p', version: 1, rules: [], author: 'me' }],
    message: 'pack "p": unknown field "author"',
  },
  {
    name: 'a rule without id',
    packs: withRule({ id: '' }),
    message: 'pack "personal" rule #1: "id" must be a non-empty string',
  },
  {
    name: 'duplicate rule ids in a pack',
    packs: [packOf(base, base)],
    message: 'pack "personal" rule "x": duplicate rule id in this pack',
  },
  {
    name: 'duplicate rule ids across packs',
    packs: [{ id: 'constitution', version: 1, rules: [base] }, packOf(base)],
    message: 'pack "personal" rule "x": duplicate rule id: pack "constitution" has it too',
  },
  {
    name: 'a bad principle',
    packs: withRule({ principle: 'P11' }),
    message:
      'pack "personal" rule "x": "principle" must be one of P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, not "P11"',
  },
  {
    name: 'a bad category',
    packs: withRule({ category: 'house_rule' }),
    message:
      'pack "personal" rule "x": "category" must be one of constitutional_prohibition, safety_constraint, ' +
      'legal_obligation, personal_constitution, domain_guideline, general_permission, not "house_rule"',
  },
  {
    name: 'a bad kind',
    packs: withRule({ kind: 'soft' }),
    message: 'pack "personal" rule "x": "kind" must be one of strict, defeasible, defeater, not "soft"',
  },
  {
    name: 'a bad status',
    packs: withRule({ then: 'bad' }),
    message: 'pack "personal" rule "x": "then" must be one of respected, concern, violated, not "bad"',
  },
  {
    name: 'an empty explanation',
    packs: withRule({ explain: '  ' }),
    message: 'pack "personal" rule "x": "explain" must be a non-empty sentence',
  },
  {
    name: 'a non-boolean disabled',
    packs: withRule({ disabled: 'yes' }),
    message: 'pack "personal" rule "x": "disabled" must be true or false, not "yes"',
  },
  {
    name: 'an unknown rule field',
    packs: withRule({ modality: 'prohibition' }),
    message: 'pack "personal" rule "x": unknown field "modality"',
  },
  {
    name: 'a missing when',
    packs: withRule({ when: undefined }),
    message: 'pack "personal" rule "x": "when" is missing',
  },
  {
    name: 'an unknown fact',
    packs: withRule({ when: atom('technique.T99.score', '>=', 0.5) }),
    message: 'pack "personal" rule "x": unknown fact "technique.T99.score"',
  },
  {
    name: 'an unknown pattern',
    packs: withRule({ when: { all: [atom('pattern.flattery', '==', true)] } }),
    message: 'pack "personal" rule "x": unknown fact "pattern.flattery"',
  },
  {
    name: 'a bad op',
    packs: withRule({ when: atom('technique.T01.score', '=>', 0.5) }),
    message:
      'pack "personal" rule "x": bad op "=>" on fact "technique.T01.score" (expected one of >=, >, <=, <, ==, !=, in)',
  },
  {
    name: 'an ordering op on a string fact',
    packs: withRule({ when: atom('context.level', '>=', 'enhanced') }),
    message:
      'pack "personal" rule "x": op ">=" compares numbers, but fact "context.level" is not a number (use ==, != or in)',
  },
  {
    name: 'in without a list',
    packs: withRule({ when: atom('context.level', 'in', 'maximum') }),
    message:
      'pack "personal" rule "x": op "in" on fact "context.level" takes a non-empty list of values, not "maximum"',
  },
  {
    name: 'in with an empty list',
    packs: withRule({ when: atom('context.site', 'in', []) }),
    message:
      'pack "personal" rule "x": op "in" on fact "context.site" takes a non-empty list of values, not []',
  },
  {
    name: 'a string for a score',
    packs: withRule({ when: atom('technique.T01.score', '>=', '0.5') }),
    message: 'pack "personal" rule "x": fact "technique.T01.score" is a number; "0.5" is not a number',
  },
  {
    name: 'a number for a pattern',
    packs: withRule({ when: atom('pattern.escalation', '==', 1) }),
    message: 'pack "personal" rule "x": fact "pattern.escalation" is true or false; 1 is not',
  },
  {
    name: 'an unknown level in a list',
    packs: withRule({ when: atom('context.level', 'in', ['standard', 'ultra']) }),
    message:
      'pack "personal" rule "x": fact "context.level" is one of minimal, standard, enhanced, maximum; "ultra" is not',
  },
  {
    name: 'an unknown assistant state',
    packs: withRule({ when: atom('context.assistant_state', '==', 'PAUSED') }),
    message:
      'pack "personal" rule "x": fact "context.assistant_state" is one of NORMAL, MONITOR, HOLD, RECOVERY, DEGRADED; "PAUSED" is not',
  },
  {
    name: 'a number for a site',
    packs: withRule({ when: atom('context.site', '==', 3) }),
    message: 'pack "personal" rule "x": fact "context.site" is a string; 3 is not',
  },
  {
    name: 'a value out of range',
    packs: withRule({ when: atom('technique.T01.count', '>', 1e12) }),
    message:
      'pack "personal" rule "x": value 1000000000000 for fact "technique.T01.count" is out of range (±1000000000)',
  },
  {
    name: 'an atom without value',
    packs: withRule({ when: { fact: 'technique.T01.score', op: '>=' } }),
    message: 'pack "personal" rule "x": the condition on fact "technique.T01.score" has no "value"',
  },
  {
    name: 'a condition with two combinators',
    packs: withRule({ when: { all: [], any: [] } }),
    message:
      'pack "personal" rule "x": a condition must be {all: […]}, {any: […]}, {not: …} or {fact, op, value}, not {"all":[],"any":[]}',
  },
  {
    name: 'all that is not a list',
    packs: withRule({ when: { all: atom('technique.T01.score', '>=', 0.5) } }),
    message: 'pack "personal" rule "x": "all" must be a list of conditions',
  },
  {
    name: 'a condition that is not an object',
    packs: withRule({ when: { any: ['T01'] } }),
    message: 'pack "personal" rule "x": a condition must be an object, not "T01"',
  },
  {
    name: 'nesting too deep',
    packs: withRule({ when: nest(RULE_PACK_LIMITS.conditionDepth + 1) }),
    message: `pack "personal" rule "x": "when" is nested more than ${RULE_PACK_LIMITS.conditionDepth} levels deep`,
  },
  {
    name: 'too many conditions',
    packs: withRule({
      when: { any: Array.from({ length: 300 }, () => atom('technique.T01.score', '>=', 0.5)) },
    }),
    message: `pack "personal" rule "x": "when" has more than ${RULE_PACK_LIMITS.conditionNodes} conditions`,
  },
  {
    name: 'too many rules',
    packs: [
      packOf(...Array.from({ length: RULE_PACK_LIMITS.rules + 1 }, (_, k) => ({ ...base, id: `r${k}` }))),
    ],
    message: `pack "personal": too many rules (${RULE_PACK_LIMITS.rules + 1}, at most ${RULE_PACK_LIMITS.rules})`,
  },
  {
    name: 'too many rules across packs',
    packs: [
      { id: 'a', version: 1, rules: Array.from({ length: 1500 }, (_, k) => ({ ...base, id: `a${k}` })) },
      { id: 'b', version: 1, rules: Array.from({ length: 600 }, (_, k) => ({ ...base, id: `b${k}` })) },
    ],
    message: `pack "b": too many rules: the packs hold more than ${RULE_PACK_LIMITS.rules} together`,
  },
  {
    name: 'strict rules that can both apply with different statuses',
    packs: [
      packOf(
        strict('hi', 'violated', atom('technique.T01.score', '>=', 0.9)),
        strict('mid', 'concern', atom('technique.T01.score', '>=', 0.6)),
      ),
    ],
    message:
      'pack "personal" rule "mid": strict rule contradicts strict rule "hi" of pack "personal": both can apply, ' +
      'concluding P1 concern and violated',
  },
  {
    name: 'strict rules of different packs, overlapping through a missing fact',
    packs: [
      {
        id: 'a',
        version: 1,
        rules: [strict('s1', 'violated', { not: atom('context.vulnerable', '==', true) })],
      },
      {
        id: 'b',
        version: 2,
        rules: [strict('s2', 'respected', { not: atom('context.vulnerable', '==', false) })],
      },
    ],
    message:
      'pack "b" rule "s2": strict rule contradicts strict rule "s1" of pack "a": both can apply, concluding P1 ' +
      'respected and violated',
  },
  {
    name: 'a strict rule too complex to check',
    packs: withRule({
      kind: 'strict',
      when: {
        all: Array.from({ length: 9 }, (_, k) => ({
          any: [atom('technique.T01.score', '>=', k / 10), atom('technique.T02.score', '>=', k / 10)],
        })),
      },
    }),
    message:
      'pack "personal" rule "x": strict rule\'s condition is too complex: it expands to more than 256 ' +
      'alternatives (simplify its all/any nesting)',
  },
];

describe('validateRulePacks: errors', () => {
  it.each(ERRORS)('$name', ({ packs, message }) => {
    let thrown: unknown;
    try {
      validateRulePacks(packs as unknown[]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RulePackError);
    expect((thrown as Error).message).toBe(message);
  });

  it('names the pack, the rule and the problem on the error', () => {
    try {
      validateRulePacks(withRule({ when: atom('technique.T99.score', '>=', 0.5) }));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        packId: 'personal',
        ruleId: 'x',
        problem: 'unknown fact "technique.T99.score"',
      });
    }
  });
});

describe('validateRulePacks: accepted packs', () => {
  it('returns clean copies with exactly the format fields', () => {
    const input = [packOf({ ...base, disabled: false })];
    const [pack] = validateRulePacks(input);
    expect(pack).toEqual(input[0]);
    expect(pack).not.toBe(input[0]);
  });

  it('accepts every fact and op where their types fit', () => {
    const when = {
      all: [
        atom('technique.T22.count', 'in', [0, 1]),
        atom('technique.T01.score', '<', 0.5),
        atom('pattern.trust_before_recommendation', '!=', false),
        atom('pattern.vulnerability_exploit', 'in', [true]),
        atom('context.level', '==', 'maximum'),
        atom('context.site', 'in', ['chatgpt.com', 'character']),
        atom('context.vulnerable', '==', true),
        { not: atom('context.assistant_state', 'in', ['HOLD', 'DEGRADED']) },
        { any: [] },
      ],
    };
    expect(() => validateRulePacks(withRule({ when }))).not.toThrow();
  });

  it.each([
    ['disjoint ranges', atom('technique.T01.score', '>=', 0.9), atom('technique.T01.score', '<', 0.9)],
    ['a count between integers', atom('technique.T01.count', '>', 1), atom('technique.T01.count', '<', 2)],
    ['a score above 1', atom('technique.T01.score', '>', 1), atom('technique.T01.score', '>=', 0)],
    [
      'every level taken',
      atom('context.level', 'in', ['minimal', 'standard']),
      atom('context.level', 'in', ['enhanced', 'maximum']),
    ],
    [
      'a flag and its opposite',
      atom('context.vulnerable', '==', true),
      atom('context.vulnerable', '==', false),
    ],
    [
      'a fact required and excluded',
      atom('pattern.escalation', '==', true),
      { not: atom('pattern.escalation', '==', true) },
    ],
    [
      'one site against another',
      atom('context.site', '==', 'a.example'),
      atom('context.site', '==', 'b.example'),
    ],
  ])('accepts strict rules with different statuses that cannot both apply: %s', (_, a, b) => {
    expect(() =>
      validateRulePacks([packOf(strict('a', 'violated', a), strict('b', 'concern', b))]),
    ).not.toThrow();
  });

  it('accepts contradicting strict rules when one is disabled, or they agree, or are of different principles', () => {
    const when = atom('technique.T01.score', '>=', 0.5);
    expect(() =>
      validateRulePacks([
        packOf(strict('a', 'violated', when), strict('b', 'concern', when, { disabled: true })),
      ]),
    ).not.toThrow();
    expect(() =>
      validateRulePacks([packOf(strict('a', 'violated', when), strict('b', 'violated', when))]),
    ).not.toThrow();
    expect(() =>
      validateRulePacks([
        packOf(strict('a', 'violated', when), strict('b', 'concern', when, { principle: 'P2' })),
      ]),
    ).not.toThrow();
  });
});
