import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { respectedExplanation } from '../../wasm-core/constitution/principles.ts';
import {
  CATEGORY_WEIGHTS,
  type Condition,
  type ConditionOp,
  type ConstitutionOutcome,
  type Facts,
  PRINCIPLE_IDS,
  PRINCIPLE_STATUSES,
  type PrincipleOutcome,
  type Rule,
  type RulePack,
} from '../../wasm-core/constitution/rule-pack.ts';

/**
 * The baseline for the rule evaluator: the same rules run by json-rules-engine (v7), the resolution steps
 * applied in JavaScript over the events it reports. The translation keeps our semantics: a missing fact
 * makes an atom false (json-rules-engine's `notEqual` alone would hold for a missing fact, so `!=` also
 * requires the fact to be present), an empty `any` is false (json-rules-engine holds it true), and a value of
 * the wrong type counts as missing (facts are passed to it only when their type fits).
 */

const OPERATORS: Record<Exclude<ConditionOp, '!='>, string> = {
  '>=': 'greaterThanInclusive',
  '>': 'greaterThan',
  '<=': 'lessThanInclusive',
  '<': 'lessThan',
  '==': 'equal',
  in: 'in',
};

const NEVER: NestedCondition = { not: { all: [] } } as unknown as NestedCondition;

function translate(condition: Condition): NestedCondition {
  if ('all' in condition) return { all: condition.all.map(translate) };
  if ('any' in condition) return condition.any.length === 0 ? NEVER : { any: condition.any.map(translate) };
  if ('not' in condition) return { not: translate(condition.not) } as unknown as NestedCondition;
  const { fact, op, value } = condition;
  if (op === '!=') {
    return {
      all: [
        { fact, operator: 'present', value: true },
        { fact, operator: 'notEqual', value },
      ],
    };
  }
  return { fact, operator: OPERATORS[op], value: value as unknown as string };
}

function topLevel(condition: Condition): TopLevelCondition {
  const translated = translate(condition);
  return 'all' in translated || 'any' in translated || 'not' in translated
    ? (translated as TopLevelCondition)
    : { all: [translated] };
}

interface Loaded {
  rule: Rule;
  version: number;
  /** Rules of the principle that defeat this one when they fire (defeasible rules only). */
  attackers: number[];
}

function fits(name: string, value: unknown): boolean {
  if (name.startsWith('technique.')) return typeof value === 'number' && !Number.isNaN(value);
  if (name.startsWith('pattern.') || name === 'context.vulnerable') return typeof value === 'boolean';
  return typeof value === 'string';
}

export class JsonRulesEngineBaseline {
  readonly #engine = new Engine([], { allowUndefinedFacts: true });
  readonly #rules: Loaded[];
  readonly #byPrinciple: number[][];

  constructor(packs: readonly RulePack[]) {
    this.#engine.addOperator('present', (value: unknown) => value !== undefined);
    this.#rules = packs.flatMap((pack) =>
      pack.rules.map((rule) => ({ rule, version: pack.version, attackers: [] })),
    );
    this.#byPrinciple = PRINCIPLE_IDS.map((principle) =>
      this.#rules.flatMap((loaded, index) => (loaded.rule.principle === principle ? [index] : [])),
    );
    this.#rules.forEach((loaded, index) => {
      if (loaded.rule.disabled === true) return;
      this.#engine.addRule({
        name: loaded.rule.id,
        conditions: topLevel(loaded.rule.when),
        event: { type: 'fired', params: { index } },
      });
    });
    for (const indices of this.#byPrinciple) {
      for (const r of indices) {
        const target = this.#rules[r] as Loaded;
        if (target.rule.kind !== 'defeasible') continue;
        for (const s of indices) {
          const attacker = this.#rules[s] as Loaded;
          if (s === r || attacker.rule.disabled === true) continue;
          const opposes =
            attacker.rule.kind === 'defeater'
              ? attacker.rule.then === target.rule.then
              : attacker.rule.then !== target.rule.then;
          if (opposes && beats(attacker, target)) target.attackers.push(s);
        }
      }
    }
  }

  async evaluate(facts: Facts): Promise<ConstitutionOutcome> {
    const input: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(facts)) if (fits(name, value)) input[name] = value;
    const { events } = await this.#engine.run(input);
    const fired = new Uint8Array(this.#rules.length);
    for (const event of events) fired[(event.params as { index: number }).index] = 1;
    const outcome = {} as ConstitutionOutcome;
    PRINCIPLE_IDS.forEach((principle, p) => {
      outcome[principle] = this.#resolve(this.#byPrinciple[p] as number[], fired, principle);
    });
    return outcome;
  }

  #resolve(
    indices: number[],
    fired: Uint8Array,
    principle: (typeof PRINCIPLE_IDS)[number],
  ): PrincipleOutcome {
    const applicable = indices.filter((index) => fired[index] === 1);
    const rule = (index: number) => (this.#rules[index] as Loaded).rule;
    const severity = (index: number) => PRINCIPLE_STATUSES.indexOf(rule(index).then);
    const decide = (candidates: number[]) =>
      candidates.reduce((best, index) => (severity(index) > severity(best) ? index : best));
    const ids = (list: number[]) => list.map((index) => rule(index).id);
    const strict = applicable.filter((index) => rule(index).kind === 'strict');
    const defeasible = applicable.filter((index) => rule(index).kind === 'defeasible');
    if (strict.length > 0) {
      const decider = decide(strict);
      return {
        status: rule(decider).then,
        fired: ids(applicable),
        defeated: ids(defeasible),
        explanation: rule(decider).explain,
      };
    }
    const defeated = defeasible.filter((index) =>
      (this.#rules[index] as Loaded).attackers.some((attacker) => fired[attacker] === 1),
    );
    const standing = defeasible.filter((index) => !defeated.includes(index));
    if (standing.length === 0) {
      return {
        status: 'respected',
        fired: ids(applicable),
        defeated: ids(defeated),
        explanation: respectedExplanation(principle),
      };
    }
    const decider = decide(standing);
    return {
      status: rule(decider).then,
      fired: ids(applicable),
      defeated: ids(defeated),
      explanation: rule(decider).explain,
    };
  }
}

function atoms(rule: Rule): Set<string> | null {
  if (!('all' in rule.when)) return null;
  const out = new Set<string>();
  for (const child of rule.when.all) {
    if ('all' in child || 'any' in child || 'not' in child) return null;
    out.add(JSON.stringify([child.fact, child.op, child.value]));
  }
  return out;
}

function moreSpecific(a: Rule, b: Rule): boolean {
  const aAtoms = atoms(a);
  const bAtoms = atoms(b);
  if (aAtoms === null || bAtoms === null || aAtoms.size <= bAtoms.size) return false;
  return [...bAtoms].every((atom) => aAtoms.has(atom));
}

function beats(s: Loaded, r: Loaded): boolean {
  const ws = CATEGORY_WEIGHTS[s.rule.category];
  const wr = CATEGORY_WEIGHTS[r.rule.category];
  if (ws !== wr) return ws > wr;
  if (moreSpecific(s.rule, r.rule)) return true;
  if (moreSpecific(r.rule, s.rule)) return false;
  return s.version > r.version;
}
