import { AMBIGUOUS_IL, latinLetterLike, leetLetter } from './lookalikes';
import { isWordUnit } from './word-units';

/*
 * The perimeter's MATCHING VIEW: what the phrase matcher reads. It is built from the normalised view
 * (normalize.ts: case, width, compatibility forms, diacritics and invisible characters already folded,
 * whitespace collapsed) and undoes the remaining ways of writing a phrase so that a filter misses it.
 * Lexicon phrases go through exactly the same function when they are loaded, so every fold below applies to
 * text and phrases alike. Features keep reading the normalised view: these folds are for matching only.
 *
 * Terms (over normalised units):
 *   letter    a–z or a non-ASCII letter            digit    0–9
 *   symbol    @ $ € read as a letter before a letter or digit ("@ct", "$cam"); ! | read as a letter between
 *             letters or digits ("cl!ck", "onl|ne"); any of them also when it stands alone among the
 *             separators of spelled-out text ("4 · @ · c"; but "a | b" is a separator, "wow !!" is not)
 *   fragment  a maximal run of letters, digits and symbols
 *   gap       what lies between two fragments (spaces, punctuation, apostrophes)
 *
 * Rules, in order:
 *   1. Joining. Two fragments separated by 1–6 ASCII punctuation units (or ·) and no space are one word;
 *      the punctuation is dropped except apostrophes (and a leet symbol in it still reads as its letter):
 *      "ac*t n_ow" → act now, "fa·./·st" → fast, "don't" stays don't, "limited-time" → limitedtime
 *      (phrases fold the same way). Not joined:
 *        - numbers: digits on both sides ("3.14", "24/7", "1,000"), unless they spell a word ("7.h.3");
 *        - an ellipsis ("now...and"), or a dash that was an en or em dash in the original ("now—today");
 *        - a sentence end without its space ("tonight.Don't": . ! or ? after two lower-case letters and
 *          before a capital and two lower-case letters, in the original).
 *   2. Spelling out. A word whose fragments are all one unit ("a", "n.o", "a-c-t") is LETTER-WISE.
 *      Consecutive letter-wise words with gaps of at most 8 units form a RUN when they hold three units or
 *      more, one of them a letter. Inside a run, the gap between two one-unit words is dropped
 *      ("a c t  n o w" → actnow) and a gap next to a spelled word is one space ("a-c-t / n-o-w" → act now).
 *      Units of runs are SOFT: word boundaries are unknown there, so the matcher also looks for every
 *      phrase squashed (letters and leet digits only: "act now" → actnow) anywhere inside them, and lets
 *      a phrase end at any soft unit.
 *   3. Leetspeak. In a word with a letter, and in a run's stretch of one-unit words with a letter, digits
 *      and symbols become the letter they stand for: 0→o 1→i|l 3→e 4→a 5→s 7→t 8→b 9→g @→a $→s !→i |→i|l
 *      €→e. Words without letters ("2025", "24", "$100") are left alone. 1 and | become AMBIGUOUS_IL,
 *      which the matcher reads both ways; next to an i or l it may also be the second of a doubled letter
 *      ("st1ll", "you'1l", "11" for ll), so such units, and an i or l right after "i1" or "l1", are
 *      SKIPPABLE: the matcher also reads them as nothing.
 *   4. Lookalikes. Every Cyrillic, Greek, Armenian, Cherokee, Lisu or IPA letter drawn like a Latin letter
 *      becomes that letter (lookalikes.ts), wherever it stands, judged by the original character.
 *   5. Squeezing. A run of the same letter is one unit whose source spans the whole run: "nooooow" → now,
 *      "acccct" → act, and phrases too ("too late" → to late), so "tooooo late" matches "too late".
 * Everything else (spaces, punctuation between words) is copied as it is; an apostrophe between words is a
 * quotation mark and becomes QUOTE (U+0002), so an apostrophe in the view is always inside a word. Every unit
 * of the view keeps the [start, end) range of ORIGINAL code units it covers, so a match maps back exactly: a
 * squeezed letter covers its whole run, a joined word keeps its dropped punctuation inside a match's span.
 *
 * Known limits: a phrase spelled out only in part next to ordinary words of the same phrase ("a c t n o w
 * before", for "act now before") is missed; inside a run a short phrase can match across spelled words
 * ("k n o w s" holds "now"); abbreviations read as spelled-out letters ("U.S." is us); a | used as a leet l
 * between spaces reads as a separator; an l written as a capital I is not read as l.
 */

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 4;
const APOSTROPHE: u8 = 5;
const OTHER: u8 = 6;
const LEAD_SYMBOL: u8 = 7;
const INNER_SYMBOL: u8 = 8;

const asciiClass = new StaticArray<u8>(128);
// Hot loops address every buffer through a raw pointer: touching a managed reference costs a trip through
// the collector's shadow stack on each access.
const p_asciiClass = changetype<usize>(asciiClass);
for (let c = 0; c < 128; c++) {
  let cls = OTHER;
  if (c >= 0x61 && c <= 0x7a) cls = LETTER;
  else if (c >= 0x30 && c <= 0x39) cls = DIGIT;
  else if (c == 0x20) cls = SPACE;
  else if (c == 0x27) cls = APOSTROPHE;
  else if (c == 0x40 || c == 0x24) cls = LEAD_SYMBOL;
  else if (c == 0x21 || c == 0x7c) cls = INNER_SYMBOL;
  store<u8>(p_asciiClass + <usize>c, cls);
}

// Fragment flags.
const HAS_LETTER: u8 = 1;
const HAS_SYMBOL: u8 = 2;
const ONE_UNIT: u8 = 4;
const HAS_DIGIT: u8 = 8;
/**
 * One or more fragments that pass 1 leaves out (ordinary words standing alone: see pass 1) lie between this
 * fragment and the one before in the list.
 */
const AFTER_SKIPPED: u8 = 16;
/** Not a flag: the unit needs the slow path (a symbol, or not ASCII). */
const SLOW_BITS: i32 = 0x80;

