import { describe, expect, it } from 'vitest';
import type { Rule, RulePack } from '../../wasm-core/constitution/rule-pack.ts';
import {
  EMPTY_PERSONAL_PACK,
  isPersonalPack,
  personalPackProblems,
  withoutRule,
  withRule,
  withRuleEnabled,
} from './personal-pack.ts';

const rule = (change: Partial<Rule> = {}): Rule => ({
  id: 'mine',
  principle: 'P6',
  category: 'personal_constitution',
  kind: 'defeasible',
  when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.3 }] },
  then: 'concern',
  explain: 'Product recommendations are flagged.',
  ...change,
});
const pack = (...rules: Rule[]): RulePack => ({ ...EMPTY_PERSONAL_PACK, rules });

const shipped: RulePack = {
  id: 'constitution',
  version: 1,
  rules: [rule({ id: 'P1-urgency', principle: 'P1', category: 'constitutional_prohibition' })],
};

describe('personal pack', () => {
  it('accepts the empty pack and a pack of personal rules', () => {
    expect(personalPackProblems(EMPTY_PERSONAL_PACK)).toEqual([]);
    expect(isPersonalPack(pack(rule(), rule({ id: 'other', kind: 'defeater' })), [shipped])).toBe(true);
  });

  it.each([
    ['not an object', [], /must be a JSON object/],
    ['null', null, /must be a JSON object/],
    ['another id', { ...pack(), id: 'mine' }, /"id" must be "personal"/],
    [
      'another category',
      pack(rule({ category: 'constitutional_prohibition' })),
      /category "personal_constitution"/,
    ],
    ['a strict rule', pack(rule({ kind: 'strict' })), /never "strict"/],
    [
      'an unknown fact',
      pack(rule({ when: { fact: 'technique.T99.score', op: '>=', value: 1 } })),
      /unknown fact/,
    ],
    [
      'a bad op',
      pack(rule({ when: { fact: 'technique.T01.score', op: '=~' as never, value: 1 } })),
      /bad op/,
    ],
    ['a version that is not an integer', { ...pack(), version: 1.5 }, /"version"/],
    ['a clash with a shipped id', pack(rule({ id: 'P1-urgency' })), /duplicate rule id: pack "constitution"/],
  ])('refuses %s with a readable reason', (_name, value, reason) => {
    const problems = personalPackProblems(value, [shipped]);
    expect(problems.join(' ')).toMatch(reason);
    expect(isPersonalPack(value, [shipped])).toBe(false);
  });

  it('adds, replaces, disables, enables and deletes rules, one version up each time', () => {
    let current = withRule(EMPTY_PERSONAL_PACK, rule());
    expect(current).toMatchObject({ version: 2, rules: [{ id: 'mine' }] });
    current = withRule(current, rule({ id: 'renamed', then: 'violated' }), 'mine');
    expect(current.rules).toEqual([rule({ id: 'renamed', then: 'violated' })]);
    current = withRuleEnabled(current, 'renamed', false);
    expect(current.rules[0]?.disabled).toBe(true);
    current = withRuleEnabled(current, 'renamed', true);
    expect(current.rules[0]).not.toHaveProperty('disabled');
    current = withoutRule(current, 'renamed');
    expect(current).toEqual({ ...EMPTY_PERSONAL_PACK, version: 6, rules: [] });
    expect(EMPTY_PERSONAL_PACK.rules).toEqual([]);
  });
});
