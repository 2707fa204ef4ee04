import { respectedExplanation } from './principles.ts';
import { type ConstitutionOutcome, PRINCIPLE_IDS, type PrincipleOutcome } from './rule-pack.ts';

/** Every principle respected with no rule fired: the outcome of a reply with nothing to judge (empty or failed). */
export function respectedConstitution(): ConstitutionOutcome {
  return Object.fromEntries(
    PRINCIPLE_IDS.map((principle): [string, PrincipleOutcome] => [
      principle,
      { status: 'respected', fired: [], defeated: [], explanation: respectedExplanation(principle) },
    ]),
  ) as ConstitutionOutcome;
}
