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

/*
 * Output is sparse: featureCount (index, value) pairs in featureIndices/featureValues, each index once, in
 * the order the buckets were first hit. A 1,000-word reply touches a few thousand of the 8192 buckets, so
 * clearing, weighting and copying only those is what keeps features cheap.
 */
/*
 * The tables live in static memory: their addresses are constants in the code, where a managed array's
 * address would be a global loaded again in every iteration of the hot loops.
 */
const p_counts = memory.data(FEATURE_DIM * 4, 64);
// One more than the buckets: a key is written at the next free place before it is known to be new.
const p_featureIndices = memory.data((FEATURE_DIM + 1) * 4, 16);
const p_featureValues = memory.data(FEATURE_DIM * 4, 16);
/** Bucket indices (i32) of the last computeFeatures(), featureCount of them. */
export const featureIndices: usize = p_featureIndices;
/** Their values (f32). */
export const featureValues: usize = p_featureValues;
export let featureCount: i32 = 0;

/** ln(1 + count) for the counts nearly every bucket has (the same f64 values Math.log1p gives). */
const LOG1P_TABLE_SIZE: u32 = 256;
const p_log1pTable = memory.data(LOG1P_TABLE_SIZE * 8, 16);
for (let n: u32 = 0; n < LOG1P_TABLE_SIZE; n++)
  store<f64>(p_log1pTable + ((<usize>n) << 3), Math.log1p(<f64>n));

/**
 * The sum of squared weights in fixed point, so that it is exact whatever order the buckets come in:
 * squareOf[n] = round(ln(1 + n)² · 2^40). Counts beyond the table (repetitive text) fall back to summing the
 * f64 squares over the buckets.
 */
const SQUARE_SCALE: f64 = 1099511627776.0;
const p_squareOf = memory.data(LOG1P_TABLE_SIZE * 8, 16);
for (let n: u32 = 0; n < LOG1P_TABLE_SIZE; n++) {
  const weight = Math.log1p(<f64>n);
  store<i64>(p_squareOf + ((<usize>n) << 3), <i64>Math.round(weight * weight * SQUARE_SCALE));
}

/** ln(1 + count) rounded to f32 (and back to f64), as the recipe weighs a bucket, for the counts in the table. */
const p_weightTable = memory.data(LOG1P_TABLE_SIZE * 8, 16);
for (let n: u32 = 0; n < LOG1P_TABLE_SIZE; n++) {
  store<f64>(p_weightTable + ((<usize>n) << 3), <f64>(<f32>load<f64>(p_log1pTable + ((<usize>n) << 3))));
}

function weightAt(at: usize): f64 {
  const count = load<u32>(at);
  return count < LOG1P_TABLE_SIZE ? load<f64>(p_log1pTable + ((<usize>count) << 3)) : Math.log1p(<f64>count);
}

/**
 * Counts one key; returns the number of buckets in use. Branch-free: whether a bucket is new is as good as
 * random, so a branch would mispredict.
 */
function bump(hash: u32, used: i32): i32 {
  const index = hash & <u32>(FEATURE_DIM - 1);
  const at = p_counts + ((<usize>index) << 2);
  const count = load<u32>(at);
  store<i32>(p_featureIndices + ((<usize>used) << 2), <i32>index);
  store<u32>(at, count + 1);
  return used + select<i32>(1, 0, count == 0);
}

/**
 * The FNV state of "c:" + a + b for every pair of units a 3-gram window can start with ([a-z0-9'] and "^"),
 * so a window costs one FNV step instead of three. Units are indexed by pairIndexOf (0 = none of those).
 */
const PAIR_UNITS = 40;
const p_pairIndexOf = memory.data(128, 16);
const p_pairState = memory.data(PAIR_UNITS * PAIR_UNITS * 4, 64);
{
  let next: u8 = 1;
  for (let c = 0x61; c <= 0x7a; c++) store<u8>(p_pairIndexOf + <usize>c, next++);
  for (let c = 0x30; c <= 0x39; c++) store<u8>(p_pairIndexOf + <usize>c, next++);
  store<u8>(p_pairIndexOf + 0x27, next++);
  store<u8>(p_pairIndexOf + 0x5e, next++);
  for (let a = 0; a < 128; a++) {
    const ia = <i32>load<u8>(p_pairIndexOf + <usize>a);
    if (ia == 0) continue;
    for (let b = 0; b < 128; b++) {
      const ib = <i32>load<u8>(p_pairIndexOf + <usize>b);
      if (ib != 0) {
        store<u32>(p_pairState + ((<usize>(ia * PAIR_UNITS + ib)) << 2), fnv(fnv(SEED_CHAR, <u32>a), <u32>b));
      }
    }
  }
}

function pairIndex(unit: u32): u32 {
  return <u32>load<u8>(p_pairIndexOf + <usize>unit);
}

function pairHash(pair: u32): u32 {
  return load<u32>(p_pairState + ((<usize>pair) << 2));
}

/** Whether a normalised unit is a letter or digit of a feature token ([a-z0-9]; apostrophes aside). */
function isAlnum(c: u32): bool {
  return c - 0x61 < 26 || c - 0x30 < 10;
}

/** Vector constants, loaded once per call: V8 rebuilds a vector constant inside a loop each time it is used. */
const p_constants = memory.data(80, 16);
v128.store(p_constants, i16x8.splat(0x61), 0);
v128.store(p_constants, i16x8.splat(26), 16);
v128.store(p_constants, i16x8.splat(0x30), 32);
v128.store(p_constants, i16x8.splat(10), 48);
v128.store(p_constants, i32x4.splat(<i32>FNV_PRIME), 64);

