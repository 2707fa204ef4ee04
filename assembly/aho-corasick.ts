import { AMBIGUOUS_IL } from './lookalikes';
import { isViewWordUnit, OFFSET_MASK, SKIPPABLE, SOFT } from './match-view';
import { isWordUnit } from './word-units';

/*
 * Multi-pattern matcher over the matching view (match-view.ts): Aho–Corasick automata built at run time
 * from the lexicon's phrases (data, never compiled in). Each phrase has a pattern in the MAIN automaton (its
 * matching-view form), and one in the SPELLED automaton (its squashed form: letters and leet-read digits only,
 * "act now" → actnow), which is only run over the spelled-out stretches of a text, where word boundaries are
 * unknown. Both report the phrase's id. build() turns each trie into a complete DFA: one table lookup per
 * input unit, so scanning is linear in the input (plus the matches reported).
 *
 * Alphabet: 32 symbols, so a row is 64 bytes and a state's row is found by a shift. 0 is any word unit no
 * pattern uses; 1–26 are a–z; SEP is every unit that is not part of a word (space, punctuation, quotation
 * marks, emoji…); then the in-word apostrophe, RARE (digits and other word units some pattern uses), and
 * AMBIGUOUS_IL. Entries are 16-bit state numbers.
 *
 * Anchoring: a phrase must start at a word start, so its main pattern is inserted after a SEP (and the text
 * is read as if a SEP preceded it). Inside a word the automaton then stays at the root instead of chasing
 * every phrase prefix that happens to occur mid-word ("the" in "other"), which keeps the walk in the few hot
 * rows near the root. Because SEP and RARE stand for many units, a pattern holding either (a phrase of
 * several words, a number) is checked unit by unit when it is reported; reports are rare, so that is cheap.
 *
 * States that report are numbered after all others, so the scan loop needs one comparison to know that
 * nothing happens: load → shift → add → load on the critical path. Within each group, states near the root
 * come first, breadth-first, and deeper ones along their phrases, so a walk touches rows close together. An
 * AMBIGUOUS_IL unit switches to following every reading at once (a small set of states, deduplicated)
 * until they merge.
 */

/** States are 16-bit, and the largest number marks an AMBIGUOUS_IL transition. */
const MAX_STATES: i32 = 0xffff;
const AMBIGUOUS_ENTRY: u32 = 0xffff;
const SYMBOLS: i32 = 32;
/** Units of slack in delta for aligning its rows to 64 bytes. */
const ROW_ALIGN_SLACK: i32 = 32;
const ROW_SHIFT: u32 = 6;
const SYMBOL_SEP: u16 = 27;
const SYMBOL_APOSTROPHE: u16 = 28;
const SYMBOL_RARE: u16 = 29;
const SYMBOL_AMBIGUOUS: u16 = 30;
/** States followed at once after AMBIGUOUS_IL units; beyond this, further readings are dropped. */
const MAX_ACTIVE: i32 = 8;
/** Skippable units read as nothing that one match may hold before it, for finding where it starts. */
const MAX_EMPTY_READINGS: i32 = 8;
/** States this close to the root are numbered breadth-first, deeper ones along their phrases. */
const SHALLOW_DEPTH: i32 = 3;
/** Matches looked back at for the same occurrence reached twice. */
const RECENT_MATCHES: i32 = 16;

// Pattern flags.
const NEEDS_END: u8 = 2;
/** The pattern holds a SEP or RARE unit: its symbols do not pin its units down, so a match is checked exactly. */
const NEEDS_CHECK: u8 = 4;

export const BUILD_ERROR_EMPTY: i32 = -1;
export const BUILD_ERROR_TOO_LARGE: i32 = -2;