/** Per ASCII unit: the fragment flag it contributes (0 outside fragments), or SLOW_BITS. */
const asciiBits = new StaticArray<u8>(128);
for (let c = 0; c < 128; c++) {
  const cls = load<u8>(p_asciiClass + <usize>c);
  let bits: i32 = 0;
  if (cls == LETTER) bits = HAS_LETTER;
  else if (cls == DIGIT) bits = HAS_DIGIT;
  else if (cls >= LEAD_SYMBOL) bits = SLOW_BITS;
  unchecked((asciiBits[c] = <u8>bits));
}
const p_asciiBits = changetype<usize>(asciiBits);

// Word flags.
const WORD_HAS_LETTER: u8 = 1;
/** Every fragment of the word is one unit ("a", "n.o", "a-c-t"). */
const WORD_LETTERWISE: u8 = 2;
const WORD_IN_RUN: u8 = 4;
/** In a run, not its last word: the gap after it is dropped (or one space, next to a spelled word). */
const WORD_GAP_DROPPED: u8 = 8;
/** Digits and symbols of the word read as letters (rule 3). */
const WORD_FOLD: u8 = 16;
/** An ordinary word (not listed) lies between the word before in the list and this one. */
const WORD_AFTER_ORDINARY: u8 = 32;

/** Longest punctuation between two fragments of one word ("ac*t", "d__'__t"). */
const JOIN_GAP: i32 = 6;
/** Longest gap between two spelled-out words of a run ("a . c", "t . ' . s", "act / now"). */
const RUN_GAP: i32 = 8;

export let viewUnits = new StaticArray<u16>(0);
export let viewStarts = new StaticArray<i32>(0);
export let viewEnds = new StaticArray<i32>(0);
/**
 * Flags carried in the high bits of viewStarts (offsets stay below 2^28): SOFT when the unit belongs to
 * spelled-out text (rule 2), SKIPPABLE when the matcher may also read it as nothing (rule 3, markSkippable).
 */
export const SOFT: i32 = 1 << 30;
/**
 * An apostrophe between words (a quotation mark: "'act now'", "dogs' toys") is this unit in the view, so an
 * apostrophe (') in the view is always inside a word ("don't"). C0 controls never survive normalisation.
 */
export const QUOTE: u32 = 2;
export const SKIPPABLE: i32 = 1 << 29;
export const OFFSET_MASK: i32 = SKIPPABLE - 1;
export let viewLength: i32 = 0;
/** Whether the view has any SOFT unit (spelled-out text). */
export let viewHasSoft = false;

let fragStart = new StaticArray<i32>(0);
let fragEnd = new StaticArray<i32>(0);
let fragFlags = new StaticArray<u8>(0);
let wordFirst = new StaticArray<i32>(0);
let wordLast = new StaticArray<i32>(0);
let wordFlags = new StaticArray<u8>(0);
let p_viewUnits: usize = 0;
let p_viewStarts: usize = 0;
let p_viewEnds: usize = 0;
let p_fragStart: usize = 0;
let p_fragEnd: usize = 0;
let p_fragFlags: usize = 0;
let p_wordFirst: usize = 0;
let p_wordLast: usize = 0;
let p_wordFlags: usize = 0;

// The text being viewed: normalised units with their source ranges, and the original code units.
let inUnits: usize = 0;
let inStarts: usize = 0;
let inEnds: usize = 0;
let inLength: i32 = 0;
let original: usize = 0;
let fragmentCount: i32 = 0;

function ensureCapacity(n: i32): void {
  if (viewUnits.length >= n) return;
  let capacity = max(viewUnits.length, 1024);
  while (capacity < n) capacity <<= 1;
  viewUnits = new StaticArray<u16>(capacity);
  viewStarts = new StaticArray<i32>(capacity);
  viewEnds = new StaticArray<i32>(capacity);
  fragStart = new StaticArray<i32>(capacity);
  fragEnd = new StaticArray<i32>(capacity);
  fragFlags = new StaticArray<u8>(capacity);
  wordFirst = new StaticArray<i32>(capacity);
  wordLast = new StaticArray<i32>(capacity);
  wordFlags = new StaticArray<u8>(capacity);
  p_viewUnits = changetype<usize>(viewUnits);
  p_viewStarts = changetype<usize>(viewStarts);
  p_viewEnds = changetype<usize>(viewEnds);
  p_fragStart = changetype<usize>(fragStart);
  p_fragEnd = changetype<usize>(fragEnd);
  p_fragFlags = changetype<usize>(fragFlags);
  p_wordFirst = changetype<usize>(wordFirst);
  p_wordLast = changetype<usize>(wordLast);
  p_wordFlags = changetype<usize>(wordFlags);
}

function unitAt(k: i32): u32 {
  return <u32>load<u16>(inUnits + ((<usize>k) << 1));
}

function startAt(k: i32): i32 {
  return load<i32>(inStarts + ((<usize>k) << 2));
}

function endAt(k: i32): i32 {
  return load<i32>(inEnds + ((<usize>k) << 2));
}

/** The original code unit a normalised unit came from when it came from exactly one, else 0. */
function originalAt(k: i32): u32 {
  const start = startAt(k);
  if (endAt(k) - start != 1) return 0;
  return <u32>load<u16>(original + ((<usize>start) << 1));
}

function rawClass(c: u32): u8 {
  if (c < 0x80) return load<u8>(p_asciiClass + <usize>c);
  if (isWordUnit(c)) return LETTER;
  return c == 0x20ac ? LEAD_SYMBOL : OTHER;
}

function isAsciiLower(c: u32): bool {
  return c - 0x61 < 26;
}

/**
 * Whether the . ! or ? at k ends a sentence whose next one starts without a space ("tonight.Don't"): two
 * lower-case letters before it and a capital followed by two lower-case letters after it, in the original.
 */
function sentenceBreakAt(k: i32): bool {
  if (k < 2 || k + 3 >= inLength) return false;
  for (let j = k - 2; j <= k + 3; j++) {
    if (j != k && !isAsciiLower(unitAt(j))) return false;
  }
  return (
    isAsciiLower(originalAt(k - 2)) &&
    isAsciiLower(originalAt(k - 1)) &&
    originalAt(k + 1) - 0x41 < 26 &&
    isAsciiLower(originalAt(k + 2)) &&
    isAsciiLower(originalAt(k + 3))
  );
}

