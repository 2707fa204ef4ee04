import { isTokenUnit } from './word-units';

/*
 * Hashed features, FEATURE_VERSION 1. This recipe is a file format: the trained model depends on every
 * detail, so any change needs a new FEATURE_VERSION (wasm-core/features-spec.ts) and a retrained model.
 *
 * Input: the NORMALISED text (normalize.ts).
 * Tokens: maximal runs of [a-z0-9'] with leading and trailing apostrophes trimmed; a run of apostrophes
 *   alone is no token. Anything else (spaces, punctuation, non-ASCII letters) separates tokens.
 * Keys, each an ASCII byte string hashed with 32-bit FNV-1a (offset basis 2166136261, prime 16777619):
 *   word unigram   "w:" + token
 *   word bigram    "b:" + previous token + " " + token      (consecutive tokens; punctuation between them
 *                                                           does not break a bigram)
 *   char 3-gram    "c:" + g  for every 3-unit window g of "^" + token + "$"
 *                  (a token of length L gives L windows: "^ac", "act", "ct$" for "act"; "^a$" for "a")
 * Bucket = hash mod FEATURE_DIM (8192). Counts accumulate per bucket (colliding keys share a count).
 * Value = ln(1 + count) per bucket, then the vector is scaled to unit L2 norm (all zeros when no tokens).
 */

export const FEATURE_DIM: i32 = 8192;
export const FEATURE_VERSION: i32 = 1;

const FNV_OFFSET: u32 = 2166136261;
const FNV_PRIME: u32 = 16777619;

function fnv(hash: u32, byte: u32): u32 {
  return (hash ^ byte) * FNV_PRIME;
}

const SEED_WORD: u32 = fnv(fnv(FNV_OFFSET, 0x77), 0x3a); // "w:"
const SEED_BIGRAM: u32 = fnv(fnv(FNV_OFFSET, 0x62), 0x3a); // "b:"
const SEED_CHAR: u32 = fnv(fnv(FNV_OFFSET, 0x63), 0x3a); // "c:"

export const featureValues = new StaticArray<f32>(FEATURE_DIM);

function bump(values: usize, hash: u32): void {
  const at = values + ((<usize>(hash & <u32>(FEATURE_DIM - 1))) << 2);
  store<f32>(at, load<f32>(at) + 1.0);
}

function trigram(a: u32, b: u32, c: u32): u32 {
  return fnv(fnv(fnv(SEED_CHAR, a), b), c);
}

/** Fills featureValues from `length` normalised units at `units`. */
export function computeFeatures(units: usize, length: i32): void {
  const values = changetype<usize>(featureValues);
  memory.fill(values, 0, (<usize>FEATURE_DIM) << 2);
  // FNV state of "b:" + previous token + " ", ready to continue with the next token; valid when hasPrevious.
  let bigramLeft: u32 = 0;
  let hasPrevious = false;
  let i: i32 = 0;
  while (i < length) {
    if (!isTokenUnit(<u32>load<u16>(units + ((<usize>i) << 1)))) {
      i++;
      continue;
    }
    let start = i;
    while (i < length && isTokenUnit(<u32>load<u16>(units + ((<usize>i) << 1)))) i++;
    let end = i;
    while (start < end && load<u16>(units + ((<usize>start) << 1)) == 0x27) start++;
    while (end > start && load<u16>(units + ((<usize>(end - 1)) << 1)) == 0x27) end--;
    if (start == end) continue;

    // One pass over the token: unigram, bigram and next bigram prefix hashes, and the 3-gram windows of
    // "^" + token + "$" kept in registers (u0, u1 = the two units before the current one).
    let u0: u32 = 0x5e;
    let u1 = <u32>load<u16>(units + ((<usize>start) << 1));
    let word = fnv(SEED_WORD, u1);
    let bigram = fnv(bigramLeft, u1);
    let nextLeft = fnv(SEED_BIGRAM, u1);
    for (let j = start + 1; j < end; j++) {
      const u2 = <u32>load<u16>(units + ((<usize>j) << 1));
      word = fnv(word, u2);
      bigram = fnv(bigram, u2);
      nextLeft = fnv(nextLeft, u2);
      bump(values, trigram(u0, u1, u2));
      u0 = u1;
      u1 = u2;
    }
    bump(values, trigram(u0, u1, 0x24));
    bump(values, word);
    if (hasPrevious) bump(values, bigram);
    bigramLeft = fnv(nextLeft, 0x20);
    hasPrevious = true;
  }

  let sumOfSquares: f64 = 0;
  for (let k = 0; k < FEATURE_DIM; k++) {
    const at = values + ((<usize>k) << 2);
    const count = load<f32>(at);
    if (count == 0) continue;
    const value = Math.log1p(<f64>count);
    store<f32>(at, <f32>value);
    sumOfSquares += value * value;
  }
  if (sumOfSquares == 0) return;
  const scale: f64 = 1.0 / Math.sqrt(sumOfSquares);
  for (let k = 0; k < FEATURE_DIM; k++) {
    const at = values + ((<usize>k) << 2);
    store<f32>(at, <f32>(<f64>load<f32>(at) * scale));
  }
}
