import { addPattern, build, matchCount, matchData, newPhrase, resetPhrases, scan } from './aho-corasick';
import {
  computeFeatures,
  FEATURE_DIM,
  FEATURE_VERSION,
  featureCount,
  featureIndices,
  featureValues,
} from './features';
import { AMBIGUOUS_IL, leetLetter } from './lookalikes';
import { buildMatchView, viewEnds, viewHasSoft, viewLength, viewStarts, viewUnits } from './match-view';
import {
  normalize,
  normEnds,
  normExotic,
  normExoticCount,
  normLength,
  normStarts,
  normUnits,
} from './normalize';
import { isWordUnit } from './word-units';

/*
 * The core's interface to its host (wasm-core/core.ts), numbers only, so no generated glue is needed:
 *   1. inputBuffer(n) returns where to write n UTF-16 code units (the pointer is valid until the next call);
 *   2. analyze(length, mode) normalises them and, by mode, builds the matching view and scans it for phrases
 *      (match-view.ts, aho-corasick.ts) and computes features of the normalised text (features.ts);
 *   3. the *Pointer()/…Length() getters tell where the results are. Results live in buffers the core reuses,
 *      so they stay valid until the next call into the core; the host copies what it keeps.
 * Lexicon: lexiconReset(), then per phrase lexiconFold(n) (phrase text in the input buffer) and, if the
 * host keeps it, lexiconAddFolded(); then lexiconBuild().
 */

/** Size bound of the perimeter layer: longer input is cut to this prefix (at a code point boundary). */
export const MAX_INPUT_LENGTH: i32 = 262144;

export const MODE_MATCH: i32 = 1;
export const MODE_FEATURES: i32 = 2;
/** Build the matching view without scanning it (for inspection). */
export const MODE_VIEW: i32 = 4;
export const RESULT_TRUNCATED: i32 = 1;

let input = new StaticArray<u16>(1024);
let analysedLength: i32 = 0;

export function maxInputLength(): i32 {
  return MAX_INPUT_LENGTH;
}

export function featureDim(): i32 {
  return FEATURE_DIM;
}

export function featureVersion(): i32 {
  return FEATURE_VERSION;
}

/** Where to write up to `length` code units of input (at most MAX_INPUT_LENGTH are read). */
export function inputBuffer(length: i32): usize {
  const wanted = min(max(length, 0), MAX_INPUT_LENGTH);
  if (input.length < wanted) {
    let capacity = input.length;
    while (capacity < wanted) capacity <<= 1;
    input = new StaticArray<u16>(min(capacity, MAX_INPUT_LENGTH));
  }
  return changetype<usize>(input);
}

/**
 * Analyses the input buffer holding the first min(length, MAX_INPUT_LENGTH) units of a text whose full
 * length is `length`. Returns RESULT_TRUNCATED when only a prefix was analysed; a cut never splits a
 * surrogate pair.
 */
export function analyze(length: i32, mode: i32): i32 {
  let n = min(max(length, 0), min(MAX_INPUT_LENGTH, input.length));
  let flags = 0;
  if (length > MAX_INPUT_LENGTH) {
    flags |= RESULT_TRUNCATED;
    if (n > 0 && unchecked(input[n - 1]) - 0xd800 < 0x400) n--;
  }
  analysedLength = n;
  const src = changetype<usize>(input);
  normalize(src, n);
  const units = changetype<usize>(normUnits);
  if (mode & (MODE_MATCH | MODE_VIEW)) {
    buildMatchView(
      units,
      changetype<usize>(normStarts),
      changetype<usize>(normEnds),
      normLength,
      src,
      changetype<usize>(normExotic),
      normExoticCount,
      // Scanning alone reads plain stretches unsqueezed; a view asked for is the squeezed one.
      (mode & MODE_MATCH) == 0 || (mode & MODE_VIEW) != 0,
    );
  }
  if (mode & MODE_MATCH) {
    scan(
      changetype<usize>(viewUnits),
      changetype<usize>(viewStarts),
      changetype<usize>(viewEnds),
      viewLength,
      viewHasSoft,
    );
  } else {
    scan(0, 0, 0, 0, false);
  }
  if (mode & MODE_FEATURES) computeFeatures(units, normLength);
  return flags;
}

/** Code units of the original text that the last analyze() read (after truncation). */
export function analysedInputLength(): i32 {
  return analysedLength;
}

export function normalizedPointer(): usize {
  return changetype<usize>(normUnits);
}

export function normalizedLength(): i32 {
  return normLength;
}

/** Per normalised unit: where its source starts in the original text (i32). */
export function sourceStartsPointer(): usize {
  return changetype<usize>(normStarts);
}

/** Per normalised unit: where its source ends in the original text (i32, exclusive). */
export function sourceEndsPointer(): usize {
  return changetype<usize>(normEnds);
}

/**
 * The matching view of the last analyze() with MODE_MATCH or MODE_VIEW: units (u16). With MODE_MATCH alone
 * its plain stretches are not squeezed (the scanner squeezes them as it reads); MODE_VIEW gives the full view.
 */
export function viewPointer(): usize {
  return changetype<usize>(viewUnits);
}

export function viewUnitCount(): i32 {
  return viewLength;
}

/**
 * Per view unit: where its source starts in the original text (i32), with the view's flags in the high bits
 * (match-view.ts: SOFT = 1 << 30, SKIPPABLE = 1 << 29).
 */
export function viewStartsPointer(): usize {
  return changetype<usize>(viewStarts);
}

/** Per view unit: where its source ends in the original text (i32, exclusive). */
export function viewEndsPointer(): usize {
  return changetype<usize>(viewEnds);
}

