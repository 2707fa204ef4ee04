import { isWordUnit } from './word-units';

/*
 * Multi-pattern matcher over normalised text: an Aho–Corasick automaton built at run time from the lexicon's
 * phrases (data, never compiled in). Phrases are added one by one (already normalised), then build() turns
 * the trie into a complete DFA: one table lookup per input unit, so scanning is linear in the input (plus
 * the matches reported).
 *
 * The alphabet is compressed: every code unit that occurs in some phrase gets a symbol 1..K-1; all other
 * units share symbol 0, which always leads back to the root. Transitions are a dense [state × K] table whose
 * entries are the BYTE offset of the next state's row, plus 1 when that state reports phrases: the scan
 * loop's critical path is then load → mask → add → load, and outputs are looked at only where a phrase may
 * end.
 */

/** Refuse automata whose transition table would exceed this many entries (256 MiB of i32). */
const MAX_TABLE_ENTRIES: i64 = 64 << 20;

export const BUILD_ERROR_EMPTY: i32 = -1;
export const BUILD_ERROR_TOO_LARGE: i32 = -2;

const symbolOf = new StaticArray<u16>(65536);
let symbolCount: i32 = 1;

// Phrases as added: their normalised units back to back.
let phraseText: u16[] = [];
let phraseOffset: i32[] = [];
let phraseLengthList: i32[] = [];
let phraseTechniqueList: i32[] = [];

// The built automaton.
let built = false;
let alphabet: i32 = 1;
let delta = new StaticArray<i32>(0);
/** For each state: itself when it ends some phrase, else the nearest such state on its failure chain, or -1. */
let reportFrom = new StaticArray<i32>(0);
/** For each state ending phrases: the next state on its failure chain that ends phrases, or -1. */
let dictionaryLink = new StaticArray<i32>(0);
/** For each state: first entry of its output list, or -1. Entries: outputPhrase/outputNext. */
let outputFirst = new StaticArray<i32>(0);
let outputPhrase = new StaticArray<i32>(0);
let outputNext = new StaticArray<i32>(0);
let phraseLength = new StaticArray<i32>(0);
let phraseTechnique = new StaticArray<i32>(0);
/** Per phrase: bit 0 = needs a word boundary before it, bit 1 = after it. */
let phraseBoundary = new StaticArray<u8>(0);

// Matches of the last scan: [phrase, technique, start, end] per match, offsets in the ORIGINAL text.
export let matchData = new StaticArray<i32>(1024);
export let matchCount: i32 = 0;

export function resetPhrases(): void {
  memory.fill(changetype<usize>(symbolOf), 0, 65536 << 1);
  symbolCount = 1;
  phraseText = [] as u16[];
  phraseOffset = [] as i32[];
  phraseLengthList = [] as i32[];
  phraseTechniqueList = [] as i32[];
  built = false;
  alphabet = 1;
  delta = new StaticArray<i32>(0);
  reportFrom = new StaticArray<i32>(0);
  dictionaryLink = new StaticArray<i32>(0);
  outputFirst = new StaticArray<i32>(0);
  outputPhrase = new StaticArray<i32>(0);
  outputNext = new StaticArray<i32>(0);
  phraseLength = new StaticArray<i32>(0);
  phraseTechnique = new StaticArray<i32>(0);
  phraseBoundary = new StaticArray<u8>(0);
}

/** Adds a normalised phrase; returns its id (ids count up from 0 in the order phrases are added). */
export function addPhrase(units: usize, length: i32, technique: i32): i32 {
  const id = phraseOffset.length;
  phraseOffset.push(phraseText.length);
  phraseLengthList.push(length);
  phraseTechniqueList.push(technique);
  for (let k = 0; k < length; k++) {
    const c = load<u16>(units + ((<usize>k) << 1));
    phraseText.push(c);
    if (unchecked(symbolOf[c]) == 0 && symbolCount < 65535) {
      unchecked((symbolOf[c] = <u16>symbolCount));
      symbolCount++;
    }
  }
  built = false;
  return id;
}

