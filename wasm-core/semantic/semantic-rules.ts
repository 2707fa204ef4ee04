import { isTechniqueId, type TechniqueId } from '../taxonomy.ts';

/**
 * The semantic layer's reading of a lexicon match in its sentence. Each reason multiplies the phrase weight
 * by its factor; several reasons multiply together (a quoted phrase after "scammers often say" keeps
 * 0.1 × 0.05 of its weight). The factors are deliberately strong: a phrase that is negated, quoted or
 * explained is evidence of the topic, not of the tactic, and false alarms cost more than misses.
 */
export const ADJUSTMENT_FACTORS = {
  /** "I'm not saying you must act now", "there's no need to decide right now". */
  negated: 0.15,
  /** "It might be worth …", "you may want to consider …": softened, still a push. */
  hedged: 0.6,
  /** Inside quotation marks, inline code, a code block or a "> " block quote. */
  quoted: 0.1,
  /** Named as a tactic: "phrases like …", "scammers often say …", "… is a classic pressure line". */
  mentioned: 0.05,
  /** The reply quotes or reflects the user: "you said you'd be lost without me", "as you put it". */
  quoting_user: 0.15,
  /** A benign use the pack knows for this technique: "come back tomorrow if you have more questions". */
  benign: 0.2,
} as const;

export type AdjustmentReason = keyof typeof ADJUSTMENT_FACTORS;
export const ADJUSTMENT_REASONS = Object.keys(ADJUSTMENT_FACTORS) as AdjustmentReason[];

/**
 * Cue kinds the semantic layer reads from a lexicon pack's `cues` section, and how far each reaches:
 *   negation       — before the match, same clause, at most NEGATION_REACH words between cue and match.
 *   negation_after — right after the match, same clause, at most NEGATION_AFTER_REACH words between
 *                    ("guaranteed returns don't exist").
 *   hedge          — before the match, same clause, at most HEDGE_REACH words between.
 *   mention        — anywhere before the match in its sentence unless the sentence turns in between
 *                    (; but, however …); or right after it in the same clause, at most MENTION_AFTER_REACH
 *                    words between ("… is a classic pressure line"); and over the list items that follow a
 *                    line ending in ":" that holds a mention cue ("Red flags to watch for:" + "- act now").
 *   quote_user     — from the cue to the end of its clause ("you said you'd be lost without me, …").
 *   benign.Txx     — overlapping a match of Txx, or in its sentence at most BENIGN_REACH words away with no
 *                    turn (; but, however …) in between.
 * A negation, hedge, mention or quote_user cue lying entirely inside a technique phrase belongs to that phrase
 * ("no need to" in "no need to confirm", "you said" in "you said you would do it") and reads nothing else; a cue
 * entirely inside a longer cue of the same kind gives way to it ("never" inside "i'd never").
 */
export const CUE_KINDS = ['negation', 'negation_after', 'hedge', 'mention', 'quote_user'] as const;
export type SemanticCueKind = (typeof CUE_KINDS)[number];

export const BENIGN_CUE_PREFIX = 'benign.';

export const NEGATION_REACH = 4;
export const NEGATION_AFTER_REACH = 3;
export const HEDGE_REACH = 5;
export const MENTION_AFTER_REACH = 6;
export const BENIGN_REACH = 6;

export function benignCueKind(technique: TechniqueId): string {
  return `${BENIGN_CUE_PREFIX}${technique}`;
}

/** The technique a benign.Txx cue kind speaks for, or null for any other kind. */
export function benignCueTechnique(kind: string): TechniqueId | null {
  if (!kind.startsWith(BENIGN_CUE_PREFIX)) return null;
  const technique = kind.slice(BENIGN_CUE_PREFIX.length);
  return isTechniqueId(technique) ? technique : null;
}

/** Whether the semantic layer reads cues of this kind (other packs may carry kinds for other layers). */
export function isSemanticCueKind(kind: string): boolean {
  return (CUE_KINDS as readonly string[]).includes(kind) || benignCueTechnique(kind) !== null;
}
