import canonicalize from 'canonicalize';
import { respectedExplanation } from '../principles.ts';
import {
  CATEGORY_WEIGHTS,
  type Condition,
  type ConditionAtom,
  type ConstitutionOutcome,
  type Facts,
  type FactValue,
  PRINCIPLE_IDS,
  PRINCIPLE_STATUSES,
  type PrincipleId,
  type PrincipleOutcome,
  type PrincipleStatus,
  type Rule,
  type RulePack,
} from '../rule-pack.ts';

/**
 * A plain reading of the rule semantics of issue 4 / SPEC §5, for differential tests against the WASM
 * evaluator. Written for obviousness, not speed: it walks the rule objects directly and shares nothing with
 * the compiler. Packs are assumed valid (validateRulePacks accepted them).
 */

interface LoadedRule {
  rule: Rule;
  version: number;
}

/** A value of the wrong type for its fact counts as missing. */
function factValue(facts: Facts, name: string): FactValue | undefined {
  const value = (facts as Record<string, unknown>)[name];
  if (name.startsWith('technique.'))
    return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
  if (name.startsWith('pattern.') || name === 'context.vulnerable') {
    return typeof value === 'boolean' ? value : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

function atomHolds(atom: ConditionAtom, facts: Facts): boolean {
  const value = factValue(facts, atom.fact);
  if (value === undefined) return false;
  if (atom.op === 'in') return (atom.value as FactValue[]).some((item) => item === value);
  const constant = atom.value as FactValue;
  if (atom.op === '==') return value === constant;
  if (atom.op === '!=') return value !== constant;
  const x = value as number;
  const c = constant as number;
  if (atom.op === '>=') return x >= c;
  if (atom.op === '>') return x > c;
  if (atom.op === '<=') return x <= c;
  return x < c;
}

export function conditionHolds(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((child) => conditionHolds(child, facts));
  if ('any' in condition) return condition.any.some((child) => conditionHolds(child, facts));
  if ('not' in condition) return !conditionHolds(condition.not, facts);
  return atomHolds(condition, facts);
}

function severity(status: PrincipleStatus): number {
  return PRINCIPLE_STATUSES.indexOf(status);
}

const plainAtomsOf = new WeakMap<Rule, string[] | null>();

function plainAtoms(rule: Rule): string[] | null {
  if (!plainAtomsOf.has(rule)) plainAtomsOf.set(rule, readPlainAtoms(rule));
  return plainAtomsOf.get(rule) as string[] | null;
}

function readPlainAtoms(rule: Rule): string[] | null {
  const when = rule.when;
  if (!('all' in when)) return null;
  const atoms: string[] = [];
  for (const child of when.all) {
    if ('all' in child || 'any' in child || 'not' in child) return null;
    atoms.push(canonicalize(child) as string);
  }
  return atoms;
}

/** s is more specific than r: both plain `all` lists of atoms, s's atoms strictly include r's. */
function moreSpecific(s: Rule, r: Rule): boolean {
  const sAtoms = plainAtoms(s);
  const rAtoms = plainAtoms(r);
  if (sAtoms === null || rAtoms === null) return false;
  const sSet = new Set(sAtoms);
  const rSet = new Set(rAtoms);
  return [...rSet].every((atom) => sSet.has(atom)) && sSet.size > rSet.size;
}

function beats(s: LoadedRule, r: LoadedRule): boolean {
  const sWeight = CATEGORY_WEIGHTS[s.rule.category];
  const rWeight = CATEGORY_WEIGHTS[r.rule.category];
  if (sWeight > rWeight) return true;
  if (sWeight < rWeight) return false;
  if (moreSpecific(s.rule, r.rule)) return true;
  if (moreSpecific(r.rule, s.rule)) return false;
  return s.version > r.version;
}

function mostSevere(statuses: PrincipleStatus[]): PrincipleStatus {
  return statuses.reduce((a, b) => (severity(b) > severity(a) ? b : a));
}

function resolvePrinciple(principle: PrincipleId, rules: LoadedRule[], facts: Facts): PrincipleOutcome {
  const applicable = rules.filter(
    ({ rule }) => rule.principle === principle && rule.disabled !== true && conditionHolds(rule.when, facts),
  );
  const fired = applicable.map(({ rule }) => rule.id);
  const strict = applicable.filter(({ rule }) => rule.kind === 'strict');
  const defeasible = applicable.filter(({ rule }) => rule.kind === 'defeasible');

  // (1) Strict rules decide; every fired defeasible rule is defeated.
  if (strict.length > 0) {
    const status = mostSevere(strict.map(({ rule }) => rule.then));
    const decider = strict.find(({ rule }) => rule.then === status) as LoadedRule;
    return {
      status,
      fired,
      defeated: defeasible.map(({ rule }) => rule.id),
      explanation: decider.rule.explain,
    };
  }

  // (2) A defeasible rule falls to an applicable rule of another status (a defeater: blocking its status)
  // that beats it.
  const isDefeated = (r: LoadedRule): boolean =>
    applicable.some((s) => {
      if (s === r) return false;
      const opposes = s.rule.kind === 'defeater' ? s.rule.then === r.rule.then : s.rule.then !== r.rule.then;
      return opposes && beats(s, r);
    });
  const defeated = defeasible.filter(isDefeated);
  const standing = defeasible.filter((r) => !defeated.includes(r));

  // (4) Nothing stands: respected.
  if (standing.length === 0) {
    return {
      status: 'respected',
      fired,
      defeated: defeated.map(({ rule }) => rule.id),
      explanation: respectedExplanation(principle),
    };
  }

  // (3) Agreeing rules give their status; disagreeing ones the most severe of theirs.
  const status = mostSevere(standing.map(({ rule }) => rule.then));
  const decider = standing.find(({ rule }) => rule.then === status) as LoadedRule;
  return {
    status,
    fired,
    defeated: defeated.map(({ rule }) => rule.id),
    explanation: decider.rule.explain,
  };
}

export function referenceEvaluate(packs: readonly RulePack[], facts: Facts): ConstitutionOutcome {
  const rules: LoadedRule[] = packs.flatMap((pack) =>
    pack.rules.map((rule) => ({ rule, version: pack.version })),
  );
  const outcome = {} as ConstitutionOutcome;
  for (const principle of PRINCIPLE_IDS) outcome[principle] = resolvePrinciple(principle, rules, facts);
  return outcome;
}

/** Applicable strict rules of one principle that disagree, if any: what pack validation must rule out. */
export function strictDisagreements(packs: readonly RulePack[], facts: Facts): string[][] {
  const out: string[][] = [];
  for (const principle of PRINCIPLE_IDS) {
    const strict = packs
      .flatMap((pack) => pack.rules)
      .filter(
        (rule) =>
          rule.principle === principle &&
          rule.kind === 'strict' &&
          rule.disabled !== true &&
          conditionHolds(rule.when, facts),
      );
    if (new Set(strict.map((rule) => rule.then)).size > 1) out.push(strict.map((rule) => rule.id));
  }
  return out;
}
