import { describe, expect, it } from 'vitest';
import { REPLY_ACTIONS } from '../../wasm-core/constitution/rule-pack.ts';
import { actionPlan, showsAnything } from './action-plan.ts';

describe('actionPlan', () => {
  it.each([
    { action: 'record', plan: { highlight: false, warn: false, blur: false } },
    { action: 'badge', plan: { highlight: false, warn: false, blur: false } },
    { action: 'highlight', plan: { highlight: true, warn: false, blur: false } },
    { action: 'warn', plan: { highlight: true, warn: true, blur: false } },
    { action: 'blur', plan: { highlight: true, warn: true, blur: true } },
  ] as const)('$action shows $plan', ({ action, plan }) => {
    expect(actionPlan(action)).toEqual(plan);
    expect(showsAnything(actionPlan(action))).toBe(plan.highlight);
  });

  it('a stronger action never shows less', () => {
    const parts = REPLY_ACTIONS.map((action) => Object.values(actionPlan(action)).filter(Boolean).length);
    expect(parts).toEqual([...parts].sort((a, b) => a - b));
  });
});