class Automaton {
  symbolOf: StaticArray<u16> = new StaticArray<u16>(65536);
  // Patterns as added: their units back to back.
  textList: u16[] = [];
  offsetList: i32[] = [];
  lengthList: i32[] = [];
  phraseList: i32[] = [];
  // Built.
  states: i32 = 0;
  /** States below this number report nothing. */
  quietStates: i32 = 0;
  /** The state after a SEP from the root: where reading starts, as if a separator preceded the text. */
  sepState: u32 = 0;
  delta: StaticArray<u16> = new StaticArray<u16>(0);
  /**
   * Where row 0 of delta starts: the first 64-byte boundary in it, so that each row is one cache line (an
   * allocation is only 16-byte aligned, and a row split over two lines costs two misses in a cold state).
   */
  rows: usize = 0;
  /** For each state: itself when it ends some pattern, else the nearest such state on its failure chain, or -1. */
  reportFrom: StaticArray<i32> = new StaticArray<i32>(0);
  /** For each state ending patterns: the next state on its failure chain that ends patterns, or -1. */
  dictionaryLink: StaticArray<i32> = new StaticArray<i32>(0);
  /** For each state: first entry of its output list, or -1. Entries: outputPattern/outputNext. */
  outputFirst: StaticArray<i32> = new StaticArray<i32>(0);
  outputPattern: StaticArray<i32> = new StaticArray<i32>(0);
  outputNext: StaticArray<i32> = new StaticArray<i32>(0);
  patternText: StaticArray<u16> = new StaticArray<u16>(0);
  patternOffset: StaticArray<i32> = new StaticArray<i32>(0);
  patternLength: StaticArray<i32> = new StaticArray<i32>(0);
  patternPhrase: StaticArray<i32> = new StaticArray<i32>(0);
  patternFlags: StaticArray<u8> = new StaticArray<u8>(0);

  anchoredList: bool[] = [];

  constructor() {
    const symbolOf = this.symbolOf;
    for (let c = 0; c < 65536; c++) {
      if (!isWordUnit(<u32>c)) unchecked((symbolOf[c] = SYMBOL_SEP));
    }
    for (let c = 0x61; c <= 0x7a; c++) unchecked((symbolOf[c] = <u16>(c - 0x60)));
    unchecked((symbolOf[0x27] = SYMBOL_APOSTROPHE));
    unchecked((symbolOf[AMBIGUOUS_IL] = SYMBOL_AMBIGUOUS));
  }

  /** Adds a pattern; `anchored`: it may only start where a SEP (or the text's start) precedes it. */
  add(units: usize, length: i32, phrase: i32, anchored: bool): void {
    this.offsetList.push(this.textList.length);
    this.lengthList.push(length);
    this.phraseList.push(phrase);
    this.anchoredList.push(anchored);
    const symbolOf = this.symbolOf;
    for (let k = 0; k < length; k++) {
      const c = load<u16>(units + ((<usize>k) << 1));
      this.textList.push(c);
      if (unchecked(symbolOf[c]) == 0) unchecked((symbolOf[c] = SYMBOL_RARE));
    }
  }