function isLeetSymbol(c: u32): bool {
  return c == 0x21 || c == 0x7c || c == 0x40 || c == 0x24;
}

/**
 * Writes the word of fragments first..last at w in the word list and returns 1 when it is listed for passes
 * 3 and 4 (see pass 2), else 0, so the next word overwrites it: every word but one fragment of more than one
 * unit with neither a symbol nor both letters and digits. Written either way, as whether a word is listed is
 * too irregular for a branch to predict.
 */
function listWord(
  w: i32,
  first: i32,
  last: i32,
  lastFlags: i32,
  flags: i32,
  allOneUnit: bool,
  afterOrdinary: bool,
): i32 {
  store<i32>(p_wordFirst + ((<usize>w) << 2), first);
  store<i32>(p_wordLast + ((<usize>w) << 2), last);
  store<u8>(
    p_wordFlags + <usize>w,
    <u8>(
      (flags |
        select<i32>(WORD_LETTERWISE, 0, allOneUnit) |
        select<i32>(WORD_AFTER_ORDINARY, 0, afterOrdinary))
    ),
  );
  return (
    select<i32>(1, 0, first != last) |
    select<i32>(1, 0, allOneUnit) |
    select<i32>(1, 0, (lastFlags & HAS_SYMBOL) != 0) |
    select<i32>(1, 0, (lastFlags & (HAS_LETTER | HAS_DIGIT)) == (HAS_LETTER | HAS_DIGIT))
  );
}

/** Whether listed word v is one fragment of one unit ("a", "4", "@"). */
function oneUnitWord(v: i32): bool {
  const first = load<i32>(p_wordFirst + ((<usize>v) << 2));
  return (
    first == load<i32>(p_wordLast + ((<usize>v) << 2)) &&
    (load<u8>(p_fragFlags + <usize>first) & ONE_UNIT) != 0
  );
}

/**
 * Whether one-unit fragments from f on, joined by short punctuation, reach a letter within a few fragments
 * ("8*3*7*w": the digits open a spelled word). Bounded, so the view stays linear.
 */
function spelledOnToLetter(f: i32): bool {
  for (let steps = 0; steps < 8 && f < fragmentCount; steps++, f++) {
    const flags = load<u8>(p_fragFlags + <usize>f);
    if ((flags & ONE_UNIT) == 0) return false;
    if (flags & (HAS_LETTER | HAS_SYMBOL)) return true;
    if (f + 1 >= fragmentCount) return false;
    const from = load<i32>(p_fragEnd + ((<usize>f) << 2));
    const to = load<i32>(p_fragStart + ((<usize>(f + 1)) << 2));
    if (to - from > JOIN_GAP) return false;
    for (let k = from; k < to; k++) if (unitAt(k) == 0x20) return false;
  }
  return false;
}

/** Separators of spelled-out text, around which a leet symbol is a letter of its own ("4 · @ · c"). */
function isSpellingSeparator(c: u32): bool {
  return (
    c == 0x20 ||
    c == 0x2e ||
    c == 0xb7 ||
    c == 0x2d ||
    c == 0x5f ||
    c == 0x2a ||
    c == 0x2f ||
    c == 0x3a ||
    c == 0x7e ||
    c == 0x2b ||
    c == 0x3d ||
    c == 0x23 ||
    c == 0x5e ||
    c == 0x2c
  );
}

/**
 * Whether the leet symbol c at k, not followed by a letter or digit, stands alone as one spelled-out letter:
 * between separators of spelled-out text, or at the text's edge. A | between spaces is a separator ("a | b")
 * and ! after ! or ? ends a sentence, so those are not.
 */
function standsAlone(c: u32, k: i32, next: u32): bool {
  const before = k > 0 ? unitAt(k - 1) : 0x20;
  if (!isSpellingSeparator(next)) return false;
  // @ $ € open a spelled-out word after anything but a letter or digit ("$__o__m__e", after a quote).
  if (c != 0x21 && c != 0x7c) return before == 0x20 || rawClass(before) == OTHER;
  if (!isSpellingSeparator(before)) return false;
  if (c != 0x7c) return true;
  // A | is a letter only among other separators ("p . | . e"), not between words or cells ("a | b").
  const left = k >= 2 && before == 0x20 ? unitAt(k - 2) : before;
  const right = next == 0x20 && k + 2 < inLength ? unitAt(k + 2) : next;
  return left != 0x20 && right != 0x20 && isSpellingSeparator(left) && isSpellingSeparator(right);
}

/**
 * The fragment flag of a symbol or non-ASCII unit at k (0 outside fragments), given whether the unit before
 * is in a fragment: a symbol's role depends on its neighbours (see the terms above).
 */
function slowBits(c: u32, k: i32, afterFragment: bool): i32 {
  const cls = rawClass(c);
  if (cls == LETTER) return HAS_LETTER;
  if (cls == DIGIT) return HAS_DIGIT;
  if (cls < LEAD_SYMBOL) return 0;
  const next = k + 1 < inLength ? unitAt(k + 1) : 0x20;
  const nextClass = rawClass(next);
  if (nextClass == LETTER || nextClass == DIGIT) {
    // Before a letter or digit: @ $ € always, ! | only after one too ("cl!ck", not "!important").
    return cls == LEAD_SYMBOL || (afterFragment && !(c == 0x21 && sentenceBreakAt(k))) ? HAS_SYMBOL : 0;
  }
  return !afterFragment && standsAlone(c, k, next) ? HAS_SYMBOL : 0;
}

/**
 * Whether the gap between fragments a and a + 1 is punctuation inside one word (rule 1); `spelling` when
 * the word so far is spelled out with a letter in it, where single digits are leet letters ("t.1.m.3").
 */
