import { addPhrase, build, matchCount, matchData, resetPhrases, scan } from './aho-corasick';
import { computeFeatures, FEATURE_DIM, FEATURE_VERSION, featureValues } from './features';
import { normalize, normEnds, normLength, normStarts, normUnits } from './normalize';

/*
 * The core's interface to its host (wasm-core/core.ts), numbers only, so no generated glue is needed:
 *   1. inputBuffer(n) returns where to write n UTF-16 code units (the pointer is valid until the next call);
 *   2. analyze(length, mode) normalises them and, by mode, scans for phrases and computes features;
 *   3. the *Pointer()/…Length() getters tell where the results are. Results live in buffers the core reuses,
 *      so they stay valid until the next call into the core; the host copies what it keeps.
 * Lexicon: lexiconReset(), then lexiconAdd(n, technique) per phrase (phrase text in the input buffer), then
 * lexiconBuild().
 */

/** Size bound of the perimeter layer: longer input is cut to this prefix (at a code point boundary). */
export const MAX_INPUT_LENGTH: i32 = 262144;

export const MODE_MATCH: i32 = 1;
export const MODE_FEATURES: i32 = 2;
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
  if (mode & MODE_MATCH) {
    scan(units, changetype<usize>(normStarts), changetype<usize>(normEnds), normLength);
  } else {
    scan(units, 0, 0, 0);
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

/** Matches of the last analyze(): matchCount() records of 4 i32 — phrase id, technique, start, end. */
export function matchesPointer(): usize {
  return changetype<usize>(matchData);
}

export function matchesLength(): i32 {
  return matchCount;
}

/** FEATURE_DIM f32 values of the last analyze() with MODE_FEATURES. */
export function featuresPointer(): usize {
  return changetype<usize>(featureValues);
}

export function lexiconReset(): void {
  resetPhrases();
}

/**
 * Adds the phrase in the input buffer (its first `length` units) for `technique`. Returns the phrase's id,
 * or -1 when it normalises to nothing. Its normalised form is left in the normalised buffer.
 */
export function lexiconAdd(length: i32, technique: i32): i32 {
  const n = min(max(length, 0), min(MAX_INPUT_LENGTH, input.length));
  normalize(changetype<usize>(input), n);
  if (normLength == 0) return -1;
  return addPhrase(changetype<usize>(normUnits), normLength, technique);
}

/** Builds the matcher; returns its number of states, -1 without phrases, -2 when it would be too large. */
export function lexiconBuild(): i32 {
  return build();
}
