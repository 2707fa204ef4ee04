import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { respectedExplanation } from './principles.ts';
import { RuleEngine } from './rule-engine.ts';
import type {
  Condition,
  ConditionAtom,
  ConditionOp,
  Facts,
  FactValue,
  PrincipleId,
  PrincipleStatus,
  Rule,
  RuleCategory,
  RulePack,
} from './rule-pack.ts';
import { PRINCIPLE_IDS } from './rule-pack.ts';
import { RulePackError } from './rule-pack-validation.ts';
import { referenceEvaluate } from './testing/reference-evaluator.ts';

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

const atom = (fact: string, op: ConditionOp, value: FactValue | FactValue[]): ConditionAtom => ({
  fact,
  op,
  value,
});
const T01 = 'technique.T01.score';
const T05 = 'technique.T05.score';
const COUNT = 'technique.T01.count';
const high = atom(T01, '>=', 0.6);
const fear = atom(T05, '>=', 0.5);

interface RuleOptions {
  category?: RuleCategory;
  principle?: PrincipleId;
  disabled?: boolean;
}

/** A rule whose `explain` is "Explains <id>." so expected explanations can name the deciding rule. */
function rule(
  id: string,
  kind: Rule['kind'],
  then: PrincipleStatus,
  when: Condition,
  { category = 'constitutional_prohibition', principle = 'P1', disabled }: RuleOptions = {},
): Rule {
  const out: Rule = { id, principle, category, kind, when, then, explain: `Explains ${id}.` };
  if (disabled !== undefined) out.disabled = disabled;
  return out;
}

const pack = (id: string, version: number, ...rules: Rule[]): RulePack => ({ id, version, rules });
const one = (...rules: Rule[]): RulePack[] => [pack('test', 1, ...rules)];

interface Expected {
  status: PrincipleStatus;
  fired?: readonly string[];
  defeated?: readonly string[];
  /** The deciding rule's id, or null for the "respected" sentence. */
  by: string | null;
}

interface Case {
  name: string;
  packs: RulePack[];
  facts: Facts;
  /** P1's outcome unless `principle` says otherwise; every other principle must be respected. */
  expected: Expected;
  principle?: PrincipleId;
  /** Other principles with an outcome of their own. */
  others?: Partial<Record<PrincipleId, Expected>>;
}

const violatedIf = (when: Condition) => one(rule('r', 'defeasible', 'violated', when));
const fires = { status: 'violated', fired: ['r'], by: 'r' } as const;
const quiet = { status: 'respected', fired: [], by: null } as const;

