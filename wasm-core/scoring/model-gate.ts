import type { LexiconEvidence } from './lexicon-features.ts';
import { keptEvidence } from './lexicon-features.ts';

/**
 * How much of the model's positive log-odds the calibration lets through for one technique, in [0, 1].
 *
 * Two things limit it. The semantic layer may have read the technique's phrases as negated, quoted or
 * explained (keptEvidence); the model reads the same words without knowing that, so it may not vouch for the
 * technique either. And a very short reply gives the hashed model only a handful of features, each inflated
 * by the unit-norm scaling, so one word can carry it: "Would you like me to continue?" must not read as a
 * claim of feelings because of "like me". Below MODEL_FULL_TRUST_WORDS words the gate shrinks in proportion.
 * The trainer fits the calibration through the same gate, so the fitted weights already account for it.
 */
export const MODEL_FULL_TRUST_WORDS = 12;

export function modelGate(evidence: LexiconEvidence | undefined, words: number): number {
  const lengthTrust = Math.min(1, Math.max(0, words) / MODEL_FULL_TRUST_WORDS);
  return keptEvidence(evidence) * lengthTrust;
}

/** Per ASCII unit: 1 a letter or digit, 2 an apostrophe (a word unit only inside a word), else 0. */
const ASCII_WORD_CLASS = new Uint8Array(0x80);
for (let c = 0x30; c <= 0x39; c++) ASCII_WORD_CLASS[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ASCII_WORD_CLASS[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ASCII_WORD_CLASS[c] = 1;
ASCII_WORD_CLASS[0x27] = 2;

/**
 * Words in text[0, end) as runs of letters or digits (an apostrophe inside a word does not split it).
 * Counted without a branch on where words start or end, which a branch predictor cannot guess.
 */
export function wordCount(text: string, end = text.length): number {
  let words = 0;
  let inWord = 0;
  const stop = Math.min(end, text.length);
  for (let i = 0; i < stop; i++) {
    const c = text.charCodeAt(i);
    let wordClass: number;
    if (c < 0x80) wordClass = ASCII_WORD_CLASS[c] as number;
    else if (c === 0x2019) wordClass = 2;
    else wordClass = c >= 0xc0 && !isPunctuationBlock(c) ? 1 : 0;
    const wordUnit = (wordClass & 1) | ((wordClass >> 1) & inWord);
    words += wordUnit & (inWord ^ 1);
    inWord = wordUnit;
  }
  return words;
}

/** General punctuation, symbols, arrows, box drawing, CJK punctuation and full-width ASCII punctuation. */
function isPunctuationBlock(c: number): boolean {
  return (
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x2000 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20)
  );
}