  /** Builds the DFA; returns the number of states (0 without patterns) or BUILD_ERROR_TOO_LARGE. */
  build(): i32 {
    const patterns = this.offsetList.length;
    this.states = 0;
    if (patterns == 0) return 0;
    const symbolOf = this.symbolOf;
    const text = this.textList;
    const k = SYMBOLS;
    // The root, the state after a leading SEP (anchoring), and one state per pattern unit at most.
    const maxStates = text.length + 2;

    // Trie: goto edges in the dense table; 0 means "no edge" (the root is never a child).
    const table = new StaticArray<i32>(maxStates * k);
    const firstOutput = new StaticArray<i32>(maxStates);
    const outPattern = new StaticArray<i32>(patterns);
    const outNext = new StaticArray<i32>(patterns);
    for (let s = 0; s < maxStates; s++) unchecked((firstOutput[s] = -1));
    let states = 1;
    for (let p = 0; p < patterns; p++) {
      const offset = unchecked(this.offsetList[p]);
      const length = unchecked(this.lengthList[p]);
      let s = 0;
      if (unchecked(this.anchoredList[p])) {
        s = unchecked(table[SYMBOL_SEP]);
        if (s == 0) {
          s = states++;
          unchecked((table[SYMBOL_SEP] = s));
        }
      }
      for (let j = 0; j < length; j++) {
        const symbol = <i32>unchecked(symbolOf[unchecked(text[offset + j])]);
        const at = s * k + symbol;
        let next = unchecked(table[at]);
        if (next == 0) {
          next = states++;
          unchecked((table[at] = next));
        }
        s = next;
      }
      unchecked((outPattern[p] = p));
      unchecked((outNext[p] = unchecked(firstOutput[s])));
      unchecked((firstOutput[s] = p));
    }
    if (states >= MAX_STATES) return BUILD_ERROR_TOO_LARGE;

    // Breadth-first: failure links, dictionary links, and missing edges filled from the failure state.
    const fail = new StaticArray<i32>(states);
    const dict = new StaticArray<i32>(states);
    const report = new StaticArray<i32>(states);
    const order = new StaticArray<i32>(states);
    const depth = new StaticArray<i32>(states);
    let head = 1;
    let tail = 1;
    unchecked((order[0] = 0));
    unchecked((dict[0] = -1));
    unchecked((report[0] = unchecked(firstOutput[0]) >= 0 ? 0 : -1));
    for (let symbol = 0; symbol < k; symbol++) {
      const child = unchecked(table[symbol]);
      if (child != 0) {
        unchecked((fail[child] = 0));
        unchecked((order[tail++] = child));
      }
    }
    while (head < tail) {
      const s = unchecked(order[head++]);
      const f = unchecked(fail[s]);
      unchecked((dict[s] = unchecked(firstOutput[f]) >= 0 ? f : unchecked(dict[f])));
      unchecked((report[s] = unchecked(firstOutput[s]) >= 0 ? s : unchecked(dict[s])));
      const row = s * k;
      const failRow = f * k;
      for (let symbol = 0; symbol < k; symbol++) {
        const child = unchecked(table[row + symbol]);
        if (child != 0) {
          unchecked((fail[child] = unchecked(table[failRow + symbol])));
          unchecked((depth[child] = unchecked(depth[s]) + 1));
          unchecked((order[tail++] = child));
        } else {
          unchecked((table[row + symbol] = unchecked(table[failRow + symbol])));
        }
      }
    }

    // Renumber: quiet states before reporting ones; flags folded away, AMBIGUOUS_IL marked.
    // Shallow states, which nearly every word passes through, come first and breadth-first, so they share
    // a few cache lines. Deeper states keep the order the trie made them in: a phrase's unshared tail was
    // created in one go, so walking it reads consecutive rows, which the hardware prefetches.
    const renumbered = new StaticArray<i32>(states);
    let quiet = 0;
    for (let n = 0; n < states; n++) {
      const s = unchecked(order[n]);
      if (unchecked(report[s]) < 0 && unchecked(depth[s]) <= SHALLOW_DEPTH)
        unchecked((renumbered[s] = quiet++));
    }
    for (let s = 0; s < states; s++) {
      if (unchecked(report[s]) < 0 && unchecked(depth[s]) > SHALLOW_DEPTH)
        unchecked((renumbered[s] = quiet++));
    }
    let loud = quiet;
    for (let n = 0; n < states; n++) {
      const s = unchecked(order[n]);
      if (unchecked(report[s]) >= 0 && unchecked(depth[s]) <= SHALLOW_DEPTH)
        unchecked((renumbered[s] = loud++));
    }
    for (let s = 0; s < states; s++) {
      if (unchecked(report[s]) >= 0 && unchecked(depth[s]) > SHALLOW_DEPTH)
        unchecked((renumbered[s] = loud++));
    }
    const delta = new StaticArray<u16>(states * k + ROW_ALIGN_SLACK);
    const rows = (changetype<usize>(delta) + 63) & ~(<usize>63);
    const reportFrom = new StaticArray<i32>(states);
    const dictionaryLink = new StaticArray<i32>(states);
    const outputFirst = new StaticArray<i32>(states);
    for (let s = 0; s < states; s++) {
      const n = unchecked(renumbered[s]);
      const reports = unchecked(report[s]);
      const link = unchecked(dict[s]);
      unchecked((reportFrom[n] = reports < 0 ? -1 : unchecked(renumbered[reports])));
      unchecked((dictionaryLink[n] = link < 0 ? -1 : unchecked(renumbered[link])));
      unchecked((outputFirst[n] = unchecked(firstOutput[s])));
      for (let symbol = 0; symbol < k; symbol++) {
        const entry =
          symbol == <i32>SYMBOL_AMBIGUOUS
            ? AMBIGUOUS_ENTRY
            : <u32>unchecked(renumbered[unchecked(table[s * k + symbol])]);
        store<u16>(rows + ((<usize>(n * k + symbol)) << 1), <u16>entry);
      }
    }
    this.delta = delta;
    this.rows = rows;
    this.reportFrom = reportFrom;
    this.dictionaryLink = dictionaryLink;
    this.outputFirst = outputFirst;
    this.outputPattern = outPattern;
    this.outputNext = outNext;
    this.patternText = StaticArray.fromArray<u16>(text);
    this.patternOffset = StaticArray.fromArray<i32>(this.offsetList);
    this.patternLength = StaticArray.fromArray<i32>(this.lengthList);
    this.patternPhrase = StaticArray.fromArray<i32>(this.phraseList);
    const flags = new StaticArray<u8>(patterns);
    for (let p = 0; p < patterns; p++) {
      const offset = unchecked(this.offsetList[p]);
      const length = unchecked(this.lengthList[p]);
      let f: u8 = 0;
      if (length > 0 && isViewWordUnit(unchecked(text[offset + length - 1]))) f |= NEEDS_END;
      for (let j = 0; j < length; j++) {
        const symbol = unchecked(symbolOf[unchecked(text[offset + j])]);
        if (symbol == SYMBOL_RARE || symbol == SYMBOL_SEP) f |= NEEDS_CHECK;
      }
      unchecked((flags[p] = f));
    }
    this.patternFlags = flags;
    this.quietStates = quiet;
    this.sepState = <u32>unchecked(renumbered[unchecked(table[SYMBOL_SEP])]);
    this.states = states;
    return states;
  }
}

