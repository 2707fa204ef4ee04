import { FACT_SLOTS, FACT_SPECS, FACT_STRING_DOMAINS, type FactType } from './fact-catalog.ts';
import type { Condition, ConditionAtom, FactValue } from './rule-pack.ts';

/**
 * Whether two conditions can hold at once, decided exactly over the facts' domains. Used to reject packs
 * with two strict rules that could conclude different statuses for the same reply.
 *
 * A condition is expanded into disjunctive normal form over literals (an atom, or a negated atom: `not`
 * is kept on the atom rather than flipping its operator, because a missing fact makes an atom false and so
 * its negation true). Two conditions can both hold iff some conjunct of one together with some conjunct of
 * the other is satisfiable. Facts are independent of each other, so a conjunction is satisfiable iff, for
 * each fact it mentions, one value of that fact (or its absence) makes all of that fact's literals true.
 * Atoms only distinguish a fact's values by comparison with their constants, so trying one value per region
 * the constants cut the domain into (each constant, a point between consecutive constants, points beyond
 * them, and "missing") is exhaustive.
 */

export interface Literal {
  atom: ConditionAtom;
  negated: boolean;
}

export type Conjunct = readonly Literal[];

/** Bound on the conjuncts of an expanded condition (an `all` of `any`s multiplies out). */
export const MAX_DNF_CONJUNCTS = 256;

export class ConditionTooComplexError extends Error {}

/** The condition as a disjunction of conjunctions of literals; throws ConditionTooComplexError past `limit`. */
export function toDnf(condition: Condition, limit = MAX_DNF_CONJUNCTS): Conjunct[] {
  return expand(condition, false, limit);
}

function expand(condition: Condition, negated: boolean, limit: number): Conjunct[] {
  if ('not' in condition) return expand(condition.not, !negated, limit);
  if ('all' in condition || 'any' in condition) {
    const conjunctive = 'all' in condition !== negated;
    const children = 'all' in condition ? condition.all : condition.any;
    const parts = children.map((child) => expand(child, negated, limit));
    return conjunctive ? product(parts, limit) : union(parts, limit);
  }
  return [[{ atom: condition, negated }]];
}

function union(parts: readonly Conjunct[][], limit: number): Conjunct[] {
  const out: Conjunct[] = [];
  for (const part of parts) {
    if (out.length + part.length > limit) throw tooComplex(limit);
    out.push(...part);
  }
  return out;
}

function product(parts: readonly Conjunct[][], limit: number): Conjunct[] {
  let out: Conjunct[] = [[]];
  for (const part of parts) {
    if (out.length * part.length > limit) throw tooComplex(limit);
    const next: Conjunct[] = [];
    for (const left of out) for (const right of part) next.push([...left, ...right]);
    out = next;
  }
  return out;
}

function tooComplex(limit: number): ConditionTooComplexError {
  return new ConditionTooComplexError(
    `condition is too complex: it expands to more than ${limit} alternatives (simplify its all/any nesting)`,
  );
}

/** Whether some conjunct of `a` and some conjunct of `b` can hold together. */
export function canBothHold(a: readonly Conjunct[], b: readonly Conjunct[]): boolean {
  for (const left of a) {
    if (!conjunctionSatisfiable(left)) continue;
    for (const right of b) if (conjunctionSatisfiable([...left, ...right])) return true;
  }
  return false;
}

/** Whether one assignment of facts (each a value of its domain, or missing) makes every literal true. */
export function conjunctionSatisfiable(literals: readonly Literal[]): boolean {
  const byFact = new Map<string, Literal[]>();
  for (const literal of literals) {
    const list = byFact.get(literal.atom.fact);
    if (list) list.push(literal);
    else byFact.set(literal.atom.fact, [literal]);
  }
  for (const [fact, list] of byFact) {
    const slot = FACT_SLOTS.get(fact);
    if (slot === undefined) return false;
    const type = (FACT_SPECS[slot] as { type: FactType }).type;
    const constants = list.flatMap(({ atom }) => (Array.isArray(atom.value) ? atom.value : [atom.value]));
    const fits = candidateValues(type, constants).some((value) => list.every((l) => literalHolds(l, value)));
    if (!fits) return false;
  }
  return true;
}

/** The atom's truth for one value of its fact (undefined: the fact is missing, so the atom is false). */
export function atomHolds(atom: ConditionAtom, value: FactValue | undefined): boolean {
  if (value === undefined) return false;
  const constant = atom.value;
  switch (atom.op) {
    case '>=':
      return value >= (constant as FactValue);
    case '>':
      return value > (constant as FactValue);
    case '<=':
      return value <= (constant as FactValue);
    case '<':
      return value < (constant as FactValue);
    case '==':
      return value === constant;
    case '!=':
      return value !== constant;
    case 'in':
      return (constant as readonly FactValue[]).includes(value);
  }
}

function literalHolds(literal: Literal, value: FactValue | undefined): boolean {
  return atomHolds(literal.atom, value) !== literal.negated;
}

/**
 * One value (or `undefined`, missing) for every region of the fact's domain that its constants tell apart.
 */
export function candidateValues(type: FactType, constants: readonly FactValue[]): (FactValue | undefined)[] {
  const out: (FactValue | undefined)[] = [undefined];
  switch (type) {
    case 'flag':
      out.push(true, false);
      break;
    case 'level':
    case 'state':
      out.push(...(FACT_STRING_DOMAINS[type] as readonly string[]));
      break;
    case 'site': {
      const strings = constants.filter((c): c is string => typeof c === 'string');
      out.push(...strings);
      // A site none of the constants names.
      let other = '';
      for (let k = 0; strings.includes(other); k++) other = `other-site-${k}`;
      out.push(other);
      break;
    }
    case 'score': {
      // Scores are reals in [0, 1]: the endpoints, the constants inside, and a point between each two.
      const points = [
        ...new Set([
          0,
          1,
          ...constants.filter((c): c is number => typeof c === 'number' && c >= 0 && c <= 1),
        ]),
      ].sort((x, y) => x - y);
      out.push(...points);
      for (let k = 1; k < points.length; k++)
        out.push(((points[k - 1] as number) + (points[k] as number)) / 2);
      break;
    }
    case 'count': {
      // Counts are non-negative integers. A region between two constants (or beyond the last) that holds an
      // integer holds the first integer after its lower constant; one below every constant holds 0.
      const set = new Set<number>([0]);
      for (const c of constants) {
        if (typeof c !== 'number') continue;
        if (Number.isInteger(c) && c >= 0) set.add(c);
        set.add(Math.max(0, Math.floor(c) + 1));
      }
      out.push(...set);
      break;
    }
  }
  return out;
}
