import { AsciiWordTable } from './ascii-word-table.ts';
import { isLetterOrDigitUnit, isLowerCaseUnit } from './unit-classes.ts';

/**
 * The shape of a reply that the semantic rules need — sentences, lines, words and clause breaks — found in one
 * pass over the ORIGINAL text, so every position lines up with the core's match and cue offsets. Each list is
 * ascending, for binary search (sorted-positions.ts).
 */
export interface TextStructure {
  /** Offset where each sentence starts; the first is 0. A sentence ends at . ! ? … (not after an
   * abbreviation or before a lower-case word) or at a line break. */
  sentenceStarts: number[];
  /** Offset where each line starts; the first is 0. */
  lineStarts: number[];
  /** Per line: it begins with a list marker (-, *, •, "1." …). */
  lineIsListItem: boolean[];
  /** Per line: its last visible character is a colon (it introduces what follows). */
  lineEndsWithColon: boolean[];
  /** Per line: nothing visible on it. */
  lineIsBlank: boolean[];
  /** Offset where each word (letters and digits, with inner apostrophes) starts. */
  wordStarts: number[];
  /** Punctuation and connectives that end a clause: , ; : ( ) dashes, and but/however/so/then …. */
  clauseBreaks: number[];
  /** The subset that turns the argument: ; and but/however/yet/though/although/instead/whereas/except. */
  contrastBreaks: number[];
}

/** Words that end the reach of a preceding cue because the sentence turns at them. */
const CONTRAST_WORDS = new Set([
  'but',
  'however',
  'yet',
  'though',
  'although',
  'instead',
  'whereas',
  'except',
]);
/** Words that start a new clause without turning the argument ("no rush, so act now"). */
const CONSEQUENCE_WORDS = new Set(['so', 'then', 'therefore', 'thus', 'because']);
/** Abbreviations usually followed by a capitalised name, whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'prof',
  'jr',
  'sr',
  'no',
  'approx',
  'fig',
]);

/** Looked up in the text without slicing or lower-casing each word (ascii-word-table.ts). */
const CONNECTIVES = new AsciiWordTable([...CONTRAST_WORDS, ...CONSEQUENCE_WORDS]);
const ABBREVIATION_TABLE = new AsciiWordTable(ABBREVIATIONS);

const LIST_ITEM = /^[ \t]*(?:[-*•‣◦▪·]|\d{1,3}[.)])[ \t]/;

function isSpace(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x2028 || code === 0x2029
  );
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

function isTerminal(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026;
}

/** Closing quotes and brackets that may follow a sentence's final punctuation. */
function isCloser(code: number): boolean {
  return (
    code === 0x22 || code === 0x27 || code === 0x201d || code === 0x2019 || code === 0x29 || code === 0x5d
  );
}

function isDash(code: number): boolean {
  return code === 0x2014 || code === 0x2013;
}

