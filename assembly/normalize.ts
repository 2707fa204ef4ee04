import {
  FOLD_ATTACH,
  FOLD_BLOCK_COUNT,
  FOLD_BLOCK_INDEX,
  FOLD_ENTRIES,
  FOLD_EXPANSION_BASE,
  FOLD_EXPANSIONS,
  FOLD_REMOVE,
  FOLD_SPACE,
} from './fold-tables';
import { foldHomoglyphs } from './homoglyphs';

/*
 * Normalisation, in one linear pass over UTF-16 input:
 *   - ASCII: A–Z lower-cased; tab, LF, VT, FF, CR and space are whitespace; other C0 controls and DEL removed.
 *   - Everything else through the generated fold table (fold-tables.ts, rule in
 *     tables/generate-fold-tables.mjs): NFKD-style compatibility folding, Latin diacritics stripped,
 *     ligatures expanded, quotes/apostrophes/dashes to ASCII, lower case, invisible characters removed.
 *   - Whitespace runs collapse into one ' '; leading and trailing whitespace is dropped.
 *   - A lone surrogate becomes U+FFFD; a valid pair is folded as one code point (mathematical letters,
 *     tag characters) or kept.
 *   - Finally homoglyphs.ts spells mixed-script words in Latin.
 * Every output unit k carries the half-open range [starts[k], ends[k]) of ORIGINAL code units it came from,
 * so a match [a, b) in normalised text is [starts[a], ends[b - 1]) in the original.
 */

/** Longest expansion of one input code unit (a ligature or fraction becomes at most 3 units). */
const MAX_EXPANSION: i32 = 3;

export let normUnits = new StaticArray<u16>(0);
export let normStarts = new StaticArray<i32>(0);
export let normEnds = new StaticArray<i32>(0);
export let normLength: i32 = 0;
/**
 * Ascending indices of the normalised units that came from non-ASCII code points (normExoticCount of them):
 * the only places where script lookups (homoglyphs) can change anything, so later passes visit just these.
 */
export let normExotic = new StaticArray<i32>(0);
export let normExoticCount: i32 = 0;

function ensureCapacity(units: i32): void {
  if (normUnits.length >= units) return;
  let capacity = max(normUnits.length, 1024);
  while (capacity < units) capacity <<= 1;
  normUnits = new StaticArray<u16>(capacity);
  normExotic = new StaticArray<i32>(capacity);
  normStarts = new StaticArray<i32>(capacity);
  normEnds = new StaticArray<i32>(capacity);
}

function foldEntry(cp: u32): u32 {
  if (cp >= FOLD_BLOCK_COUNT << 8) return 0;
  const block = <i32>load<i16>(FOLD_BLOCK_INDEX + ((<usize>(cp >> 8)) << 1));
  if (block < 0) return 0;
  return <u32>load<u16>(FOLD_ENTRIES + (((<usize>block) << 9) | ((<usize>(cp & 0xff)) << 1)));
}

/** Original offset of the first unit of a whitespace run not yet written, or -1. */
let pendingSpace: i32 = -1;

/** Writes one output unit with its source range; returns the new output length. */
function emit(units: usize, starts: usize, ends: usize, out: i32, unit: u32, start: i32, end: i32): i32 {
  store<u16>(units + ((<usize>out) << 1), <u16>unit);
  store<i32>(starts + ((<usize>out) << 2), start);
  store<i32>(ends + ((<usize>out) << 2), end);
  return out + 1;
}

/**
 * The common case, 8 units at a time: a block of printable ASCII and whitespace whose whitespace units are
 * single (no two side by side, none first in the block while a space is pending or before any output)
 * normalises unit for unit, each to itself lower-cased, whitespace to ' ', with its own one-unit source
 * range: exactly what the scalar loop writes, as a lone whitespace unit is deferred and written back by the
 * next unit. A whitespace unit last in the block stays pending. Returns the new output length, or -1 (and
 * writes nothing) when the block is not of that kind.
 */
function plainAsciiBlock(at: usize, units: usize, starts: usize, ends: usize, out: i32, i: i32): i32 {
  const block = v128.load(at);
  const whitespace = v128.or(
    i16x8.eq(block, i16x8.splat(0x20)),
    i16x8.lt_u(i16x8.sub(block, i16x8.splat(0x09)), i16x8.splat(5)),
  );
  // Every unit whitespace or in 0x21..0x7e (the subtraction wraps the others above 0x5d).
  const printable = i16x8.lt_u(i16x8.sub(block, i16x8.splat(0x21)), i16x8.splat(0x5e));
  if (!i16x8.all_true(v128.or(whitespace, printable))) return -1;
  const spaces = i16x8.bitmask(whitespace);
  if ((spaces & (spaces >> 1)) != 0 || ((spaces & 1) != 0 && (pendingSpace >= 0 || out == 0))) return -1;
  // A space left pending by the block before is written first. Whether there is one is as good as random,
  // so it is written either way and counted only when it is there.
  const pending = pendingSpace;
  store<u16>(units + ((<usize>out) << 1), 0x20);
  store<i32>(starts + ((<usize>out) << 2), pending);
  store<i32>(ends + ((<usize>out) << 2), pending + 1);
  out += select<i32>(1, 0, pending >= 0 && out > 0);
  const upper = i16x8.lt_u(i16x8.sub(block, i16x8.splat(0x41)), i16x8.splat(26));
  const folded = v128.bitselect(
    i16x8.splat(0x20),
    v128.or(block, v128.and(upper, i16x8.splat(0x20))),
    whitespace,
  );
  v128.store(units + ((<usize>out) << 1), folded);
  const low = i32x4.add(i32x4.splat(i), i32x4(0, 1, 2, 3));
  const high = i32x4.add(i32x4.splat(i), i32x4(4, 5, 6, 7));
  const one = i32x4.splat(1);
  const startAt = starts + ((<usize>out) << 2);
  const endAt = ends + ((<usize>out) << 2);
  v128.store(startAt, low);
  v128.store(startAt, high, 16);
  v128.store(endAt, i32x4.add(low, one));
  v128.store(endAt, i32x4.add(high, one), 16);
  // A whitespace unit last in the block is written, but not counted: the next unit decides whether it is
  // written at all.
  const last = (spaces >> 7) & 1;
  pendingSpace = select<i32>(i + 7, -1, last != 0);
  return out + 8 - last;
}