let main = new Automaton();
let spelled = new Automaton();
let phraseCount: i32 = 0;
let built = false;

// Matches of the last scan: [phrase, start, end] per match, offsets in the ORIGINAL text.
export let matchData = new StaticArray<i32>(1536);
export let matchCount: i32 = 0;

export function resetPhrases(): void {
  main = new Automaton();
  spelled = new Automaton();
  phraseCount = 0;
  built = false;
}

/** A fresh phrase id (ids count up from 0); its patterns are added with addPattern. */
export function newPhrase(): i32 {
  return phraseCount++;
}

/**
 * Adds a pattern (matching-view units, without AMBIGUOUS_IL) reporting `phrase`: to the main automaton
 * (anchored at a word start when it starts with a word unit), or with `spelledOnly` to the one run over
 * spelled-out stretches only.
 */
export function addPattern(units: usize, length: i32, phrase: i32, spelledOnly: bool): void {
  if (spelledOnly) spelled.add(units, length, phrase, false);
  else main.add(units, length, phrase, length > 0 && isViewWordUnit(load<u16>(units)));
  built = false;
}

/** Builds the automata from the patterns added so far; returns the number of states or a BUILD_ERROR. */
export function build(): i32 {
  const mainStates = main.build();
  const spelledStates = spelled.build();
  if (mainStates < 0 || spelledStates < 0) return BUILD_ERROR_TOO_LARGE;
  if (mainStates == 0) return BUILD_ERROR_EMPTY;
  built = true;
  return mainStates + spelledStates;
}

// The automaton being run, as raw pointers (a managed reference costs a shadow-stack trip per access).
let p_symbols: usize = 0;
let p_delta: usize = 0;
let p_reportFrom: usize = 0;
let p_dictionaryLink: usize = 0;
let p_outputFirst: usize = 0;
let p_outputPattern: usize = 0;
let p_outputNext: usize = 0;
let p_patternText: usize = 0;
let p_patternOffset: usize = 0;
let p_patternLength: usize = 0;
let p_patternPhrase: usize = 0;
let p_patternFlags: usize = 0;
let quietStates: u32 = 0;
/** Whether word boundaries are checked (main) or every match lies inside spelled-out text (spelled). */
let checkBoundaries: bool = true;

