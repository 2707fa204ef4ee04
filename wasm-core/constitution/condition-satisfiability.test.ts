import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConditionTooComplexError, canBothHold, candidateValues, toDnf } from './condition-satisfiability.ts';
import type { FactType } from './fact-catalog.ts';
import { ASSISTANT_STATES, type Condition, type FactValue, PROTECTION_LEVEL_IDS } from './rule-pack.ts';
import { conditionHolds } from './testing/reference-evaluator.ts';
import { atomArbitrary, conditionArbitrary } from './testing/rule-pack-arbitraries.ts';

/**
 * A brute-force oracle: every combination, over the facts the conditions mention, of a fine grid of each
 * fact's domain (plus "missing"). The grid holds the generators' constants and points between them, so for
 * generated conditions it is exhaustive.
 */
const GRID: Record<string, (FactValue | undefined)[]> = {
  'technique.T01.score': [undefined, ...Array.from({ length: 21 }, (_, k) => k / 20)],
  'technique.T05.score': [undefined, ...Array.from({ length: 21 }, (_, k) => k / 20)],
  'technique.T01.count': [undefined, 0, 1, 2, 3, 4, 5],
  'pattern.escalation': [undefined, true, false],
  'context.vulnerable': [undefined, true, false],
  'context.level': [undefined, ...PROTECTION_LEVEL_IDS],
  'context.assistant_state': [undefined, ...ASSISTANT_STATES],
  'context.site': [undefined, 'a.example', 'b.example', 'c.example', 'elsewhere.example'],
};

function factsOf(condition: Condition, out = new Set<string>()): Set<string> {
  if ('all' in condition) for (const child of condition.all) factsOf(child, out);
  else if ('any' in condition) for (const child of condition.any) factsOf(child, out);
  else if ('not' in condition) factsOf(condition.not, out);
  else out.add(condition.fact);
  return out;
}

function bruteForceBothHold(a: Condition, b: Condition): boolean {
  const names = [...factsOf(b, factsOf(a))];
  const assign = (k: number, facts: Record<string, FactValue>): boolean => {
    if (k === names.length) return conditionHolds(a, facts) && conditionHolds(b, facts);
    const name = names[k] as string;
    for (const value of GRID[name] ?? []) {
      const next = { ...facts };
      if (value !== undefined) next[name] = value;
      if (assign(k + 1, next)) return true;
    }
    return false;
  };
  return assign(0, {});
}

function gridSize(a: Condition, b: Condition): number {
  return [...factsOf(b, factsOf(a))].reduce((size, name) => size * (GRID[name]?.length ?? 1), 1);
}

describe('condition satisfiability', () => {
  it('decides "can both hold" exactly, as a brute-force search does', () => {
    const condition = conditionArbitrary(atomArbitrary, 3);
    fc.assert(
      fc.property(condition, condition, (a, b) => {
        fc.pre(gridSize(a, b) <= 20_000);
        let dnfA: ReturnType<typeof toDnf>;
        let dnfB: ReturnType<typeof toDnf>;
        try {
          dnfA = toDnf(a);
          dnfB = toDnf(b);
        } catch (error) {
          if (error instanceof ConditionTooComplexError) return;
          throw error;
        }
        expect(canBothHold(dnfA, dnfB)).toBe(bruteForceBothHold(a, b));
      }),
      { numRuns: 600 },
    );
  });

  it('expands to disjunctive normal form, keeping negation on the atoms', () => {
    const p = { fact: 'pattern.escalation', op: '==', value: true } as const;
    const q = { fact: 'context.vulnerable', op: '==', value: true } as const;
    expect(toDnf({ not: { all: [p, q] } })).toEqual([
      [{ atom: p, negated: true }],
      [{ atom: q, negated: true }],
    ]);
    expect(toDnf({ all: [p, { any: [q, { not: p }] }] })).toEqual([
      [
        { atom: p, negated: false },
        { atom: q, negated: false },
      ],
      [
        { atom: p, negated: false },
        { atom: p, negated: true },
      ],
    ]);
    expect(toDnf({ all: [] })).toEqual([[]]);
    expect(toDnf({ any: [] })).toEqual([]);
  });

  it('refuses expansions past the bound', () => {
    const wide: Condition = {
      all: Array.from({ length: 5 }, () => ({
        any: [
          { fact: 'technique.T01.score', op: '>=', value: 0.5 },
          { fact: 'technique.T05.score', op: '>=', value: 0.5 },
        ],
      })),
    };
    expect(toDnf(wide, 32)).toHaveLength(32);
    expect(() => toDnf(wide, 31)).toThrow(ConditionTooComplexError);
  });

  it.each<[FactType, FactValue[], (FactValue | undefined)[]]>([
    ['count', [2.5, -1, 7], [undefined, 0, 3, 7, 8]],
    ['score', [0.5, 1.5, -0.2], [undefined, 0, 1, 0.5, 0.25, 0.75]],
    ['flag', [], [undefined, true, false]],
    ['site', ['', 'a'], [undefined, '', 'a', 'other-site-0']],
  ])('picks one value per region for a %s', (type, constants, expected) => {
    expect(new Set(candidateValues(type, constants))).toEqual(new Set(expected));
  });
});