/** Analyses `text` (or its first `limit` code units) in a single left-to-right pass. */
export function analyzeTextStructure(text: string, limit: number = text.length): TextStructure {
  const n = Math.min(limit, text.length);
  const sentenceStarts = [0];
  const lineStarts = [0];
  const lineIsListItem: boolean[] = [];
  const lineEndsWithColon: boolean[] = [];
  const lineIsBlank: boolean[] = [];
  const wordStarts: number[] = [];
  const clauseBreaks: number[] = [];
  const contrastBreaks: number[] = [];
  // The scan's state lives in locals (no closure shares it), which keeps the per-unit loop in registers.
  let lineStart = 0;
  let wordStart = -1;
  // A sentence boundary seen but not yet confirmed: it is, unless the next visible character is lower case.
  let pending = false;
  let pendingIsHard = false;
  let lastVisible = -1;

  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);

    if (isLetterOrDigitUnit(code)) {
      if (pending) {
        if (pendingIsHard || !isLowerCaseUnit(code)) sentenceStarts.push(i);
        pending = false;
      }
      if (wordStart < 0) {
        wordStart = i;
        wordStarts.push(i);
      }
      // The rest of the run of letters and digits changes nothing but where the last visible unit is.
      i++;
      while (i < n && isLetterOrDigitUnit(text.charCodeAt(i))) i++;
      lastVisible = i - 1;
      continue;
    }

    // An apostrophe between letters stays inside the word ("don't", "you’re").
    if (isApostrophe(code) && wordStart >= 0 && i + 1 < n && isLetterOrDigitUnit(text.charCodeAt(i + 1))) {
      lastVisible = i;
      i++;
      continue;
    }

    const previousWordStart = wordStart;
    if (wordStart >= 0) {
      addConnective(text, wordStart, i, clauseBreaks, contrastBreaks);
      wordStart = -1;
    }

    if (code === 0x0a || code === 0x0d) {
      endLine(text, lineStart, i, lastVisible, lineIsListItem, lineEndsWithColon, lineIsBlank);
      lineStart = i + 1;
      lineStarts.push(lineStart);
      pending = true;
      pendingIsHard = true;
      i++;
      continue;
    }
    if (isSpace(code)) {
      i++;
      continue;
    }

    if (pending) {
      // Opening quotes, brackets and list markers belong to the sentence they open.
      sentenceStarts.push(i);
      pending = false;
    }
    lastVisible = i;

    if (isTerminal(code)) {
      const previousLength = previousWordStart >= 0 ? i - previousWordStart : 0;
      const abbreviation =
        code === 0x2e &&
        previousLength > 0 &&
        (previousLength === 1 || ABBREVIATION_TABLE.find(text, previousWordStart, i) !== undefined);
      let j = i + 1;
      while (j < n && (isTerminal(text.charCodeAt(j)) || isCloser(text.charCodeAt(j)))) j++;
      if (!abbreviation && (j >= n || isSpace(text.charCodeAt(j)))) {
        pending = true;
        pendingIsHard = false;
      }
      lastVisible = j - 1;
      i = j;
      continue;
    }

    if (code === 0x2c) {
      // A comma inside a number ("1,000") is not a clause break.
      const before = i > 0 ? text.charCodeAt(i - 1) : 0;
      const after = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      const inNumber = before >= 0x30 && before <= 0x39 && after >= 0x30 && after <= 0x39;
      if (!inNumber) clauseBreaks.push(i);
    } else if (code === 0x3b) {
      clauseBreaks.push(i);
      contrastBreaks.push(i);
    } else if (code === 0x3a || code === 0x28 || code === 0x29 || isDash(code)) {
      clauseBreaks.push(i);
    } else if (code === 0x2d) {
      // A hyphen between spaces, or a double hyphen, is a dash; inside a word it is not.
      const before = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      const after = i + 1 < n ? text.charCodeAt(i + 1) : 0x20;
      if ((isSpace(before) && isSpace(after)) || after === 0x2d) clauseBreaks.push(i);
    }
    i++;
  }
  if (wordStart >= 0) addConnective(text, wordStart, n, clauseBreaks, contrastBreaks);
  endLine(text, lineStart, n, lastVisible, lineIsListItem, lineEndsWithColon, lineIsBlank);
  return {
    sentenceStarts,
    lineStarts,
    lineIsListItem,
    lineEndsWithColon,
    lineIsBlank,
    wordStarts,
    clauseBreaks,
    contrastBreaks,
  };
}

/** A clause break at the word text[start, end) when it is a contrast or consequence word. */
function addConnective(
  text: string,
  start: number,
  end: number,
  clauseBreaks: number[],
  contrastBreaks: number[],
): void {
  const word = CONNECTIVES.find(text, start, end);
  if (word === undefined) return;
  clauseBreaks.push(start);
  if (CONTRAST_WORDS.has(word)) contrastBreaks.push(start);
}

/** The per-line facts of the line text[lineStart, end), whose last visible unit is at lastVisible. */
function endLine(
  text: string,
  lineStart: number,
  end: number,
  lastVisible: number,
  lineIsListItem: boolean[],
  lineEndsWithColon: boolean[],
  lineIsBlank: boolean[],
): void {
  lineIsListItem.push(LIST_ITEM.test(text.slice(lineStart, Math.min(end, lineStart + 12))));
  // Markdown emphasis may close after the colon ("**Red flags:**").
  let last = lastVisible;
  while (last >= lineStart && (text.charCodeAt(last) === 0x2a || text.charCodeAt(last) === 0x5f)) last--;
  lineEndsWithColon.push(last >= lineStart && text.charCodeAt(last) === 0x3a);
  lineIsBlank.push(lastVisible < lineStart);
}