function joins(a: i32, spelling: bool): bool {
  const from = load<i32>(p_fragEnd + ((<usize>a) << 2));
  const to = load<i32>(p_fragStart + ((<usize>(a + 1)) << 2));
  const length = to - from;
  if (length > JOIN_GAP) return false;
  const left = load<u8>(p_fragFlags + <usize>a);
  const right = load<u8>(p_fragFlags + <usize>(a + 1));
  if ((left & (HAS_LETTER | HAS_SYMBOL)) == 0 && (right & (HAS_LETTER | HAS_SYMBOL)) == 0) {
    if ((left & right & ONE_UNIT) == 0 || !(spelling || spelledOnToLetter(a + 1))) return false;
  }
  let dots = 0;
  for (let k = from; k < to; k++) {
    const c = unitAt(k);
    if (c == 0x20) return false;
    if (c >= 0x80 && c != 0xb7) return false;
    if (c == 0x2e) dots++;
    if (c == 0x2d || c == 0x2e) {
      const source = originalAt(k);
      if (source - 0x2013 < 3 || source == 0x2026) return false;
    }
  }
  if (dots >= 3 && dots == length) return false;
  if (length == 1) {
    const c = unitAt(from);
    if ((c == 0x2e || c == 0x21 || c == 0x3f) && sentenceBreakAt(from)) return false;
  }
  return true;
}

/**
 * Classifies 16 units at p: bits 0–15 ASCII letters, 16–31 digits, 32–47 units that need slowBits, 48–63
 * spaces.
 * Units are narrowed to bytes first, saturating every non-ASCII unit to 0xff (slow, like 0x80–0xfe).
 */
function classify16(p: usize): u64 {
  const bytes = i8x16.narrow_i16x8_u(
    i16x8.min_u(v128.load(p), i16x8.splat(0xff)),
    i16x8.min_u(v128.load(p, 16), i16x8.splat(0xff)),
  );
  // Signed compares after moving the range to the bottom of the signed bytes: one instruction each.
  const letters = i8x16.bitmask(i8x16.lt_s(i8x16.add(bytes, i8x16.splat(0x1f)), i8x16.splat(-128 + 26)));
  const digits = i8x16.bitmask(i8x16.lt_s(i8x16.add(bytes, i8x16.splat(0x50)), i8x16.splat(-128 + 10)));
  const symbols = v128.or(
    v128.or(i8x16.eq(bytes, i8x16.splat(0x21)), i8x16.eq(bytes, i8x16.splat(0x24))),
    v128.or(i8x16.eq(bytes, i8x16.splat(0x40)), i8x16.eq(bytes, i8x16.splat(0x7c))),
  );
  const slow = i8x16.bitmask(v128.or(bytes, symbols));
  const spaces = i8x16.bitmask(i8x16.eq(bytes, i8x16.splat(0x20)));
  return <u64>letters | ((<u64>digits) << 16) | ((<u64>slow) << 32) | ((<u64>spaces) << 48);
}

/** The fragment flags of the units in `range` of a chunk's masks. */
function flagsIn(letters: u64, digits: u64, symbols: u64, range: u64): i32 {
  return (
    select<i32>(HAS_LETTER, 0, (letters & range) != 0) |
    select<i32>(HAS_DIGIT, 0, (digits & range) != 0) |
    select<i32>(HAS_SYMBOL, 0, (symbols & range) != 0)
  );
}

/**
 * Writes fragment f; returns 1 when it is kept, 0 when it is left out (see pass 1) and the next fragment
 * overwrites it. `spaced` is 1 when spaces stand right before and right after it (or the text's edges).
 */
function recordFragment(f: i32, start: i32, end: i32, flags: i32, spaced: i32): i32 {
  flags |= select<i32>(ONE_UNIT, 0, end - start == 1);
  store<i32>(p_fragStart + ((<usize>f) << 2), start);
  store<i32>(p_fragEnd + ((<usize>f) << 2), end);
  store<u8>(p_fragFlags + <usize>f, <u8>flags);
  const ordinary =
    spaced &
    select<i32>(1, 0, (flags & (ONE_UNIT | HAS_SYMBOL)) == 0) &
    select<i32>(1, 0, (flags & (HAS_LETTER | HAS_DIGIT)) != (HAS_LETTER | HAS_DIGIT));
  return ordinary ^ 1;
}

/** A unit between words as the view has it: an apostrophe there is a quotation mark. */
function gapUnit(c: u32): u32 {
  return c == 0x27 ? QUOTE : c;
}

/** Writes one view unit (`flags`: SOFT or 0); returns the new view length. */
function emit(at: i32, unit: u32, start: i32, end: i32, flags: i32): i32 {
  store<u16>(p_viewUnits + ((<usize>at) << 1), <u16>unit);
  store<i32>(p_viewStarts + ((<usize>at) << 2), start | flags);
  store<i32>(p_viewEnds + ((<usize>at) << 2), end);
  return at + 1;
}

/**
 * Builds the matching view of `length` normalised units (with their source ranges) of the original text at
 * `source` into viewUnits/viewStarts/viewEnds/viewSoft.
 */