/** Builds the automaton from the phrases added so far; returns the number of states or a BUILD_ERROR. */
export function build(): i32 {
  const phrases = phraseOffset.length;
  if (phrases == 0) return BUILD_ERROR_EMPTY;
  const k = symbolCount;
  const maxStates = phraseText.length + 1;
  if (<i64>maxStates * <i64>k > MAX_TABLE_ENTRIES) return BUILD_ERROR_TOO_LARGE;

  // Trie: goto edges in the dense table; 0 means "no edge" (the root is never a child).
  const table = new StaticArray<i32>(maxStates * k);
  const firstOutput = new StaticArray<i32>(maxStates);
  const outPhrase = new StaticArray<i32>(phrases);
  const outNext = new StaticArray<i32>(phrases);
  for (let s = 0; s < maxStates; s++) unchecked((firstOutput[s] = -1));
  let states = 1;
  for (let p = 0; p < phrases; p++) {
    const offset = unchecked(phraseOffset[p]);
    const length = unchecked(phraseLengthList[p]);
    let s = 0;
    for (let j = 0; j < length; j++) {
      const symbol = <i32>unchecked(symbolOf[unchecked(phraseText[offset + j])]);
      const at = s * k + symbol;
      let next = unchecked(table[at]);
      if (next == 0) {
        next = states++;
        unchecked((table[at] = next));
      }
      s = next;
    }
    unchecked((outPhrase[p] = p));
    unchecked((outNext[p] = unchecked(firstOutput[s])));
    unchecked((firstOutput[s] = p));
  }

  // Breadth-first: failure links, dictionary links, and missing edges filled from the failure state.
  const fail = new StaticArray<i32>(states);
  const dict = new StaticArray<i32>(states);
  const report = new StaticArray<i32>(states);
  const queue = new StaticArray<i32>(states);
  let head = 0;
  let tail = 0;
  unchecked((dict[0] = -1));
  unchecked((report[0] = unchecked(firstOutput[0]) >= 0 ? 0 : -1));
  for (let symbol = 0; symbol < k; symbol++) {
    const child = unchecked(table[symbol]);
    if (child != 0) {
      unchecked((fail[child] = 0));
      unchecked((queue[tail++] = child));
    }
  }
  while (head < tail) {
    const s = unchecked(queue[head++]);
    const f = unchecked(fail[s]);
    unchecked((dict[s] = unchecked(firstOutput[f]) >= 0 ? f : unchecked(dict[f])));
    unchecked((report[s] = unchecked(firstOutput[s]) >= 0 ? s : unchecked(dict[s])));
    const row = s * k;
    const failRow = f * k;
    for (let symbol = 0; symbol < k; symbol++) {
      const child = unchecked(table[row + symbol]);
      if (child != 0) {
        unchecked((fail[child] = unchecked(table[failRow + symbol])));
        unchecked((queue[tail++] = child));
      } else {
        unchecked((table[row + symbol] = unchecked(table[failRow + symbol])));
      }
    }
  }

  // Keep only the rows of states that exist, with the reporting flag folded into each entry.
  delta = new StaticArray<i32>(states * k);
  for (let at = 0; at < states * k; at++) {
    const next = unchecked(table[at]);
    unchecked((delta[at] = ((next * k) << 2) | (unchecked(report[next]) >= 0 ? 1 : 0)));
  }
  outputFirst = new StaticArray<i32>(states);
  memory.copy(changetype<usize>(outputFirst), changetype<usize>(firstOutput), (<usize>states) << 2);
  reportFrom = report;
  dictionaryLink = dict;
  outputPhrase = outPhrase;
  outputNext = outNext;
  phraseLength = StaticArray.fromArray<i32>(phraseLengthList);
  phraseTechnique = StaticArray.fromArray<i32>(phraseTechniqueList);
  phraseBoundary = new StaticArray<u8>(phrases);
  for (let p = 0; p < phrases; p++) {
    const offset = unchecked(phraseOffset[p]);
    const length = unchecked(phraseLengthList[p]);
    let flags: u8 = 0;
    if (length > 0 && isWordUnit(unchecked(phraseText[offset]))) flags |= 1;
    if (length > 0 && isWordUnit(unchecked(phraseText[offset + length - 1]))) flags |= 2;
    unchecked((phraseBoundary[p] = flags));
  }
  alphabet = k;
  built = true;
  return states;
}

/**
 * Whether position `at` of normalised text starts a new word: the unit before it is not a word unit, and not
 * an apostrophe inside a word ("you're" holds no match for "you" or "re", but "'act now'" matches).
 */
function wordStartsAt(units: usize, at: i32): bool {
  if (at == 0) return true;
  const before = <u32>load<u16>(units + ((<usize>(at - 1)) << 1));
  if (isWordUnit(before)) return false;
  return !(before == 0x27 && at >= 2 && isWordUnit(<u32>load<u16>(units + ((<usize>(at - 2)) << 1))));
}

function wordEndsAt(units: usize, at: i32, length: i32): bool {
  if (at >= length) return true;
  const after = <u32>load<u16>(units + ((<usize>at) << 1));
  if (isWordUnit(after)) return false;
  return !(after == 0x27 && at + 1 < length && isWordUnit(<u32>load<u16>(units + ((<usize>(at + 1)) << 1))));
}

function pushMatch(phrase: i32, technique: i32, start: i32, end: i32): void {
  const at = matchCount << 2;
  if (at + 4 > matchData.length) {
    const grown = new StaticArray<i32>(matchData.length << 1);
    memory.copy(changetype<usize>(grown), changetype<usize>(matchData), (<usize>at) << 2);
    matchData = grown;
  }
  unchecked((matchData[at] = phrase));
  unchecked((matchData[at + 1] = technique));
  unchecked((matchData[at + 2] = start));
  unchecked((matchData[at + 3] = end));
  matchCount++;
}

/**
 * Reports every occurrence of every phrase in normalised text (overlapping ones too) whose edges fall on word
 * boundaries, with original offsets from the normaliser's map.
 */
export function scan(units: usize, starts: usize, ends: usize, length: i32): void {
  matchCount = 0;
  if (!built) return;
  const table = changetype<usize>(delta);
  const symbols = changetype<usize>(symbolOf);
  const rowBytes = alphabet << 2;
  let row: usize = table;
  for (let i = 0; i < length; i++) {
    const c = load<u16>(units + ((<usize>i) << 1));
    const symbol = <usize>load<u16>(symbols + ((<usize>c) << 1));
    const entry = load<i32>(row + (symbol << 2));
    row = table + <usize>(entry & ~1);
    if ((entry & 1) == 0) continue;
    let t = unchecked(reportFrom[(entry & ~1) / rowBytes]);
    while (t >= 0) {
      let e = unchecked(outputFirst[t]);
      while (e >= 0) {
        const p = unchecked(outputPhrase[e]);
        const start = i + 1 - unchecked(phraseLength[p]);
        const boundary = unchecked(phraseBoundary[p]);
        if (
          ((boundary & 1) == 0 || wordStartsAt(units, start)) &&
          ((boundary & 2) == 0 || wordEndsAt(units, i + 1, length))
        ) {
          pushMatch(
            p,
            unchecked(phraseTechnique[p]),
            load<i32>(starts + ((<usize>start) << 2)),
            load<i32>(ends + ((<usize>i) << 2)),
          );
        }
        e = unchecked(outputNext[e]);
      }
      t = unchecked(dictionaryLink[t]);
    }
  }
}
