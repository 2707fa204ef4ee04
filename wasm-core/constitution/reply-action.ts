import {
  type ConstitutionOutcome,
  PRINCIPLE_IDS,
  PRINCIPLE_STATUSES,
  type PrincipleStatus,
  type ProtectionLevelId,
  type ReplyAction,
} from './rule-pack.ts';

/** The most severe status over the ten principles. */
export function worstStatus(outcome: ConstitutionOutcome): PrincipleStatus {
  let worst = 0;
  for (const principle of PRINCIPLE_IDS) {
    worst = Math.max(worst, PRINCIPLE_STATUSES.indexOf(outcome[principle].status));
  }
  return PRINCIPLE_STATUSES[worst] ?? 'respected';
}

/**
 * The action per protection level (rows) and worst status (columns). Each level keeps what the level below
 * does and adds to it (SPEC §6): minimal records and counts on the badge; standard highlights concerns and
 * violations; enhanced puts a warning above violations; maximum blurs violations until acknowledged and
 * warns on concerns. Read down a column and the action never weakens.
 */
const ACTIONS: Readonly<Record<ProtectionLevelId, Readonly<Record<PrincipleStatus, ReplyAction>>>> = {
  minimal: { respected: 'record', concern: 'badge', violated: 'badge' },
  standard: { respected: 'record', concern: 'highlight', violated: 'highlight' },
  enhanced: { respected: 'record', concern: 'highlight', violated: 'warn' },
  maximum: { respected: 'record', concern: 'warn', violated: 'blur' },
};

/** What the extension does with a reply whose principles came out as `outcome`, at `level`. */
export function replyAction(outcome: ConstitutionOutcome, level: ProtectionLevelId): ReplyAction {
  return ACTIONS[level][worstStatus(outcome)];
}