export function buildMatchView(
  units: usize,
  starts: usize,
  ends: usize,
  length: i32,
  source: usize,
  exotic: usize,
  exoticCount: i32,
  squeeze: bool,
): void {
  ensureCapacity(length + 1);
  squeezePlain = squeeze;
  inUnits = units;
  inStarts = starts;
  inEnds = ends;
  inLength = length;
  original = source;

  // Pass 1: fragments, with their flags, 64 units at a time. Each unit is classified into bit masks (ASCII
  // letters, digits, and units that need slowBits: symbols and non-ASCII), so fragment starts and ends are
  // mask transitions, found by counting zeros: no branch per unit, and none per fragment but the loop's
  // own. A slow unit's role depends on whether the unit before is in a fragment, which the mask says once
  // the slow units before it in the chunk are settled, in order.
  // An ordinary word standing alone (more than one unit, letters only or digits only, a space right before
  // and right after it) is most of prose, and no later pass acts on it: it is not listed as a word and is
  // copied with the plain stretch around it. So such a fragment is not kept, and the next fragment kept says
  // it follows one (AFTER_SKIPPED). That cannot change what joins: a gap with a space never joins, and with
  // a left-out fragment between them two fragments kept side by side have a space between them.
  let fragments = 0;
  let skipped = 0;
  /** 1 when the unit before the chunk is in a fragment. */
  let carry: u64 = 0;
  // The fragment still open at the end of the chunk before.
  let openStart = 0;
  let openFlags = 0;
  let openSpaced = 0;
  /** 1 when the unit before the chunk is a space (or the chunk starts the text). */
  let spaceCarry: u64 = 1;
  for (let base = 0; base < length; base += 64) {
    let letters: u64 = 0;
    let digits: u64 = 0;
    let slow: u64 = 0;
    // Past the text's end counts as a space.
    let spaces: u64 = -1;
    if (base + 64 <= length) {
      const p = inUnits + ((<usize>base) << 1);
      const m0 = classify16(p);
      const m1 = classify16(p + 32);
      const m2 = classify16(p + 64);
      const m3 = classify16(p + 96);
      letters = (m0 & 0xffff) | ((m1 & 0xffff) << 16) | ((m2 & 0xffff) << 32) | (m3 << 48);
      digits = ((m0 >> 16) & 0xffff) | (m1 & 0xffff0000) | ((m2 & 0xffff0000) << 16) | ((m3 >> 16) << 48);
      slow = ((m0 >> 32) & 0xffff) | ((m1 >> 16) & 0xffff0000) | (m2 & 0xffff00000000) | ((m3 >> 32) << 48);
      spaces = (m0 >> 48) | ((m1 >> 48) << 16) | ((m2 >> 48) << 32) | ((m3 >> 48) << 48);
    } else {
      for (let j = 0; j < length - base; j++) {
        const c = unitAt(base + j);
        spaces ^= select<u64>(0, (<u64>1) << j, c == 0x20);
        const bits: u64 = c < 0x80 ? <u64>load<u8>(p_asciiBits + <usize>c) : <u64>SLOW_BITS;
        letters |= (bits & HAS_LETTER) << j;
        digits |= ((bits >> 3) & 1) << j;
        slow |= (bits >> 7) << j;
      }
    }
    let symbols: u64 = 0;
    let inFragment = letters | digits;
    while (slow != 0) {
      const j = ctz(slow);
      slow &= slow - 1;
      const k = base + <i32>j;
      const bit: u64 = (<u64>1) << j;
      const bits = slowBits(unitAt(k), k, (((inFragment << 1) | carry) & bit) != 0);
      if (bits != 0) {
        inFragment |= bit;
        if (bits & HAS_LETTER) letters |= bit;
        else if (bits & HAS_DIGIT) digits |= bit;
        else symbols |= bit;
      }
    }
    const before = (inFragment << 1) | carry;
    const spaceBefore = (spaces << 1) | spaceCarry;
    let starts = inFragment & ~before;
    let ends = ~inFragment & before;
    if (carry) {
      if (ends != 0) {
        const e = <i32>ctz(ends);
        ends &= ends - 1;
        const flags = openFlags | flagsIn(letters, digits, symbols, ~((<u64>-1) << e)) | skipped;
        const kept = recordFragment(fragments, openStart, base + e, flags, openSpaced & <i32>(spaces >> e));
        fragments += kept;
        skipped = select<i32>(0, AFTER_SKIPPED, kept);
      } else {
        openFlags |= flagsIn(letters, digits, symbols, <u64>-1);
      }
    }
    // Starts and ends alternate, so each end left pairs with the next start; a start left over opens a
    // fragment that runs into the next chunk.
    // Letters only (most chunks): nothing to gather but HAS_LETTER.
    const lettersOnly = (digits | symbols) == 0;
    while (ends != 0) {
      const s = <i32>ctz(starts);
      starts &= starts - 1;
      const e = <i32>ctz(ends);
      ends &= ends - 1;
      const flags = lettersOnly
        ? HAS_LETTER
        : flagsIn(letters, digits, symbols, ((<u64>-1) << s) & ~((<u64>-1) << e));
      const kept = recordFragment(
        fragments,
        base + s,
        base + e,
        flags | skipped,
        <i32>((spaceBefore >> s) & (spaces >> e) & 1),
      );
      fragments += kept;
      skipped = select<i32>(0, AFTER_SKIPPED, kept);
    }
    if (starts != 0) {
      const s = <i32>ctz(starts);
      openStart = base + s;
      openFlags = flagsIn(letters, digits, symbols, (<u64>-1) << s);
      openSpaced = <i32>((spaceBefore >> s) & 1);
    }
    carry = inFragment >> 63;
    spaceCarry = spaces >> 63;
  }
  // Only a chunk that fills up to the end can leave a fragment open.
  if (carry) fragments += recordFragment(fragments, openStart, length, openFlags | skipped, openSpaced);
  fragmentCount = fragments;

  // Pass 2: words (rule 1). Only the words later passes act on are listed: those of several fragments or of
  // one unit (which may be spelled out), and those with a symbol or with letters and digits. An ordinary word
  // (one fragment of plain letters or digits) is copied with the plain stretch around it and can only end a
  // run of spelled-out words, so the listed word after one or more of them carries WORD_AFTER_ORDINARY.
  let words = 0;
  if (fragments > 0) {
    let first = 0;
    let lastFlags = <i32>load<u8>(p_fragFlags);
    let allOneUnit = (lastFlags & ONE_UNIT) != 0;
    // HAS_LETTER is WORD_HAS_LETTER.
    let wordFlag = lastFlags & HAS_LETTER;
    let afterOrdinary = (lastFlags & AFTER_SKIPPED) != 0;
    let gapFrom = load<i32>(p_fragEnd);
    for (let f = 1; f < fragments; f++) {
      const ff = <i32>load<u8>(p_fragFlags + <usize>f);
      const gapTo = load<i32>(p_fragStart + ((<usize>f) << 2));
      // Most gaps have a space at one edge ("a b", "a, b", "a (b"), which rules out a join: the branch is
      // taken only for the rare gaps that are all punctuation.
      if (
        (unitAt(gapFrom) ^ 0x20) * (unitAt(gapTo - 1) ^ 0x20) != 0 &&
        joins(f - 1, allOneUnit && wordFlag != 0)
      ) {
        allOneUnit = allOneUnit && (ff & ONE_UNIT) != 0;
        wordFlag |= ff & HAS_LETTER;
      } else {
        const listed = listWord(words, first, f - 1, lastFlags, wordFlag, allOneUnit, afterOrdinary);
        words += listed;
        afterOrdinary = listed == 0 || (ff & AFTER_SKIPPED) != 0;
        first = f;
        allOneUnit = (ff & ONE_UNIT) != 0;
        wordFlag = ff & HAS_LETTER;
      }
      lastFlags = ff;
      gapFrom = load<i32>(p_fragEnd + ((<usize>f) << 2));
    }
    words += listWord(words, first, fragments - 1, lastFlags, wordFlag, allOneUnit, afterOrdinary);
  }

  viewHasSoft = false;
  // Pass 3: runs of letter-wise words holding three letters or more (rule 2).
  let w = 0;
  while (w < words) {
    if ((load<u8>(p_wordFlags + <usize>w) & WORD_LETTERWISE) == 0) {
      const flags = load<u8>(p_wordFlags + <usize>w);
      if (flags & WORD_HAS_LETTER) store<u8>(p_wordFlags + <usize>w, flags | WORD_FOLD);
      w++;
      continue;
    }
    let last = w;
    let units = load<i32>(p_wordLast + ((<usize>w) << 2)) - load<i32>(p_wordFirst + ((<usize>w) << 2)) + 1;
    let letters = load<u8>(p_wordFlags + <usize>w) & WORD_HAS_LETTER;
    while (
      last + 1 < words &&
      (load<u8>(p_wordFlags + <usize>(last + 1)) & (WORD_LETTERWISE | WORD_AFTER_ORDINARY)) == WORD_LETTERWISE
    ) {
      const gap =
        load<i32>(p_fragStart + ((<usize>load<i32>(p_wordFirst + ((<usize>(last + 1)) << 2))) << 2)) -
        load<i32>(p_fragEnd + ((<usize>load<i32>(p_wordLast + ((<usize>last) << 2))) << 2));
      if (gap > RUN_GAP) break;
      last++;
      units +=
        load<i32>(p_wordLast + ((<usize>last) << 2)) - load<i32>(p_wordFirst + ((<usize>last) << 2)) + 1;
      letters |= load<u8>(p_wordFlags + <usize>last) & WORD_HAS_LETTER;
    }
    if (units >= 3 && letters != 0) {
      viewHasSoft = true;
      for (let v = w; v <= last; v++) {
        store<u8>(
          p_wordFlags + <usize>v,
          load<u8>(p_wordFlags + <usize>v) | WORD_IN_RUN | (v < last ? WORD_GAP_DROPPED : 0),
        );
      }
      // Leet reading per spelled word: one-unit words joined into one ("h a v e") read together, a spelled
      // word stands alone, so "2.4" between spelled words stays a number.
      let from = w;
      while (from <= last) {
        let to = from;
        let segmentLetters = load<u8>(p_wordFlags + <usize>from) & WORD_HAS_LETTER;
        while (to < last && oneUnitWord(to) && oneUnitWord(to + 1)) {
          to++;
          segmentLetters |= load<u8>(p_wordFlags + <usize>to) & WORD_HAS_LETTER;
        }
        if (segmentLetters != 0) {
          for (let v = from; v <= to; v++)
            store<u8>(p_wordFlags + <usize>v, load<u8>(p_wordFlags + <usize>v) | WORD_FOLD);
        }
        from = to + 1;
      }
    } else {
      for (let v = w; v <= last; v++) {
        const flags = load<u8>(p_wordFlags + <usize>v);
        if (flags & WORD_HAS_LETTER) store<u8>(p_wordFlags + <usize>v, flags | WORD_FOLD);
      }
    }
    w = last + 1;
  }

  // Pass 4: emit. Plain stretches (gaps and ordinary words) go through the branch-light copy; words that
  // need more (joined, spelled out, leet) word by word.
  out = 0;
  ambiguous = false;
  lastLetter = -1;
  innerApostropheCount = 0;
  innerApostropheAt = 0;
  exoticList = exotic;
  exoticTotal = exoticCount;
  exoticAt = 0;
  nextExotic = exoticCount > 0 ? load<i32>(exotic) : -1;
  let position = 0;
  for (let v = 0; v < words; v++) {
    const wf = load<u8>(p_wordFlags + <usize>v);
    const first = load<i32>(p_wordFirst + ((<usize>v) << 2));
    const lastFragment = load<i32>(p_wordLast + ((<usize>v) << 2));
    const ff = load<u8>(p_fragFlags + <usize>first);
    if (
      first == lastFragment &&
      (wf & WORD_IN_RUN) == 0 &&
      (ff & HAS_SYMBOL) == 0 &&
      (ff & (HAS_LETTER | HAS_DIGIT)) != (HAS_LETTER | HAS_DIGIT)
    ) {
      continue;
    }
    if (!squeezePlain && (wf & WORD_IN_RUN) == 0 && apostropheWord(first, lastFragment)) continue;
    const wordStart = load<i32>(p_fragStart + ((<usize>first) << 2));
    const previousFlags = v > 0 ? load<u8>(p_wordFlags + <usize>(v - 1)) : 0;
    if ((previousFlags & WORD_GAP_DROPPED) == 0) {
      emitPlain(position, wordStart);
    } else if (
      load<i32>(p_wordLast + ((<usize>(v - 1)) << 2)) > load<i32>(p_wordFirst + ((<usize>(v - 1)) << 2)) ||
      lastFragment > first
    ) {
      // Inside a run, a gap next to a spelled word ("a-c-t / n-o-w") is a word boundary: one space.
      out = emit(out, 0x20, startAt(position), endAt(wordStart - 1), SOFT);
      lastLetter = -1;
    }
    const soft: i32 = wf & WORD_IN_RUN ? SOFT : 0;
    const fold = (wf & WORD_FOLD) != 0;
    for (let f = first; f <= lastFragment; f++) {
      if (f > first) {
        // Punctuation inside a word is dropped, but an apostrophe stays, and a leet symbol next to the
        // punctuation still reads as its letter ("ton!:ght").
        const gapEnd = load<i32>(p_fragStart + ((<usize>f) << 2));
        for (let k = load<i32>(p_fragEnd + ((<usize>(f - 1)) << 2)); k < gapEnd; k++) {
          const c = unitAt(k);
          if (c == 0x27) {
            out = emit(out, 0x27, startAt(k), endAt(k), soft);
            lastLetter = -1;
          } else if (fold && isLeetSymbol(c)) {
            emitLetter(k, leetLetter(c), soft);
          }
        }
      }
      const to = load<i32>(p_fragEnd + ((<usize>f) << 2));
      for (let k = load<i32>(p_fragStart + ((<usize>f) << 2)); k < to; k++) emitWordUnit(k, fold, soft);
    }
    position = load<i32>(p_fragEnd + ((<usize>lastFragment) << 2));
  }
  if (words == 0 || (load<u8>(p_wordFlags + <usize>(words - 1)) & WORD_GAP_DROPPED) == 0) {
    emitPlain(position, length);
  }
  viewLength = out;
  if (ambiguous) markSkippable(out);
}

