// Generates assembly/fold-tables.ts, the per-code-point folding data of the normaliser.
// Run: node assembly/tables/generate-fold-tables.mjs          (rewrites the table)
//      node assembly/tables/generate-fold-tables.mjs --check  (exit 1 when the table is out of date)
//
// The rule per code point (first match wins):
//   1. whitespace          → SPACE  (collapsed into a single ' ' by the normaliser)
//   2. invisible / format  → REMOVE (zero-width, bidi controls, fillers, tags, C1 controls, soft hyphen)
//   3. combining marks     → ATTACH (removed; the original span of the previous character grows over it)
//   4. explicit overrides  → quotes, apostrophes, dashes and slashes to ASCII; letters without a Unicode
//                            decomposition (ß æ ø ł đ þ œ …) and small capitals to their Latin spelling
//   5. kept as they are    → ™ ℠ © ® (folding "Acme™" into "acmetm" would break brand names)
//   6. Cyrillic            → lower case only (й stays й: Cyrillic diacritics are letters of their own)
//   7. otherwise           → NFKD, drop combining marks, fold each resulting character again by rules 4 and
//                            lower case; kept only when the result is 1–3 non-space characters.
// Only the blocks listed in RANGES are folded by rule 7; everything else passes through unchanged.
// Table entry: 0 = unchanged, REMOVE/SPACE/ATTACH markers, EXPANSION_BASE + k = EXPANSIONS[k], else the
// replacement code unit.
import { readFileSync, writeFileSync } from 'node:fs';

const REMOVE = 0xe000;
const SPACE = 0xe001;
const ATTACH = 0xe002;
const EXPANSION_BASE = 0xe100;

const RANGES = [
  [0x0080, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
  [0x0250, 0x02ff], // IPA (small capitals) and spacing modifier letters
  [0x0370, 0x03ff], // Greek
  [0x1d00, 0x1dbf], // phonetic extensions (small capitals, modifier letters)
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese and others)
  [0x2000, 0x206f], // general punctuation
  [0x2070, 0x209f], // superscripts and subscripts
  [0x2100, 0x218f], // letterlike symbols, number forms
  [0x2460, 0x24ff], // enclosed alphanumerics
  [0xfb00, 0xfb06], // Latin ligatures
  [0xfe30, 0xfe6f], // CJK compatibility and small form variants
  [0xff00, 0xffef], // half-width and full-width forms
  [0x1d400, 0x1d7ff], // mathematical alphanumeric symbols
  [0x1f100, 0x1f1ff], // enclosed alphanumeric supplement
];
const CYRILLIC = [0x0400, 0x052f];

const WHITESPACE = [0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x2800, 0x3000];
for (let c = 0x2000; c <= 0x200a; c++) WHITESPACE.push(c);

const INVISIBLE = [0xad, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x180f, 0x3164, 0xfeff, 0xffa0];
const addRange = (list, from, to) => {
  for (let c = from; c <= to; c++) list.push(c);
};
addRange(INVISIBLE, 0x80, 0x9f); // C1 controls (0x85 is whitespace, listed first)
addRange(INVISIBLE, 0x200b, 0x200f); // zero-width space/non-joiner/joiner, LRM, RLM
addRange(INVISIBLE, 0x202a, 0x202e); // bidi embeddings and overrides
addRange(INVISIBLE, 0x2060, 0x206f); // word joiner, invisible operators, bidi isolates
addRange(INVISIBLE, 0xfff9, 0xfffb); // interlinear annotation
addRange(INVISIBLE, 0xe0000, 0xe007f); // tag characters (used to smuggle hidden ASCII)
addRange(INVISIBLE, 0x1bca0, 0x1bca3); // shorthand format controls
addRange(INVISIBLE, 0x1d173, 0x1d17a); // musical symbol formatting (begin/end beam, slur, phrase)

const MARK_BLOCKS = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0x180b, 0x180d],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xe0100, 0xe01ef],
];