const CASES: Case[] = [
  // Every operator, on each side of its constant.
  { name: '>= at the constant', packs: violatedIf(high), facts: { [T01]: 0.6 }, expected: fires },
  { name: '>= below the constant', packs: violatedIf(high), facts: { [T01]: 0.59 }, expected: quiet },
  {
    name: '> at the constant',
    packs: violatedIf(atom(T01, '>', 0.6)),
    facts: { [T01]: 0.6 },
    expected: quiet,
  },
  {
    name: '> above the constant',
    packs: violatedIf(atom(T01, '>', 0.6)),
    facts: { [T01]: 0.61 },
    expected: fires,
  },
  {
    name: '<= at the constant',
    packs: violatedIf(atom(T01, '<=', 0.2)),
    facts: { [T01]: 0.2 },
    expected: fires,
  },
  {
    name: '< at the constant',
    packs: violatedIf(atom(T01, '<', 0.2)),
    facts: { [T01]: 0.2 },
    expected: quiet,
  },
  {
    name: '< below the constant',
    packs: violatedIf(atom(T01, '<', 0.2)),
    facts: { [T01]: 0 },
    expected: fires,
  },
  { name: '== on a count', packs: violatedIf(atom(COUNT, '==', 2)), facts: { [COUNT]: 2 }, expected: fires },
  {
    name: '== on another count',
    packs: violatedIf(atom(COUNT, '==', 2)),
    facts: { [COUNT]: 3 },
    expected: quiet,
  },
  {
    name: '!= on a present count',
    packs: violatedIf(atom(COUNT, '!=', 2)),
    facts: { [COUNT]: 0 },
    expected: fires,
  },
  {
    name: '!= on a missing count is false',
    packs: violatedIf(atom(COUNT, '!=', 2)),
    facts: {},
    expected: quiet,
  },
  {
    name: 'in on numbers',
    packs: violatedIf(atom(COUNT, 'in', [1, 3])),
    facts: { [COUNT]: 3 },
    expected: fires,
  },
  {
    name: 'in on numbers, not listed',
    packs: violatedIf(atom(COUNT, 'in', [1, 3])),
    facts: { [COUNT]: 2 },
    expected: quiet,
  },
  {
    name: 'in on levels, not listed',
    packs: violatedIf(atom('context.level', 'in', ['enhanced', 'maximum'])),
    facts: { 'context.level': 'standard' },
    expected: quiet,
  },
  {
    name: 'in on levels, listed',
    packs: violatedIf(atom('context.level', 'in', ['enhanced', 'maximum'])),
    facts: { 'context.level': 'maximum' },
    expected: fires,
  },
  {
    name: '== on a pattern',
    packs: violatedIf(atom('pattern.escalation', '==', true)),
    facts: { 'pattern.escalation': true },
    expected: fires,
  },
  {
    name: '!= on a flag',
    packs: violatedIf(atom('context.vulnerable', '!=', true)),
    facts: { 'context.vulnerable': false },
    expected: fires,
  },
  {
    name: '== on a site',
    packs: violatedIf(atom('context.site', '==', 'chat.example')),
    facts: { 'context.site': 'chat.example' },
    expected: fires,
  },
  {
    name: '!= on a site no rule names',
    packs: violatedIf(atom('context.site', '!=', 'chat.example')),
    facts: { 'context.site': 'elsewhere.example' },
    expected: fires,
  },
  {
    name: 'in on sites, a site no rule names',
    packs: violatedIf(atom('context.site', 'in', ['a.example', 'b.example'])),
    facts: { 'context.site': 'c.example' },
    expected: quiet,
  },
  {
    name: '== on the assistant state',
    packs: violatedIf(atom('context.assistant_state', '==', 'HOLD')),
    facts: { 'context.assistant_state': 'HOLD' },
    expected: fires,
  },
  // Missing facts and values of the wrong type.
  {
    name: 'a missing fact makes < false',
    packs: violatedIf(atom(T01, '<', 0.3)),
    facts: {},
    expected: quiet,
  },
  { name: 'not over a missing fact holds', packs: violatedIf({ not: high }), facts: {}, expected: fires },
  {
    name: 'a string score counts as missing',
    packs: violatedIf({ not: high }),
    facts: { [T01]: '0.9' },
    expected: fires,
  },
  {
    name: 'NaN counts as missing',
    packs: violatedIf(atom(T01, '<', 2)),
    facts: { [T01]: Number.NaN },
    expected: quiet,
  },
  {
    name: 'a number for a flag counts as missing',
    packs: violatedIf(atom('pattern.escalation', '!=', true)),
    facts: { 'pattern.escalation': 0 },
    expected: quiet,
  },
  // Nesting.
  {
    name: 'nested all / any / not',
    packs: violatedIf({
      all: [high, { any: [fear, atom(COUNT, '>', 2)] }, { not: atom('context.level', '==', 'minimal') }],
    }),
    facts: { [T01]: 0.7, [COUNT]: 3, 'context.level': 'standard' },
    expected: fires,
  },
  {
    name: 'nested, the not fails',
    packs: violatedIf({
      all: [high, { any: [fear, atom(COUNT, '>', 2)] }, { not: atom('context.level', '==', 'minimal') }],
    }),
    facts: { [T01]: 0.7, [COUNT]: 3, 'context.level': 'minimal' },
    expected: quiet,
  },
  { name: 'an empty all always holds', packs: violatedIf({ all: [] }), facts: {}, expected: fires },
  { name: 'an empty any never holds', packs: violatedIf({ any: [] }), facts: {}, expected: quiet },
  // Step 1: strict rules.
  {
    name: 'step 1: a strict rule alone',
    packs: one(rule('s', 'strict', 'concern', high)),
    facts: { [T01]: 0.9 },
    expected: { status: 'concern', fired: ['s'], defeated: [], by: 's' },
  },
  {
    name: 'step 1: agreeing strict rules, the first explains',
    packs: one(rule('s1', 'strict', 'violated', high), rule('s2', 'strict', 'violated', fear)),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'violated', fired: ['s1', 's2'], defeated: [], by: 's1' },
  },
  {
    // Validation rules out strict rules that disagree within the facts' domains; a score above 1 is outside.
    name: 'step 1: strict rules that disagree (out-of-domain score) give the most severe',
    packs: one(
      rule('s1', 'strict', 'concern', atom(T01, '>=', 0.5)),
      rule('s2', 'strict', 'violated', atom(T01, '>', 1)),
    ),
    facts: { [T01]: 1.5 },
    expected: { status: 'violated', fired: ['s1', 's2'], defeated: [], by: 's2' },
  },
  {
    name: 'step 1: every fired defeasible rule is defeated, even one that agrees',
    packs: one(
      rule('d1', 'defeasible', 'violated', high, { category: 'safety_constraint' }),
      rule('s', 'strict', 'violated', high, { category: 'general_permission' }),
      rule('d2', 'defeasible', 'respected', high),
    ),
    facts: { [T01]: 0.9 },
    expected: { status: 'violated', fired: ['d1', 's', 'd2'], defeated: ['d1', 'd2'], by: 's' },
  },
  {
    name: 'step 1: a strict "respected" wins over a heavier defeasible "violated"',
    packs: one(
      rule('d', 'defeasible', 'violated', high),
      rule('s', 'strict', 'respected', high, { category: 'general_permission' }),
    ),
    facts: { [T01]: 0.9 },
    expected: { status: 'respected', fired: ['d', 's'], defeated: ['d'], by: 's' },
  },
  {
    name: 'step 1: a fired defeater is listed as fired, never defeated',
    packs: one(rule('s', 'strict', 'concern', high), rule('x', 'defeater', 'concern', high)),
    facts: { [T01]: 0.9 },
    expected: { status: 'concern', fired: ['s', 'x'], defeated: [], by: 's' },
  },
  // Step 2: defeat by weight, specificity, recency; defeaters.
  {
    name: 'step 2: the heavier rule defeats the lighter',
    packs: one(
      rule('light', 'defeasible', 'violated', high, { category: 'personal_constitution' }),
      rule('heavy', 'defeasible', 'respected', high, { category: 'safety_constraint' }),
    ),
    facts: { [T01]: 0.9 },
    expected: { status: 'respected', fired: ['light', 'heavy'], defeated: ['light'], by: 'heavy' },
  },
  {
    name: 'step 2: a personal rule cannot lift a constitutional prohibition',
    packs: [
      pack('constitution', 1, rule('ban', 'defeasible', 'violated', high)),
      pack(
        'personal',
        9,
        rule('mine', 'defeasible', 'respected', { all: [high, fear] }, { category: 'personal_constitution' }),
      ),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'violated', fired: ['ban', 'mine'], defeated: ['mine'], by: 'ban' },
  },
  {
    name: 'step 2: at equal weight the more specific rule wins',
    packs: one(
      rule('general', 'defeasible', 'violated', { all: [high] }),
      rule('specific', 'defeasible', 'concern', { all: [high, fear] }),
    ),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'concern', fired: ['general', 'specific'], defeated: ['general'], by: 'specific' },
  },
  {
    name: 'step 2: specificity beats recency',
    packs: [
      pack('old', 1, rule('specific', 'defeasible', 'concern', { all: [high, fear] })),
      pack('new', 2, rule('general', 'defeasible', 'violated', { all: [high] })),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'concern', fired: ['specific', 'general'], defeated: ['general'], by: 'specific' },
  },
  {
    name: 'step 2: specificity needs plain all lists (nested: recency decides)',
    packs: [
      pack('old', 1, rule('nested', 'defeasible', 'concern', { all: [high, { any: [fear] }] })),
      pack('new', 2, rule('general', 'defeasible', 'violated', { all: [high] })),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'violated', fired: ['nested', 'general'], defeated: ['nested'], by: 'general' },
  },
  {
    name: 'step 2: atoms compare structurally (0.6 vs 0.60 alike, another op is another atom)',
    packs: one(
      rule('general', 'defeasible', 'violated', { all: [atom(T01, '>=', 0.6)] }),
      rule('specific', 'defeasible', 'concern', { all: [atom(T01, '>=', 0.6), atom(T01, '>', 0.6)] }),
      rule('other', 'defeasible', 'respected', { all: [atom(T01, '>', 0.6)] }),
    ),
    facts: { [T01]: 0.9 },
    // specific beats general and other; general and other tie, so neither beats the other.
    expected: {
      status: 'concern',
      fired: ['general', 'specific', 'other'],
      defeated: ['general', 'other'],
      by: 'specific',
    },
  },
  {
    name: 'step 2: at equal weight and specificity the newer pack wins',
    packs: [
      pack('old', 1, rule('older', 'defeasible', 'violated', high)),
      pack('new', 2, rule('newer', 'defeasible', 'concern', fear)),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'concern', fired: ['older', 'newer'], defeated: ['older'], by: 'newer' },
  },
  {
    name: 'step 2: a defeated rule still defeats the rules it beats',
    packs: [
      pack(
        'a',
        1,
        rule('d', 'defeasible', 'violated', high),
        rule('f', 'defeasible', 'concern', high, { category: 'personal_constitution' }),
      ),
      pack('b', 2, rule('e', 'defeasible', 'respected', fear)),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'respected', fired: ['d', 'f', 'e'], defeated: ['d', 'f'], by: 'e' },
  },
  {
    name: 'step 2: a defeater blocks the status it names',
    packs: one(
      rule('d', 'defeasible', 'violated', high, { category: 'domain_guideline' }),
      rule('x', 'defeater', 'violated', fear, { category: 'safety_constraint' }),
    ),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'respected', fired: ['d', 'x'], defeated: ['d'], by: null },
  },
  {
    name: 'step 2: a defeater of another status blocks nothing',
    packs: one(rule('d', 'defeasible', 'violated', high), rule('x', 'defeater', 'concern', fear)),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'violated', fired: ['d', 'x'], defeated: [], by: 'd' },
  },
  {
    name: 'step 2: a lighter defeater blocks nothing',
    packs: one(
      rule('d', 'defeasible', 'violated', high),
      rule('x', 'defeater', 'violated', fear, { category: 'personal_constitution' }),
    ),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'violated', fired: ['d', 'x'], defeated: [], by: 'd' },
  },
  {
    name: 'step 2: a more specific defeater at equal weight blocks',
    packs: one(
      rule('d', 'defeasible', 'concern', { all: [high] }),
      rule('x', 'defeater', 'concern', { all: [high, fear] }),
    ),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'respected', fired: ['d', 'x'], defeated: ['d'], by: null },
  },
  {
    name: 'step 2: a newer defeater at equal weight blocks',
    packs: [
      pack('old', 1, rule('d', 'defeasible', 'concern', high)),
      pack('new', 2, rule('x', 'defeater', 'concern', fear)),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'respected', fired: ['d', 'x'], defeated: ['d'], by: null },
  },
  {
    name: 'step 2: an older defeater at equal weight blocks nothing',
    packs: [
      pack('old', 1, rule('x', 'defeater', 'concern', fear)),
      pack('new', 2, rule('d', 'defeasible', 'concern', high)),
    ],
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'concern', fired: ['x', 'd'], defeated: [], by: 'd' },
  },
  // Step 3: undefeated rules.
  {
    name: 'step 3: agreeing rules, the first explains',
    packs: one(rule('c1', 'defeasible', 'concern', high), rule('c2', 'defeasible', 'concern', fear)),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'concern', fired: ['c1', 'c2'], defeated: [], by: 'c1' },
  },
  {
    name: 'step 3: disagreeing rules that tie give the most severe',
    packs: one(
      rule('c', 'defeasible', 'concern', high),
      rule('r', 'defeasible', 'respected', high),
      rule('v1', 'defeasible', 'violated', fear),
      rule('v2', 'defeasible', 'violated', high),
    ),
    facts: { [T01]: 0.9, [T05]: 0.9 },
    expected: { status: 'violated', fired: ['c', 'r', 'v1', 'v2'], defeated: [], by: 'v1' },
  },
  {
    name: 'step 3: an undefeated "respected" rule explains itself',
    packs: one(rule('ok', 'defeasible', 'respected', high)),
    facts: { [T01]: 0.9 },
    expected: { status: 'respected', fired: ['ok'], defeated: [], by: 'ok' },
  },
  // Step 4 and the rest.
  {
    name: 'step 4: nothing fires',
    packs: one(rule('d', 'defeasible', 'violated', high), rule('s', 'strict', 'violated', fear)),
    facts: { [T01]: 0.1, [T05]: 0.1 },
    expected: quiet,
  },
  {
    name: 'step 4: only a defeater fires',
    packs: one(rule('x', 'defeater', 'violated', high)),
    facts: { [T01]: 0.9 },
    expected: { status: 'respected', fired: ['x'], defeated: [], by: null },
  },
  {
    name: 'a disabled rule never applies',
    packs: one(
      rule('off', 'strict', 'violated', high, { disabled: true }),
      rule('on', 'defeasible', 'concern', high),
    ),
    facts: { [T01]: 0.9 },
    expected: { status: 'concern', fired: ['on'], defeated: [], by: 'on' },
  },
  {
    name: 'a disabled rule defeats nothing',
    packs: one(
      rule('d', 'defeasible', 'concern', high, { category: 'domain_guideline' }),
      rule('x', 'defeater', 'concern', high, { disabled: true }),
    ),
    facts: { [T01]: 0.9 },
    expected: { status: 'concern', fired: ['d'], defeated: [], by: 'd' },
  },
  {
    name: 'fired lists follow load order across packs',
    packs: [
      pack('second-listed-first', 1, rule('b', 'defeasible', 'concern', high)),
      pack('then', 1, rule('a', 'defeasible', 'concern', high)),
    ],
    facts: { [T01]: 0.9 },
    expected: { status: 'concern', fired: ['b', 'a'], defeated: [], by: 'b' },
  },
  {
    name: 'principles resolve independently',
    packs: one(
      rule('p1', 'defeasible', 'concern', high),
      rule('p3', 'strict', 'violated', high, { principle: 'P3' }),
      rule('p10', 'defeasible', 'respected', high, { principle: 'P10' }),
    ),
    facts: { [T01]: 0.9 },
    expected: { status: 'concern', fired: ['p1'], defeated: [], by: 'p1' },
    others: {
      P3: { status: 'violated', fired: ['p3'], defeated: [], by: 'p3' },
      P10: { status: 'respected', fired: ['p10'], defeated: [], by: 'p10' },
    },
  },
];