function use(automaton: Automaton, boundaries: bool): void {
  p_symbols = changetype<usize>(automaton.symbolOf);
  p_delta = automaton.rows;
  p_reportFrom = changetype<usize>(automaton.reportFrom);
  p_dictionaryLink = changetype<usize>(automaton.dictionaryLink);
  p_outputFirst = changetype<usize>(automaton.outputFirst);
  p_outputPattern = changetype<usize>(automaton.outputPattern);
  p_outputNext = changetype<usize>(automaton.outputNext);
  p_patternText = changetype<usize>(automaton.patternText);
  p_patternOffset = changetype<usize>(automaton.patternOffset);
  p_patternLength = changetype<usize>(automaton.patternLength);
  p_patternPhrase = changetype<usize>(automaton.patternPhrase);
  p_patternFlags = changetype<usize>(automaton.patternFlags);
  quietStates = <u32>automaton.quietStates;
  checkBoundaries = boundaries;
}

function i32At(base: usize, index: i32): i32 {
  return load<i32>(base + ((<usize>index) << 2));
}

function symbolOf(unit: u32): i32 {
  return <i32>load<u16>(p_symbols + ((<usize>unit) << 1));
}

// The text being scanned.
let scanUnits: usize = 0;
let scanStarts: usize = 0;
let scanEnds: usize = 0;
let scanLength: i32 = 0;
/** View index of the last AMBIGUOUS_IL or skippable unit scanned. */
let lastAmbiguous: i32 = 0;

function unitAt(at: i32): u32 {
  return <u32>load<u16>(scanUnits + ((<usize>at) << 1));
}

/**
 * Whether a unit is a letter that repeats fold into (match-view.ts, rule 5). Plain stretches reach the
 * scanner unsqueezed, so it reads a run of the same letter as its first unit; everywhere else the view is
 * squeezed already and no two neighbours are the same such letter.
 */
function squeezable(c: u32): bool {
  return c - 0x61 < 26 || (c >= 0x80 && isWordUnit(c));
}

/** Whether view unit j repeats the letter before it (and so is read as part of it). */
function repeatAt(j: i32): bool {
  if (j <= 0) return false;
  const c = unitAt(j);
  return c == unitAt(j - 1) && squeezable(c);
}

/** The first unit of the run of one letter that holds view unit j. */
function runStart(j: i32): i32 {
  while (repeatAt(j)) j--;
  return j;
}

/** The last unit of the run of one letter that starts at view unit j. */
function runEnd(j: i32): i32 {
  while (j + 1 < scanLength && repeatAt(j + 1)) j++;
  return j;
}

/**
 * The unit `steps` squeezed units before the run starting at j (each run of one letter counts once), or,
 * past the start of the view, how far past it as a negative index: what `j - steps` is in a squeezed view.
 */
function unitsBack(j: i32, steps: i32): i32 {
  for (let s = 0; s < steps; s++) {
    if (j <= 0) return j - (steps - s);
    j = runStart(j - 1);
  }
  return j;
}

function softAt(at: i32): bool {
  return (i32At(scanStarts, at) & SOFT) != 0;
}

/** Whether view unit j may also be read as nothing (match-view.ts, markSkippable). */
function skippableAt(j: i32): bool {
  return (i32At(scanStarts, j) & SKIPPABLE) != 0;
}

/**
 * Whether position `at` of the view ends a word: the unit there is not a word unit, and not an apostrophe
 * inside a word ("you're" holds no match for "you"). Quotation marks are QUOTE in the view, so "'act now'"
 * still matches.
 */
function wordEndsAt(at: i32): bool {
  if (at >= scanLength) return true;
  const after = unitAt(at);
  if (isViewWordUnit(after)) return false;
  return !(after == 0x27 && at + 1 < scanLength && isViewWordUnit(unitAt(at + 1)));
}