/** Computes the features of `length` normalised units at `units` (featureCount pairs). */
export function computeFeatures(units: usize, length: i32): void {
  let used = 0;
  // FNV state of "b:" + previous token + " ", ready to continue with the next token; valid when hasPrevious.
  let bigramLeft: u32 = 0;
  let hasPrevious = false;
  const kLower = v128.load(p_constants, 0);
  const kLetters = v128.load(p_constants, 16);
  const kDigit = v128.load(p_constants, 32);
  const kDigits = v128.load(p_constants, 48);
  const kPrime = v128.load(p_constants, 64);
  let i: i32 = 0;
  while (i < length) {
    // A token starts at a letter or digit: leading apostrophes are trimmed, so they are skipped here.
    const first = <u32>load<u16>(units + ((<usize>i) << 1));
    if (!isAlnum(first)) {
      i++;
      continue;
    }
    // One pass over the token, hashing as it goes: unigram, bigram and next bigram prefix hashes, and the
    // 3-gram windows of "^" + token + "$" (pair = index of the window's first two units in pairState).
    let i1 = pairIndex(first);
    let pair = pairIndex(0x5e) * PAIR_UNITS + i1;
    // The unigram, bigram and next bigram prefix hashes in lanes 0, 1 and 2: one vector FNV step each unit.
    let hashes = i32x4.mul(
      v128.xor(i32x4(<i32>SEED_WORD, <i32>bigramLeft, <i32>SEED_BIGRAM, 0), i32x4.splat(<i32>first)),
      kPrime,
    );
    i++;
    while (i < length) {
      // How many letters and digits follow (eight at a time), so the loop over them tests no unit.
      let run = 0;
      if (i + 8 <= length) {
        const block = v128.load(units + ((<usize>i) << 1));
        const letters = i16x8.lt_u(i16x8.sub(block, kLower), kLetters);
        const digits = i16x8.lt_u(i16x8.sub(block, kDigit), kDigits);
        run = <i32>ctz(~i16x8.bitmask(v128.or(letters, digits)));
      } else {
        while (i + run < length && isAlnum(<u32>load<u16>(units + ((<usize>(i + run)) << 1)))) run++;
      }
      let end = i + run;
      // Where the token goes on after [i, end), or -1 when it ends there (and i goes to `after`).
      let more = run == 8;
      let after = end;
      if (!more && end < length && load<u16>(units + ((<usize>end) << 1)) == 0x27) {
        // Apostrophes belong to the token only between letters or digits ("don't"), not at its end.
        let j = end + 1;
        while (j < length && load<u16>(units + ((<usize>j) << 1)) == 0x27) j++;
        if (j < length && isAlnum(<u32>load<u16>(units + ((<usize>j) << 1)))) {
          end = j;
          more = true;
        }
        after = j;
      }
      for (; i < end; i++) {
        const u2 = <u32>load<u16>(units + ((<usize>i) << 1));
        hashes = i32x4.mul(v128.xor(hashes, i32x4.splat(<i32>u2)), kPrime);
        used = bump(fnv(pairHash(pair), u2), used);
        const i2 = pairIndex(u2);
        pair = i1 * PAIR_UNITS + i2;
        i1 = i2;
      }
      if (!more) {
        i = after;
        break;
      }
    }
    used = bump(fnv(pairHash(pair), 0x24), used);
    used = bump(<u32>i32x4.extract_lane(hashes, 0), used);
    if (hasPrevious) used = bump(<u32>i32x4.extract_lane(hashes, 1), used);
    bigramLeft = fnv(<u32>i32x4.extract_lane(hashes, 2), 0x20);
    hasPrevious = true;
  }

  // Weight, normalise, and clear the counts for the next call, touching only the buckets in use.
  featureCount = used;
  const count = used;
  let squareSum: i64 = 0;
  let largest: u32 = 0;
  for (let k = 0; k < count; k++) {
    const n = load<u32>(p_counts + ((<usize>load<i32>(p_featureIndices + ((<usize>k) << 2))) << 2));
    largest = max(largest, n);
    squareSum += load<i64>(p_squareOf + ((<usize>min(n, LOG1P_TABLE_SIZE - 1)) << 3));
  }
  let sumOfSquares = <f64>squareSum / SQUARE_SCALE;
  if (largest >= LOG1P_TABLE_SIZE) {
    sumOfSquares = 0;
    for (let k = 0; k < count; k++) {
      const weight = weightAt(p_counts + ((<usize>load<i32>(p_featureIndices + ((<usize>k) << 2))) << 2));
      sumOfSquares += weight * weight;
    }
  }
  const scale: f64 = sumOfSquares > 0 ? 1.0 / Math.sqrt(sumOfSquares) : 0;
  if (largest < LOG1P_TABLE_SIZE) {
    // Every count is in the table (nearly always): its weight rounded to f32, read with no call.
    for (let k = 0; k < count; k++) {
      const at = p_counts + ((<usize>load<i32>(p_featureIndices + ((<usize>k) << 2))) << 2);
      const weight = load<f64>(p_weightTable + ((<usize>load<u32>(at)) << 3));
      store<f32>(p_featureValues + ((<usize>k) << 2), <f32>(weight * scale));
      store<u32>(at, 0);
    }
    return;
  }
  for (let k = 0; k < count; k++) {
    const index = load<i32>(p_featureIndices + ((<usize>k) << 2));
    const at = p_counts + ((<usize>index) << 2);
    // As the recipe has it: the weight rounded to f32, then scaled.
    store<f32>(p_featureValues + ((<usize>k) << 2), <f32>(<f64>(<f32>weightAt(at)) * scale));
    store<u32>(at, 0);
  }
}