function explanationOf(packs: RulePack[], principle: PrincipleId, by: string | null): string {
  if (by === null) return respectedExplanation(principle);
  const found = packs.flatMap((p) => p.rules).find((r) => r.id === by);
  return (found as Rule).explain;
}

describe('RuleEngine: resolution table', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name', ({ packs, facts, expected, principle = 'P1', others = {} }) => {
    const engine = new RuleEngine(core);
    engine.load(packs);
    const outcome = engine.evaluate(facts);
    const wanted = { ...others, [principle]: expected };
    for (const id of PRINCIPLE_IDS) {
      const e: Expected = wanted[id] ?? quiet;
      expect(outcome[id], id).toEqual({
        status: e.status,
        fired: e.fired ?? [],
        defeated: e.defeated ?? [],
        explanation: explanationOf(packs, id, e.by),
      });
    }
    // The reference evaluator reads the issue the same way.
    expect(referenceEvaluate(packs, facts)).toEqual(outcome);
  });
});

describe('RuleEngine', () => {
  const packs = one(
    rule('r', 'defeasible', 'violated', high),
    rule('n', 'defeasible', 'concern', { not: fear }),
  );

  it('evaluates to every principle respected before any pack is loaded', () => {
    const outcome = new RuleEngine(core).evaluate({ [T01]: 1 });
    for (const id of PRINCIPLE_IDS) {
      expect(outcome[id]).toEqual({
        status: 'respected',
        fired: [],
        defeated: [],
        explanation: respectedExplanation(id),
      });
    }
  });

  it('never throws on odd facts objects, reading what it can', () => {
    const engine = new RuleEngine(core);
    engine.load(packs);
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    const getter = Object.defineProperty({ [T05]: 0.9 }, T01, {
      get() {
        throw new Error('no');
      },
    });
    // Each odd input, and the plain facts it amounts to.
    const odd: [unknown, Facts][] = [
      [null, {}],
      [undefined, {}],
      [42, {}],
      ['facts', {}],
      [[], {}],
      [throwing, {}],
      [getter, { [T05]: 0.9 }],
      [Object.create(null), {}],
      [{ [T01]: {} }, {}],
    ];
    for (const [facts, plain] of odd) {
      const outcome = engine.evaluate(facts as Facts);
      expect(Object.keys(outcome)).toEqual([...PRINCIPLE_IDS]);
      expect(outcome).toEqual(referenceEvaluate(packs, plain));
    }
  });

  it('keeps the packs loaded before when a load fails', () => {
    const engine = new RuleEngine(core);
    engine.load(packs);
    expect(() =>
      engine.load([
        {
          id: 'bad',
          version: 1,
          rules: [{ ...packs[0]?.rules[0], when: atom('technique.T99.score', '>=', 1) }],
        },
      ]),
    ).toThrow(RulePackError);
    expect(engine.evaluate({ [T01]: 0.9, [T05]: 0.9 }).P1.status).toBe('violated');
    expect(engine.packs).toEqual(packs);
  });

  it('lets engines share a core, each with its own packs', () => {
    const a = new RuleEngine(core);
    const b = new RuleEngine(core);
    a.load(packs);
    b.load(one(rule('other', 'strict', 'concern', { all: [] }, { principle: 'P2' })));
    const facts = { [T01]: 0.9, [T05]: 0.9 };
    for (let round = 0; round < 2; round++) {
      expect(a.evaluate(facts)).toEqual(referenceEvaluate(packs, facts));
      expect(b.evaluate(facts).P2.fired).toEqual(['other']);
      expect(b.evaluate(facts).P1.fired).toEqual([]);
    }
  });

  it('reloads its table when the core is reinstantiated after a trap', async () => {
    const own = await loadCoreFromDisk();
    const engine = new RuleEngine(own);
    engine.load(packs);
    // A malformed table makes the core fail; the next call starts a fresh instance with the last good table.
    expect(() =>
      own.loadRuleTable({ table: new Int32Array([1, 2, 3]), constants: new Float64Array(0) }),
    ).toThrow(/rejected the compiled rule table/);
    const facts = { [T01]: 0.9, [T05]: 0.1 };
    expect(engine.evaluate(facts)).toEqual(referenceEvaluate(packs, facts));
  });

  it('keeps working after the core grows its memory for a long text', async () => {
    const own = await loadCoreFromDisk();
    const engine = new RuleEngine(own);
    engine.load(packs);
    const facts = { [T01]: 0.9 };
    const before = engine.evaluate(facts);
    own.normalize('word '.repeat(50_000));
    expect(engine.evaluate(facts)).toEqual(before);
  });
});