/**
 * Records a match. The same phrase from the same start is one occurrence however it was reached (two readings
 * of an ambiguous unit, a squeezed tail): it is kept once, with the furthest end.
 */
function pushMatch(phrase: i32, start: i32, end: i32): void {
  for (let m = matchCount - 1; m >= 0 && m >= matchCount - RECENT_MATCHES; m--) {
    const at = m * 3;
    if (unchecked(matchData[at]) == phrase && unchecked(matchData[at + 1]) == start) {
      if (end > unchecked(matchData[at + 2])) unchecked((matchData[at + 2] = end));
      return;
    }
  }
  const at = matchCount * 3;
  if (at + 3 > matchData.length) {
    const grown = new StaticArray<i32>(matchData.length << 1);
    memory.copy(changetype<usize>(grown), changetype<usize>(matchData), (<usize>at) << 2);
    matchData = grown;
  }
  unchecked((matchData[at] = phrase));
  unchecked((matchData[at + 1] = start));
  unchecked((matchData[at + 2] = end));
  matchCount++;
}

/** Steps startOfReading() may take for one match. */
const VERIFY_BUDGET: i32 = 1024;
let verifyOffset: i32 = 0;
let verifyBudget: i32 = 0;

/**
 * Matches pattern units [0, q] backwards against view units ending at j, reading AMBIGUOUS_IL as i or l and
 * skippable units also as nothing; returns the view index where the pattern starts, or -1.
 */
function startOfReading(j: i32, q: i32): i32 {
  if (q < 0) {
    // An ambiguous unit read as nothing just before the first letter belongs to the same word ("1llama");
    // not in spelled-out text, where the unit before may be anything ("1. a c t").
    while (j >= 0 && unitAt(j) == AMBIGUOUS_IL && !softAt(j) && skippableAt(j)) j--;
    return j + 1;
  }
  if (j < 0 || --verifyBudget < 0) return -1;
  j = runStart(j);
  // Skipping first: of the readings that fit, the one reaching furthest back is the whole occurrence.
  if (skippableAt(j)) {
    const start = startOfReading(j - 1, q);
    if (start >= 0) return start;
  }
  const u = unitAt(j);
  const expected = <u32>load<u16>(p_patternText + ((<usize>(verifyOffset + q)) << 1));
  if (u == expected || (u == AMBIGUOUS_IL && (expected == 0x69 || expected == 0x6c))) {
    return startOfReading(j - 1, q - 1);
  }
  return -1;
}

/**
 * startOfReading() for a pattern of `length` units ending at view unit i where no unit is AMBIGUOUS_IL or
 * skippable: each pattern unit is one run of the view, compared back to front.
 */
function plainReadingStart(p: i32, i: i32, length: i32): i32 {
  const text = p_patternText + ((<usize>i32At(p_patternOffset, p)) << 1);
  let j = i;
  for (let q = length - 1; q >= 0; q--) {
    if (j < 0) return -1;
    j = runStart(j);
    if (unitAt(j) != <u32>load<u16>(text + ((<usize>q) << 1))) return -1;
    j--;
  }
  return j + 1;
}

/**
 * The common case of plainReadingStart() and unitsBack() at once: when view units [i + 1 − length, i] are
 * the pattern's units exactly and the unit before them is not the same letter, each pattern unit is one run
 * of the view and the pattern starts there. Compared eight units at a time; returns -1 when that is not so
 * (the unit-by-unit reading then decides).
 */
function exactStart(p: i32, i: i32, length: i32): i32 {
  const start = i + 1 - length;
  if (start <= 0 || i < 7) return -1;
  const text = p_patternText + ((<usize>i32At(p_patternOffset, p)) << 1);
  // The last eight units first: for a shorter pattern, only its lanes count (the others read whatever lies
  // before it, inside the core's memory); for a longer one they overlap the blocks compared after.
  const tail = (<isize>(length - 8)) << 1;
  const last = i16x8.bitmask(
    i16x8.eq(v128.load(scanUnits + ((<usize>(i - 7)) << 1)), v128.load(<usize>(<isize>text + tail))),
  );
  if (length < 8) {
    if (last >> (8 - length) != (1 << length) - 1) return -1;
  } else {
    if (last != 0xff) return -1;
    const view = scanUnits + ((<usize>start) << 1);
    for (let k: isize = 0; k < tail; k += 16) {
      if (!i16x8.all_true(i16x8.eq(v128.load(view + <usize>k), v128.load(text + <usize>k)))) return -1;
    }
  }
  const first = unitAt(start);
  return first == unitAt(start - 1) && squeezable(first) ? -1 : start;
}