/** Normalises `n` code units at `src` into normUnits/normStarts/normEnds. */
export function normalize(src: usize, n: i32): void {
  ensureCapacity(max(n, 1) * MAX_EXPANSION);
  const units = changetype<usize>(normUnits);
  const starts = changetype<usize>(normStarts);
  const ends = changetype<usize>(normEnds);
  let out: i32 = 0;
  normExoticCount = 0;
  pendingSpace = -1;
  let i: i32 = 0;
  // Below this index the 8-unit block path is not tried (a block there failed its test).
  let scalarUntil: i32 = 0;
  while (i < n) {
    if (i >= scalarUntil && i + 8 <= n) {
      const blockOut = plainAsciiBlock(src + ((<usize>i) << 1), units, starts, ends, out, i);
      if (blockOut >= 0) {
        out = blockOut;
        i += 8;
        continue;
      }
      scalarUntil = i + 8;
    }
    let c = <u32>load<u16>(src + ((<usize>i) << 1));
    let width: i32 = 1;
    let entry: u32 = 0;
    if (c < 0x80) {
      // Fast path: ASCII is lower-cased, whitespace deferred, controls dropped.
      if (c - 0x41 < 26) {
        c += 0x20;
      } else if (c == 0x20 || c - 0x09 < 5) {
        if (pendingSpace < 0) pendingSpace = i;
        i++;
        continue;
      } else if (c < 0x20 || c == 0x7f) {
        i++;
        continue;
      }
      if (pendingSpace >= 0) {
        if (out > 0) out = emit(units, starts, ends, out, 0x20, pendingSpace, pendingSpace + 1);
        pendingSpace = -1;
      }
      out = emit(units, starts, ends, out, c, i, i + 1);
      i++;
      continue;
    } else if (c - 0xd800 < 0x800) {
      if (c < 0xdc00 && i + 1 < n) {
        const low = <u32>load<u16>(src + ((<usize>(i + 1)) << 1));
        if (low - 0xdc00 < 0x400) {
          width = 2;
          entry = foldEntry(0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00));
        }
      }
      if (width == 1) c = 0xfffd;
    } else {
      entry = foldEntry(c);
    }

    if (entry == FOLD_REMOVE) {
      i += width;
      continue;
    }
    if (entry == FOLD_SPACE) {
      if (pendingSpace < 0) pendingSpace = i;
      i += width;
      continue;
    }
    if (entry == FOLD_ATTACH) {
      if (out > 0 && load<i32>(ends + ((<usize>(out - 1)) << 2)) == i) {
        store<i32>(ends + ((<usize>(out - 1)) << 2), i + width);
      }
      i += width;
      continue;
    }

    if (pendingSpace >= 0) {
      if (out > 0) out = emit(units, starts, ends, out, 0x20, pendingSpace, pendingSpace + 1);
      pendingSpace = -1;
    }

    const end = i + width;
    const first = out;
    if (entry == 0) {
      // Unchanged: one BMP unit, or a surrogate pair copied as is.
      out = emit(units, starts, ends, out, c, i, end);
      if (width == 2)
        out = emit(units, starts, ends, out, <u32>load<u16>(src + ((<usize>(i + 1)) << 1)), i, end);
    } else if (entry >= FOLD_EXPANSION_BASE) {
      const expansion = FOLD_EXPANSIONS + ((<usize>(entry - FOLD_EXPANSION_BASE)) << 3);
      const count = <i32>load<u16>(expansion);
      for (let k = 0; k < count; k++) {
        out = emit(units, starts, ends, out, <u32>load<u16>(expansion + ((<usize>(k + 1)) << 1)), i, end);
      }
    } else {
      out = emit(units, starts, ends, out, entry, i, end);
    }
    for (let k = first; k < out; k++) {
      store<i32>(changetype<usize>(normExotic) + ((<usize>normExoticCount) << 2), k);
      normExoticCount++;
    }
    i = end;
  }
  normLength = out;
  if (normExoticCount > 0) foldHomoglyphs(units, out, changetype<usize>(normExotic), normExoticCount);
}