// Emission state of pass 4.
/**
 * Whether plain stretches are squeezed here (rule 5). The scanner squeezes repeated letters itself while it
 * walks (aho-corasick.ts), so for scanning they are copied as they are: a bulk copy instead of a unit-by-unit
 * rewrite of the commonest text. The view shown for inspection, and phrases, are squeezed here.
 */
let squeezePlain: bool = true;
let out: i32 = 0;
/** The last unit emitted when it was a letter (squeezing compares with it), else -1. */
let lastLetter: i32 = -1;
let ambiguous = false;
// Cursor over the units from non-ASCII sources (ascending), the only ones lookalikes can apply to.
let exoticList: usize = 0;
let exoticTotal: i32 = 0;
let exoticAt: i32 = 0;
let nextExotic: i32 = -1;

/** Moves the cursor over exotic units past k; returns whether k is one. */
function passExotic(k: i32): bool {
  while (nextExotic >= 0 && nextExotic < k) {
    exoticAt++;
    nextExotic = exoticAt < exoticTotal ? load<i32>(exoticList + ((<usize>exoticAt) << 2)) : -1;
  }
  return nextExotic == k;
}

/** Emits letter u for unit k, squeezed into the previous unit when it is the same letter. */
function emitLetter(k: i32, u: u32, soft: i32): void {
  if (<i32>u == lastLetter && u != AMBIGUOUS_IL) {
    store<i32>(p_viewEnds + ((<usize>(out - 1)) << 2), endAt(k));
    return;
  }
  out = emit(out, u, startAt(k), endAt(k), soft);
  if (u == AMBIGUOUS_IL) ambiguous = true;
  lastLetter = <i32>u;
}

