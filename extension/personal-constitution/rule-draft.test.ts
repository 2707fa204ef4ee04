import { describe, expect, it } from 'vitest';
import { validateRulePacks } from '../../wasm-core/constitution/rule-pack-validation.ts';
import { EMPTY_PERSONAL_PACK } from './personal-pack.ts';
import { buildRule, DEFAULT_DRAFT, draftFromRule, type RuleDraft, suggestRuleId } from './rule-draft.ts';

const draft = (change: Partial<RuleDraft>): RuleDraft => ({ ...DEFAULT_DRAFT, ...change });

describe('rule drafts', () => {
  it('builds "always flag product recommendations" as a defeasible concern on T17', () => {
    const built = buildRule(draft({ principle: 'P6', technique: 'T17', threshold: '0.3' }), 'recs');
    expect(built).toEqual({
      rule: {
        id: 'recs',
        principle: 'P6',
        category: 'personal_constitution',
        kind: 'defeasible',
        when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.3 }] },
        then: 'concern',
        explain: expect.stringContaining('as a concern of transparency (P6)'),
      },
    });
  });

  it('builds "don’t flag flattery on this site" as a defeater on P5 limited to the site', () => {
    const built = buildRule(
      draft({
        principle: 'P5',
        subject: 'every',
        site: 'claude',
        effect: 'block-concern',
        explain: ' Fine here. ',
      }),
      'no-flattery',
    );
    expect(built).toEqual({
      rule: {
        id: 'no-flattery',
        principle: 'P5',
        category: 'personal_constitution',
        kind: 'defeater',
        when: { all: [{ fact: 'context.site', op: '==', value: 'claude' }] },
        then: 'concern',
        explain: 'Fine here.',
      },
    });
  });

  it.each([
    [{ threshold: 'high' }, 'must be a number'],
    [{ threshold: '' }, 'must be a number'],
    [{ threshold: '1.5' }, 'between 0 and 1'],
    [{ subject: 'count', threshold: '2.5' }, 'whole number'],
    [{ subject: 'count', threshold: '-1' }, 'whole number'],
    [{ subject: 'every', site: '' }, 'needs a site'],
  ] as const)('refuses %j: %s', (change, problem) => {
    const built = buildRule(draft(change), 'x');
    expect('error' in built && built.error).toContain(problem);
  });

  it.each<Partial<RuleDraft>>([
    {},
    { subject: 'count', technique: 'T03', op: '>', threshold: '2' },
    { subject: 'pattern', pattern: 'pattern.escalation', effect: 'violated', site: 'chatgpt' },
    { subject: 'every', site: 'gemini', effect: 'block-violated', principle: 'P10' },
    { op: '!=', threshold: '0', explain: 'Mine.' },
  ])('reads back the draft it built from %j, and the rule validates', (change) => {
    const built = buildRule(draft(change), 'r');
    if (!('rule' in built)) throw new Error(built.error);
    const back = draftFromRule(built.rule);
    expect(back).toEqual({ ...draft(change), explain: built.rule.explain });
    expect(() => validateRulePacks([{ ...EMPTY_PERSONAL_PACK, rules: [built.rule] }])).not.toThrow();
  });

  it('leaves rules of other shapes to the JSON view', () => {
    const rule = buildRule(DEFAULT_DRAFT, 'r');
    if (!('rule' in rule)) throw new Error(rule.error);
    const atom = { fact: 'technique.T01.score', op: '>=', value: 0.5 } as const;
    expect(draftFromRule({ ...rule.rule, when: { any: [atom] } })).toBeNull();
    expect(draftFromRule({ ...rule.rule, when: { all: [atom, atom, atom] } })).toBeNull();
    expect(draftFromRule({ ...rule.rule, kind: 'strict' })).toBeNull();
    expect(draftFromRule({ ...rule.rule, then: 'respected' })).toBeNull();
    expect(
      draftFromRule({ ...rule.rule, when: { all: [{ fact: 'context.level', op: '==', value: 'maximum' }] } }),
    ).toBeNull();
    expect(draftFromRule({ ...rule.rule, when: atom })).toMatchObject({ technique: 'T01', threshold: '0.5' });
  });

  it('suggests ids that say what the rule does and never clash', () => {
    const first = suggestRuleId(DEFAULT_DRAFT, new Set());
    expect(first).toBe('personal-P6-flag-T17-score');
    expect(suggestRuleId(DEFAULT_DRAFT, new Set([first]))).toBe('personal-P6-flag-T17-score-2');
    expect(
      suggestRuleId(
        draft({ subject: 'every', site: 'claude', effect: 'block-concern', principle: 'P5' }),
        new Set(),
      ),
    ).toBe('personal-P5-allow-all-claude');
  });
});
