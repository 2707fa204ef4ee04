import type { PrincipleId } from './rule-pack.ts';

/** The ten principles' names (SPEC §5). */
export const PRINCIPLE_NAMES: Readonly<Record<PrincipleId, string>> = {
  P1: 'user autonomy',
  P2: 'truthfulness',
  P3: 'harm prevention',
  P4: 'privacy respect',
  P5: 'manipulation avoidance',
  P6: 'transparency',
  P7: 'beneficence',
  P8: 'value alignment',
  P9: 'capability honesty',
  P10: 'consent requirement',
};

/** The explanation of a principle no rule concluded anything about (resolution step 4). */
export function respectedExplanation(principle: PrincipleId): string {
  const name = PRINCIPLE_NAMES[principle];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} (${principle}) is respected: no rule against it stands.`;
}