/** Emits unit k of a fragment (rules 3–5): lookalike letters, leet digits and symbols when `fold`. */
function emitWordUnit(k: i32, fold: bool, soft: i32): void {
  const c = unitAt(k);
  if (rawClass(c) == LETTER) {
    let u = c;
    if (passExotic(k)) {
      // A unit from a non-ASCII source: by the original letter first, as the normalised view may already
      // have spelt it in Latin by its own narrower rule (homoglyphs.ts) or lower-cased away its shape (Η, η).
      const source = originalAt(k);
      let like = source >= 0x80 ? latinLetterLike(source) : 0;
      if (like == 0 && c >= 0x80) like = latinLetterLike(c);
      if (like != 0) u = like;
    }
    emitLetter(k, u, soft);
    return;
  }
  const leet = fold ? leetLetter(c) : 0;
  if (leet != 0) {
    emitLetter(k, leet, soft);
    return;
  }
  out = emit(out, c, startAt(k), endAt(k), soft);
  lastLetter = -1;
}

/*
 * Apostrophe words ("don't", "it's", "you'll"): fragments of letters joined by apostrophes alone, outside
 * spelled-out runs. Their view is their units as they are, apostrophes kept, and letters squeezed, which is
 * what the scanner does itself in plain stretches; so when scanning (squeezePlain false) they are copied
 * with the plain stretch around them, and only their apostrophes, listed here (ascending normalised
 * indices), are put back after the copy turned them into QUOTE.
 */
let innerApostrophes = new StaticArray<i32>(0);
let innerApostropheCount: i32 = 0;
/** Cursor of emitPlain() over innerApostrophes. */
let innerApostropheAt: i32 = 0;

function innerApostrophe(n: i32): i32 {
  return load<i32>(changetype<usize>(innerApostrophes) + ((<usize>n) << 2));
}

/**
 * Whether fragments first..last (a word of several) are letters joined by apostrophes only; if so, lists
 * the apostrophes.
 */
function apostropheWord(first: i32, last: i32): bool {
  for (let f = first; f <= last; f++) {
    if ((load<u8>(p_fragFlags + <usize>f) & (HAS_DIGIT | HAS_SYMBOL)) != 0) return false;
  }
  for (let f = first; f < last; f++) {
    const gapEnd = load<i32>(p_fragStart + ((<usize>(f + 1)) << 2));
    for (let k = load<i32>(p_fragEnd + ((<usize>f) << 2)); k < gapEnd; k++)
      if (unitAt(k) != 0x27) return false;
  }
  for (let f = first; f < last; f++) {
    const gapEnd = load<i32>(p_fragStart + ((<usize>(f + 1)) << 2));
    for (let k = load<i32>(p_fragEnd + ((<usize>f) << 2)); k < gapEnd; k++) {
      if (innerApostropheCount == innerApostrophes.length) {
        const grown = new StaticArray<i32>(max(64, innerApostropheCount << 1));
        memory.copy(
          changetype<usize>(grown),
          changetype<usize>(innerApostrophes),
          (<usize>innerApostropheCount) << 2,
        );
        innerApostrophes = grown;
      }
      store<i32>(changetype<usize>(innerApostrophes) + ((<usize>innerApostropheCount) << 2), k);
      innerApostropheCount++;
    }
  }
  return true;
}