/**
 * Where pattern p ending at view unit i starts. Without ambiguous units nearby that is i + 1 − its length;
 * when one was read as nothing the match is longer than the pattern, so the reading is checked backwards
 * (within a budget; past it, the plain answer stands).
 */
function patternStart(p: i32, i: i32): i32 {
  const length = i32At(p_patternLength, p);
  const check = (load<u8>(p_patternFlags + <usize>p) & NEEDS_CHECK) != 0;
  if (length < VERIFY_BUDGET) {
    // With no AMBIGUOUS_IL or skippable unit read at or just before the pattern's place, every reading of it
    // is the plain one, which exactStart() has when the units are the pattern's exactly (exact - 1 is never
    // below -1, so this holds whenever none was read at all).
    const exact = exactStart(p, i, length);
    if (exact >= 0 && lastAmbiguous < exact - 1) return exact;
    if (lastAmbiguous < -MAX_EMPTY_READINGS) {
      // No AMBIGUOUS_IL unit read yet in this run, so no skippable one either (each follows or is one), and
      // the reading is the plain one: the check below reduces to comparing the pattern's units one by one.
      return check ? plainReadingStart(p, i, length) : unitsBack(i, length - 1);
    }
  }
  const plain = unitsBack(i, length - 1);
  if (!check && lastAmbiguous < unitsBack(plain, MAX_EMPTY_READINGS)) return plain;
  verifyOffset = i32At(p_patternOffset, p);
  verifyBudget = VERIFY_BUDGET;
  const start = startOfReading(i, length - 1);
  // A pattern with RARE units that does not read exactly here is no match.
  return start >= 0 || check ? start : plain;
}

/**
 * Reports the patterns of `state` and its dictionary chain that end at view unit `i` (the first of its run,
 * when it is a run of one letter) and fit its word boundaries.
 */
function reportAt(state: i32, i: i32): void {
  const last = runEnd(i);
  // Whether a pattern ending in a word unit may end here: the same for every pattern of the chain, and
  // checked before a pattern's start is looked for (most reports inside a longer word stop there).
  const endFits = !checkBoundaries || softAt(i) || wordEndsAt(last + 1);
  let t = i32At(p_reportFrom, state);
  while (t >= 0) {
    let e = i32At(p_outputFirst, t);
    while (e >= 0) {
      const p = i32At(p_outputPattern, e);
      // The start needs no check: anchored patterns start after a SEP by construction.
      if (endFits || (load<u8>(p_patternFlags + <usize>p) & NEEDS_END) == 0) {
        const start = patternStart(p, i);
        if (start >= 0) {
          pushMatch(i32At(p_patternPhrase, p), i32At(scanStarts, start) & OFFSET_MASK, i32At(scanEnds, last));
        }
      }
      e = i32At(p_outputNext, e);
    }
    t = i32At(p_dictionaryLink, t);
  }
}

const active = new StaticArray<i32>(MAX_ACTIVE);
const following = new StaticArray<i32>(MAX_ACTIVE);
const p_active = changetype<usize>(active);
const p_following = changetype<usize>(following);
/** State where the fast loop resumes after followReadings(). */
let resumeState: u32 = 0;

function transition(state: u32, symbol: u32): u32 {
  return <u32>load<u16>(p_delta + ((<usize>state) << ROW_SHIFT) + ((<usize>symbol) << 1));
}

