import { describe, expect, it } from 'vitest';
import { replyAction, worstStatus } from './reply-action.ts';
import { respectedConstitution } from './respected-constitution.ts';
import {
  type ConstitutionOutcome,
  PROTECTION_LEVEL_IDS,
  type PrincipleId,
  type PrincipleStatus,
  type ProtectionLevelId,
  REPLY_ACTIONS,
  type ReplyAction,
} from './rule-pack.ts';

function outcomeWith(statuses: Partial<Record<PrincipleId, PrincipleStatus>>): ConstitutionOutcome {
  const outcome = respectedConstitution();
  for (const [principle, status] of Object.entries(statuses) as [PrincipleId, PrincipleStatus][]) {
    outcome[principle] = { status, fired: [`${principle}-rule`], defeated: [], explanation: 'x.' };
  }
  return outcome;
}

describe('replyAction', () => {
  const cases: [ProtectionLevelId, Partial<Record<PrincipleId, PrincipleStatus>>, ReplyAction][] = [
    ['minimal', {}, 'record'],
    ['minimal', { P3: 'concern' }, 'badge'],
    ['minimal', { P1: 'violated', P2: 'concern' }, 'badge'],
    ['standard', {}, 'record'],
    ['standard', { P10: 'concern' }, 'highlight'],
    ['standard', { P5: 'violated' }, 'highlight'],
    ['enhanced', {}, 'record'],
    ['enhanced', { P6: 'concern', P7: 'concern' }, 'highlight'],
    ['enhanced', { P6: 'concern', P9: 'violated' }, 'warn'],
    ['maximum', {}, 'record'],
    ['maximum', { P4: 'concern' }, 'warn'],
    ['maximum', { P4: 'concern', P8: 'violated' }, 'blur'],
  ];
  it.each(cases)('at %s with %o → %s', (level, statuses, action) => {
    expect(replyAction(outcomeWith(statuses), level)).toBe(action);
  });

  it('never weakens as the level rises, whatever the worst status', () => {
    for (const status of ['respected', 'concern', 'violated'] as const) {
      const ranks = PROTECTION_LEVEL_IDS.map((level) =>
        REPLY_ACTIONS.indexOf(replyAction(outcomeWith({ P1: status }), level)),
      );
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});

describe('worstStatus', () => {
  it.each([
    [{}, 'respected'],
    [{ P2: 'concern' }, 'concern'],
    [{ P2: 'concern', P10: 'violated' }, 'violated'],
  ] as [Partial<Record<PrincipleId, PrincipleStatus>>, PrincipleStatus][])('%o → %s', (statuses, worst) => {
    expect(worstStatus(outcomeWith(statuses))).toBe(worst);
  });
});