/**
 * Emits units [from, to) that are gaps or ordinary words: a copy, letters squeezed, apostrophes as QUOTE
 * (an apostrophe inside a word makes it a joined word, never an ordinary one). Branch-free but for the rare
 * unit from a non-ASCII source: which unit is a letter is as good as random to a branch predictor.
 */
function emitPlain(from: i32, to: i32): void {
  let at = out;
  let last = lastLetter;
  let k = from;
  while (k < to) {
    if (nextExotic >= 0 && nextExotic <= k) {
      out = at;
      lastLetter = last;
      if (passExotic(k)) {
        if (isWordUnit(unitAt(k))) emitWordUnit(k, false, 0);
        else {
          const inner = innerApostropheAt < innerApostropheCount && innerApostrophe(innerApostropheAt) == k;
          if (inner) innerApostropheAt++;
          out = emit(out, inner ? 0x27 : gapUnit(unitAt(k)), startAt(k), endAt(k), 0);
          lastLetter = -1;
        }
        at = out;
        last = lastLetter;
        k++;
        continue;
      }
    }
    // Up to the next exotic unit nothing but the copy happens, so the inner loop tests no cursor.
    const limit = nextExotic > k ? min(to, nextExotic) : to;
    if (!squeezePlain) {
      if (k < limit) {
        const count = <usize>(limit - k);
        memory.copy(p_viewStarts + ((<usize>at) << 2), inStarts + ((<usize>k) << 2), count << 2);
        memory.copy(p_viewEnds + ((<usize>at) << 2), inEnds + ((<usize>k) << 2), count << 2);
        for (; k + 8 <= limit; k += 8) {
          const block = v128.load(inUnits + ((<usize>k) << 1));
          const quotes = i16x8.eq(block, i16x8.splat(0x27));
          v128.store(
            p_viewUnits + ((<usize>at) << 1),
            v128.bitselect(i16x8.splat(<i16>QUOTE), block, quotes),
          );
          at += 8;
        }
        for (; k < limit; k++) {
          const c = <i32>unitAt(k);
          store<u16>(p_viewUnits + ((<usize>at) << 1), <u16>select<i32>(QUOTE, c, c == 0x27));
          at++;
        }
        // The copy made every apostrophe a QUOTE; those inside apostrophe words are apostrophes again.
        while (innerApostropheAt < innerApostropheCount && innerApostrophe(innerApostropheAt) < limit) {
          store<u16>(p_viewUnits + ((<usize>(at - (limit - innerApostrophe(innerApostropheAt)))) << 1), 0x27);
          innerApostropheAt++;
        }
        // The next unit, even a like letter, starts a unit of its own: the scanner squeezes it.
        last = -1;
      }
      continue;
    }
    for (; k < limit; k++) {
      const c = <i32>unitAt(k);
      const letter = <u32>(c - 0x61) < 26;
      const same = letter && c == last;
      const slot = at - select<i32>(1, 0, same);
      const startSlot = p_viewStarts + ((<usize>slot) << 2);
      store<u16>(p_viewUnits + ((<usize>slot) << 1), <u16>select<i32>(QUOTE, c, c == 0x27));
      store<i32>(startSlot, select<i32>(load<i32>(startSlot), startAt(k), same));
      store<i32>(p_viewEnds + ((<usize>slot) << 2), endAt(k));
      at = slot + 1;
      last = select<i32>(c, -1, letter);
    }
  }
  out = at;
  lastLetter = last;
}

/**
 * Marks the units the matcher may also read as nothing (rule 3): an AMBIGUOUS_IL next to an i, l or another
 * one may be the second of a doubled letter ("st1ll", "you'1l", "11" for ll), and so may an i or l right
 * after "i1" or "l1" ("i1i" from "iii"). Squeezing cannot decide these, so the matcher follows both.
 */
function markSkippable(length: i32): void {
  // Only units at or right after an AMBIGUOUS_IL can be skippable, and those are few: found 8 at a time.
  let k = 0;
  for (; k + 8 <= length; k += 8) {
    const block = v128.load(p_viewUnits + ((<usize>k) << 1));
    let hits = i16x8.bitmask(i16x8.eq(block, i16x8.splat(<i16>AMBIGUOUS_IL)));
    while (hits != 0) {
      markAround(k + <i32>ctz(hits), length);
      hits &= hits - 1;
    }
  }
  for (; k < length; k++) {
    if (<u32>load<u16>(p_viewUnits + ((<usize>k) << 1)) == AMBIGUOUS_IL) markAround(k, length);
  }
}

/** Marks the AMBIGUOUS_IL at k, and an i or l right after it, when the matcher may read them as nothing. */
function markAround(k: i32, length: i32): void {
  const before: u32 = k > 0 ? <u32>load<u16>(p_viewUnits + ((<usize>(k - 1)) << 1)) : 0;
  const after: u32 = k + 1 < length ? <u32>load<u16>(p_viewUnits + ((<usize>(k + 1)) << 1)) : 0;
  if (isStroke(before) || isStroke(after)) markSkippableAt(k);
  if (after == 0x69 || after == 0x6c) {
    let j = k;
    while (j > 0 && <u32>load<u16>(p_viewUnits + ((<usize>j) << 1)) == AMBIGUOUS_IL) j--;
    if (<u32>load<u16>(p_viewUnits + ((<usize>j) << 1)) == after) markSkippableAt(k + 1);
  }
}

function markSkippableAt(k: i32): void {
  const at = p_viewStarts + ((<usize>k) << 2);
  store<i32>(at, load<i32>(at) | SKIPPABLE);
}

function isStroke(c: u32): bool {
  return c == 0x69 || c == 0x6c || c == AMBIGUOUS_IL;
}

/** Whether a matching-view unit belongs to a word, for phrase boundaries. */
export function isViewWordUnit(c: u32): bool {
  return c == AMBIGUOUS_IL || isWordUnit(c);
}
