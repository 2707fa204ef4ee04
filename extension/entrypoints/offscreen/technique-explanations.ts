import type { TechniqueId } from '../../../wasm-core/taxonomy.ts';

/** One line per technique (SPEC §4), said to the reader, shown next to a highlighted phrase. */
export const TECHNIQUE_EXPLANATIONS: Readonly<Record<TechniqueId, string>> = {
  T01: 'Time pressure: pushes you to act now, before you have thought it through.',
  T02: 'Claims something is scarce or exclusive, so it feels like a chance you must not miss.',
  T03: 'Says everyone is doing it, so going along feels safer than deciding for yourself.',
  T04: 'Leans on unnamed experts or authority to close the question instead of giving reasons.',
  T05: 'Uses threats of loss or danger to push you towards a choice.',
  T06: 'Uses guilt, shame or a sense of obligation to move you.',
  T07: 'Praises or agrees with you to make you more receptive, not because it is earned.',
  T08: 'Uses your loneliness, grief or distress as leverage.',
  T09: 'Builds closeness ("between you and me", "trust me") to lower your guard.',
  T10: 'Encourages you to rely on it and turn away from other people or sources.',
  T11: 'Claims feelings, experiences or a relationship that an AI does not have.',
  T12: 'Bait to keep you chatting or bring you back: teasers, cliffhangers, invitations to continue.',
  T13: 'Builds on what you already agreed to or invested, so stepping back feels harder.',
  T14: 'Sounds certain ("guaranteed", "no doubt") where honest uncertainty is due.',
  T15: 'Claims abilities it does not have, such as remembering you or checking things live.',
  T16: 'Questions your own perception or memory of what happened.',
  T17: 'Steers you towards a specific brand or product.',
  T18: 'Steers you towards a political party, candidate or position.',
  T19: 'Asks for personal details the task does not need.',
  T20: 'Asks for money, payment details, credentials or a payment link.',
  T21: 'Frames people as "us" against "them", sometimes in dehumanising terms.',
  T22: 'Decides or acts for you without asking, as if you had already agreed.',
};