/** Matches of the last analyze(): matchesLength() records of 3 i32 — phrase id, start, end. */
export function matchesPointer(): usize {
  return changetype<usize>(matchData);
}

export function matchesLength(): i32 {
  return matchCount;
}

/** Non-zero features of the last analyze() with MODE_FEATURES: featuresLength() bucket indices (i32)… */
export function featureIndicesPointer(): usize {
  return changetype<usize>(featureIndices);
}

/** …and their values (f32), in the same order. */
export function featureValuesPointer(): usize {
  return changetype<usize>(featureValues);
}

export function featuresLength(): i32 {
  return featureCount;
}

// The matching-view form of the phrase last added.
let phraseUnits = new StaticArray<u16>(256);
let phraseLength: i32 = 0;
let squashed = new StaticArray<u16>(256);

export function lexiconReset(): void {
  resetPhrases();
}

let squashedLength: i32 = 0;

/**
 * Folds the phrase in the input buffer (its first `length` units) into its matching form, left in
 * lexiconPhrasePointer()/lexiconPhraseLength() (the normalised form stays in normalizedPointer()); returns
 * the form's length, 0 when the phrase folds to nothing. lexiconAddFolded() then adds it.
 *
 * A phrase goes through the same normalisation and matching view as text, with AMBIGUOUS_IL read as i (a
 * phrase is written in plain letters). Besides that form, every phrase gets a squashed pattern for
 * spelled-out text: its letters and leet-read digits alone, squeezed again ("act now" → actnow, "last
 * time" → lastime), which is how a spelled-out run reads it.
 */
export function lexiconFold(length: i32): i32 {
  const n = min(max(length, 0), min(MAX_INPUT_LENGTH, input.length));
  const src = changetype<usize>(input);
  normalize(src, n);
  buildMatchView(
    changetype<usize>(normUnits),
    changetype<usize>(normStarts),
    changetype<usize>(normEnds),
    normLength,
    src,
    changetype<usize>(normExotic),
    normExoticCount,
    true,
  );
  phraseLength = viewLength;
  if (phraseUnits.length < phraseLength) {
    phraseUnits = new StaticArray<u16>(phraseLength);
    squashed = new StaticArray<u16>(phraseLength);
  }
  squashedLength = 0;
  let last: u32 = 0;
  for (let k = 0; k < phraseLength; k++) {
    let c = <u32>unchecked(viewUnits[k]);
    if (c == AMBIGUOUS_IL) c = 0x69;
    unchecked((phraseUnits[k] = <u16>c));
    let letter: u32 = 0;
    if (c - 0x30 < 10) {
      letter = leetLetter(c);
      if (letter == AMBIGUOUS_IL) letter = 0x69;
      if (letter == 0) {
        // 2 and 6 stay digits, and digits are never squeezed.
        unchecked((squashed[squashedLength++] = <u16>c));
        last = 0;
        continue;
      }
    } else if (c != 0x27 && isWordUnit(c)) {
      letter = c;
    }
    if (letter == 0 || letter == last) continue;
    unchecked((squashed[squashedLength++] = <u16>letter));
    last = letter;
  }
  return phraseLength;
}

/** Adds the phrase last folded by lexiconFold() to the matcher; returns its id, or -1 when it was empty. */
export function lexiconAddFolded(): i32 {
  if (phraseLength == 0) return -1;
  const id = newPhrase();
  addPattern(changetype<usize>(phraseUnits), phraseLength, id, false);
  if (squashedLength > 0) addPattern(changetype<usize>(squashed), squashedLength, id, true);
  return id;
}

export function lexiconPhrasePointer(): usize {
  return changetype<usize>(phraseUnits);
}

export function lexiconPhraseLength(): i32 {
  return phraseLength;
}

/** Builds the matcher; returns its number of states, -1 without phrases, -2 when it would be too large. */
export function lexiconBuild(): i32 {
  return build();
}

// ---------------------------------------------------------------------------------------------------------
// Rule evaluator (rules/evaluator.ts). Loading: rulesTableBuffer(n) then write n i32 of the compiled table
// (wasm-core/constitution/rule-compiler.ts), rulesConstantsBuffer(m) then write m f64, then rulesBuild()
// (0, or a negative code for a malformed table). Evaluating: write per fact slot a value (f64) at
// rulesFactValuesPointer() and a present flag (u8) at rulesFactPresentPointer(), call rulesEvaluate(), read
// per rule row a flags byte (1 fired, 2 defeated) at rulesRuleFlagsPointer() and per principle two i32
// (status, deciding rule row or -1) at rulesPrincipleResultsPointer().

import {
  allocateConstants as allocateRuleConstants,
  allocateTable as allocateRuleTable,
  buildTable as buildRuleTable,
  evaluate as evaluateRules,
  principleResults,
  factPresent as ruleFactPresent,
  factValues as ruleFactValues,
  ruleFlags,
} from './rules/evaluator';

export function rulesTableBuffer(length: i32): usize {
  return allocateRuleTable(length);
}

export function rulesConstantsBuffer(count: i32): usize {
  return allocateRuleConstants(count);
}

export function rulesBuild(): i32 {
  return buildRuleTable();
}

export function rulesFactValuesPointer(): usize {
  return changetype<usize>(ruleFactValues);
}

export function rulesFactPresentPointer(): usize {
  return changetype<usize>(ruleFactPresent);
}

export function rulesEvaluate(): void {
  evaluateRules();
}

export function rulesRuleFlagsPointer(): usize {
  return changetype<usize>(ruleFlags);
}

export function rulesPrincipleResultsPointer(): usize {
  return changetype<usize>(principleResults);
}