/** Adds `state` to the following set (deduplicated, bounded). */
function follow(state: u32, count: i32): i32 {
  for (let a = 0; a < count; a++) if (<u32>i32At(p_following, a) == state) return count;
  if (count == MAX_ACTIVE) return count;
  store<i32>(p_following + ((<usize>count) << 2), <i32>state);
  return count + 1;
}

/** Enters `state` at view unit i: reports where it reports, then follows it. */
function step(state: u32, count: i32, i: i32): i32 {
  if (state >= quietStates) reportAt(<i32>state, i);
  return follow(state, count);
}

/**
 * Scans from the AMBIGUOUS_IL unit at `from`, reached in `state`, following every reading (i or l, and
 * nothing for skippable units) until the readings lead to one state again. Returns where the fast loop goes
 * on (at most `end`); resumeState is its state.
 */
function followReadings(from: i32, end: i32, state: u32): i32 {
  store<i32>(p_active, <i32>state);
  let count = 1;
  let i = from;
  while (i < end) {
    const c = unitAt(i);
    if (repeatAt(i)) {
      i++;
      continue;
    }
    const skippable = skippableAt(i);
    if (c == AMBIGUOUS_IL || skippable) lastAmbiguous = i;
    const symbol = <u32>symbolOf(c);
    let next = 0;
    for (let a = 0; a < count; a++) {
      const current = <u32>i32At(p_active, a);
      if (c == AMBIGUOUS_IL) {
        next = step(transition(current, 0x69 - 0x60), next, i);
        next = step(transition(current, 0x6c - 0x60), next, i);
      } else {
        next = step(transition(current, symbol), next, i);
      }
      if (skippable) {
        // Read as nothing: the state stays, and what it reports now ends here.
        if (current >= quietStates) reportAt(<i32>current, i);
        next = follow(current, next);
      }
    }
    for (let a = 0; a < next; a++) store<i32>(p_active + ((<usize>a) << 2), i32At(p_following, a));
    count = next;
    i++;
    if (count == 1 && !(i < end && skippableAt(i))) break;
  }
  resumeState = <u32>i32At(p_active, 0);
  return i;
}

/** Runs the automaton in use over view units [from, to), starting in `state`. */
function run(from: i32, to: i32, state: u32): void {
  const table = p_delta;
  const symbols = p_symbols;
  const units = scanUnits;
  const quiet = quietStates;
  let i = from;
  // A unit repeating the letter before it is read as part of that letter (squeezing); none at `from`.
  let previous: u32 = 0;
  while (i < to) {
    const c = <u32>load<u16>(units + ((<usize>i) << 1));
    if (c == previous && squeezable(c)) {
      i++;
      continue;
    }
    previous = c;
    const symbol = <usize>load<u16>(symbols + ((<usize>c) << 1));
    const next = <u32>load<u16>(table + ((<usize>state) << ROW_SHIFT) + (symbol << 1));
    if (next < quiet) {
      state = next;
      i++;
      continue;
    }
    if (next == AMBIGUOUS_ENTRY) {
      i = followReadings(i, to, state);
      state = resumeState;
      previous = unitAt(i - 1);
      continue;
    }
    state = next;
    reportAt(<i32>state, i);
    i++;
  }
}

/**
 * Reports every occurrence of every phrase in the matching view (overlapping ones too) whose edges fall on
 * word boundaries (or soft units), with original offsets from the view's map. Squashed patterns are looked
 * for only inside stretches of soft units.
 */
export function scan(units: usize, starts: usize, ends: usize, length: i32, hasSoft: bool): void {
  matchCount = 0;
  if (!built) return;
  scanUnits = units;
  scanStarts = starts;
  scanEnds = ends;
  scanLength = length;
  lastAmbiguous = -MAX_EMPTY_READINGS - 1;
  use(main, true);
  run(0, length, main.sepState);
  if (!hasSoft || spelled.states == 0) return;
  use(spelled, false);
  let i = 0;
  while (i < length) {
    if (!softAt(i)) {
      i++;
      continue;
    }
    const from = i;
    while (i < length && softAt(i)) i++;
    lastAmbiguous = -MAX_EMPTY_READINGS - 1;
    run(from, i, 0);
  }
}