const OVERRIDES = new Map();
const set = (cps, value) => {
  for (const c of cps) OVERRIDES.set(c, value);
};
const span = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
set([...span(0x2010, 0x2015), 0x2043, 0x2212, 0xfe58, 0xfe63, 0xff0d], '-');
set(
  [...span(0x2018, 0x201b), 0x2032, 0x2035, 0x2039, 0x203a, 0x02b9, 0x02bb, 0x02bc, 0x02bd, 0xb4, 0xff07],
  "'",
);
set([...span(0x201c, 0x201f), 0x2033, 0x2036, 0xab, 0xbb, 0x301d, 0x301e, 0x301f, 0xff02], '"');
set([0x2044, 0x2215], '/');
set([0xc6, 0xe6, 0x1d01], 'ae');
set([0xd8, 0xf8], 'o');
set([0xdf, 0x1e9e], 'ss');
set([0xd0, 0xf0, 0x110, 0x111], 'd');
set([0xde, 0xfe], 'th');
set([0x126, 0x127], 'h');
set([0x131], 'i');
set([0x138], 'k');
set([0x141, 0x142], 'l');
set([0x14a, 0x14b], 'n');
set([0x152, 0x153], 'oe');
set([0x166, 0x167], 't');
set([0x180], 'b');
set([0x192], 'f');
set([0x3c2], '\u03c3'); // final sigma folds to sigma, as Unicode case folding does
// Small capitals: a popular way to dodge word filters.
const SMALL_CAPS = {
  a: 0x1d00,
  b: 0x0299,
  c: 0x1d04,
  d: 0x1d05,
  e: 0x1d07,
  f: 0xa730,
  g: 0x0262,
  h: 0x029c,
  i: 0x026a,
  j: 0x1d0a,
  k: 0x1d0b,
  l: 0x029f,
  m: 0x1d0d,
  n: 0x0274,
  o: 0x1d0f,
  p: 0x1d18,
  r: 0x0280,
  s: 0xa731,
  t: 0x1d1b,
  u: 0x1d1c,
  v: 0x1d20,
  w: 0x1d21,
  y: 0x028f,
  z: 0x1d22,
};
for (const [letter, c] of Object.entries(SMALL_CAPS)) OVERRIDES.set(c, letter);
// Negative circled and negative squared capitals have no decomposition.
for (let i = 0; i < 26; i++) {
  OVERRIDES.set(0x1f150 + i, String.fromCharCode(97 + i));
  OVERRIDES.set(0x1f170 + i, String.fromCharCode(97 + i));
}
const KEEP = new Set([0x2122, 0x2120, 0xa9, 0xae]);

const isMark = (ch) => /[\p{Mn}\p{Me}]/u.test(ch);
const isSpace = (ch) => /\s/u.test(ch);

function foldChar(ch) {
  const c = ch.codePointAt(0);
  if (OVERRIDES.has(c)) return OVERRIDES.get(c);
  if (isMark(ch)) return '';
  const lower = ch.toLowerCase();
  return [...lower].length === 1 ? lower : ch;
}

const inRanges = (c, ranges) => ranges.some(([a, b]) => c >= a && c <= b);

function ruleFor(c) {
  const ch = String.fromCodePoint(c);
  if (WHITESPACE.includes(c)) return SPACE;
  if (INVISIBLE.includes(c)) return REMOVE;
  if (MARK_BLOCKS.some(([a, b]) => c >= a && c <= b) && isMark(ch)) return ATTACH;
  if (KEEP.has(c)) return 0;
  if (OVERRIDES.has(c)) return OVERRIDES.get(c);
  if (inRanges(c, [CYRILLIC])) {
    const lower = ch.toLowerCase();
    return lower !== ch && lower.length === 1 ? lower : 0;
  }
  if (!inRanges(c, RANGES)) return 0;
  let folded = '';
  for (const part of ch.normalize('NFKD')) folded += foldChar(part);
  if (folded.length === 0 || folded.length > 3 || [...folded].some(isSpace)) {
    const lower = ch.toLowerCase();
    return lower !== ch && lower.length === 1 ? lower : 0;
  }
  return folded === ch ? 0 : folded;
}

const expansions = [];
const entries = new Map();
const candidates = new Set();
for (const [a, b] of [...RANGES, CYRILLIC, ...MARK_BLOCKS]) for (let c = a; c <= b; c++) candidates.add(c);
for (const c of [...WHITESPACE, ...INVISIBLE, ...OVERRIDES.keys()]) candidates.add(c);
for (const c of candidates) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const rule = ruleFor(c);
  if (rule === 0) continue;
  let value;
  if (typeof rule === 'number') value = rule;
  else if (rule.length === 1) value = rule.charCodeAt(0);
  else {
    let k = expansions.indexOf(rule);
    if (k < 0) {
      k = expansions.length;
      expansions.push(rule);
    }
    value = EXPANSION_BASE + k;
  }
  for (const unit of typeof rule === 'string' ? rule : '') {
    const u = unit.charCodeAt(0);
    if (u >= 0xd800 && u <= 0xdfff) throw new Error(`fold of ${c.toString(16)} leaves the BMP`);
    if (u >= 0xe000 && u <= 0xe1ff) throw new Error(`fold of ${c.toString(16)} collides with markers`);
  }
  if (rule.length > 3) throw new Error(`fold of ${c.toString(16)} longer than 3`);
  entries.set(c, value);
}

const blocks = [...new Set([...entries.keys()].map((c) => c >> 8))].sort((a, b) => a - b);
const maxBlock = blocks[blocks.length - 1];
const blockIndex = new Array(maxBlock + 1).fill(-1);
blocks.forEach((b, i) => {
  blockIndex[b] = i;
});
const table = new Array(blocks.length * 256).fill(0);
for (const [c, value] of entries) table[blockIndex[c >> 8] * 256 + (c & 0xff)] = value;
const expansionData = expansions.flatMap((e) => [e.length, ...[0, 1, 2].map((i) => e.charCodeAt(i) || 0)]);

const chunk = (values, per) => {
  const lines = [];
  for (let i = 0; i < values.length; i += per) lines.push(`  ${values.slice(i, i + per).join(', ')},`);
  return lines.join('\n');
};

const out = `// Generated by assembly/tables/generate-fold-tables.mjs — do not edit by hand; change the generator.
// Folding data of the normaliser: for each code point, what it becomes. See the generator for the rule.

/** Entry: the code point is removed (invisible or format character). */
export const FOLD_REMOVE: u16 = ${REMOVE};
/** Entry: the code point is whitespace. */
export const FOLD_SPACE: u16 = ${SPACE};
/** Entry: a combining mark, removed; the previous character's original span grows over it. */
export const FOLD_ATTACH: u16 = ${ATTACH};
/** Entries from here on index FOLD_EXPANSIONS (4 units each: length, then up to 3 code units). */
export const FOLD_EXPANSION_BASE: u16 = ${EXPANSION_BASE};
/** Code points at or above (FOLD_BLOCK_COUNT << 8) are never folded. */
export const FOLD_BLOCK_COUNT: u32 = ${maxBlock + 1};

/** For each 256-code-point block: its row in FOLD_ENTRIES, or -1 when nothing in it folds. */
export const FOLD_BLOCK_INDEX: usize = memory.data<i16>([
${chunk(blockIndex, 24)}
]);

export const FOLD_ENTRIES: usize = memory.data<u16>([
${chunk(table, 16)}
]);

export const FOLD_EXPANSIONS: usize = memory.data<u16>([
${chunk(expansionData, 16)}
]);
`;
const target = new URL('../fold-tables.ts', import.meta.url);
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== out) {
    console.error(
      'assembly/fold-tables.ts is out of date: run node assembly/tables/generate-fold-tables.mjs',
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, out);
  console.log(
    `${entries.size} folded code points in ${blocks.length} blocks, ${expansions.length} expansions`,
  );
}
