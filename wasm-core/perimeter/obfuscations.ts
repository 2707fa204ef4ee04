import fc from 'fast-check';

/*
 * Generators of the ways a phrase gets written to slip past a filter, for the perimeter's property tests.
 * Each evasion class is a transformation of a string drawn by fast-check; combinations chain several, in the
 * order an evader would apply them: repeated letters, leetspeak, case, separators (spacing or punctuation),
 * glyphs (homoglyphs, full width or mathematical letters), and invisible characters last.
 *
 * The tables here are written independently of assembly/lookalikes.ts (from Unicode's confusables and common
 * leetspeak), so the tests check the core against the world rather than against itself. What the
 * generators leave out on purpose, because no reader could tell it from ordinary text either:
 *   - a word made only of leet digits ("it" as "17" reads as a number), so each word keeps a letter;
 *   - ! and | at a word's edge ("h!" is an exclamation), @ and $ at a word's end;
 *   - an apostrophe inserted into a word (it makes another word: "ac't");
 *   - punctuation inside a number ("2.4" is another number).
 */

export const EVASION_CLASSES = [
  'zero-width',
  'homoglyph',
  'full-width',
  'mathematical',
  'letter-spacing',
  'punctuation',
  'leetspeak',
  'repeated-letters',
  'random-case',
] as const;

export type EvasionClass = (typeof EVASION_CLASSES)[number];

type Transform = (text: string) => fc.Arbitrary<string>;

const INVISIBLE = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u2062',
  '\u180E',
  '\u{E0020}',
  '\u{1D173}',
  '\u{1BCA0}',
];

/** Look-alikes from Unicode's confusables (Cyrillic, Greek, Armenian, Latin IPA), by the letter they imitate. */
const HOMOGLYPHS: Record<string, readonly string[]> = {
  a: ['а', 'α', 'ɑ'],
  b: ['Ь'],
  c: ['с', 'ϲ'],
  d: ['ԁ'],
  e: ['е', 'ε', 'ҽ'],
  g: ['ɡ', 'ց'],
  h: ['һ', 'հ'],
  i: ['і', 'ι'],
  j: ['ј', 'ϳ'],
  k: ['κ', 'к'],
  l: ['ӏ'],
  m: ['м'],
  n: ['ո', 'η', 'п'],
  o: ['о', 'ο', 'օ'],
  p: ['р', 'ρ'],
  q: ['ԛ', 'զ'],
  r: ['г'],
  s: ['ѕ'],
  t: ['т', 'τ'],
  u: ['υ', 'ս'],
  v: ['ν'],
  w: ['ԝ', 'ω'],
  x: ['х', 'χ'],
  y: ['у', 'γ'],
  A: ['А', 'Α'],
  B: ['В', 'Β'],
  C: ['С', 'Ϲ'],
  E: ['Е', 'Ε'],
  H: ['Н', 'Η'],
  I: ['І', 'Ι'],
  J: ['Ј'],
  K: ['К', 'Κ'],
  M: ['М', 'Μ'],
  N: ['Ν'],
  O: ['О', 'Ο'],
  P: ['Р', 'Ρ'],
  S: ['Ѕ'],
  T: ['Т', 'Τ'],
  X: ['Х', 'Χ'],
  Y: ['У', 'Υ'],
  Z: ['Ζ'],
};

const LEET: Record<string, readonly string[]> = {
  a: ['4', '@'],
  b: ['8'],
  e: ['3'],
  g: ['9'],
  i: ['1', '!'],
  l: ['1', '|'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
};

/** Mathematical alphanumeric styles without holes: code points of A, a and 0. */
const MATH_STYLES: readonly { upper: number; lower: number; digit: number | null }[] = [
  { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce }, // bold
  { upper: 0x1d468, lower: 0x1d482, digit: null }, // bold italic
  { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2 }, // sans-serif
  { upper: 0x1d5d4, lower: 0x1d5ee, digit: 0x1d7ec }, // sans-serif bold
  { upper: 0x1d670, lower: 0x1d68a, digit: 0x1d7f6 }, // monospace
];

const LETTER_SEPARATORS = [' ', '  ', '-', '.', '_', '·', ' . ', '*', ' - ', '__', '\u00A0'];
const WORD_SEPARATORS = ['   ', ' / ', '  ', ' | ', '    '];
const INNER_PUNCTUATION = ['.', '-', '_', '*', '·', '~', '+', '/', ':', '#', '^', '=', ','];

const isAsciiLetter = (ch: string) => /^[a-zA-Z]$/.test(ch);
const isAlnum = (ch: string | undefined) => ch !== undefined && /^[a-zA-Z0-9]$/.test(ch);

/** Draws one value per item (booleans, picks…) and maps them together. */
function perItem<T>(count: number, item: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.array(item, { minLength: count, maxLength: count });
}

const zeroWidth: Transform = (text) => {
  const chars = Array.from(text);
  if (chars.length < 2) return fc.constant(text);
  return fc
    .array(fc.tuple(fc.integer({ min: 1, max: chars.length - 1 }), fc.constantFrom(...INVISIBLE)), {
      minLength: 1,
      maxLength: 6,
    })
    .map((insertions) => {
      const out = [...chars];
      for (const [at, ch] of [...insertions].sort((a, b) => b[0] - a[0])) out.splice(at, 0, ch);
      return out.join('');
    });
};

/** Replaces each character with one of its alternatives (or keeps it), at a drawn rate. */
function substitute(alternatives: (ch: string) => readonly string[]): Transform {
  return (text) => {
    const chars = Array.from(text);
    return fc
      .tuple(
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        perItem(chars.length, fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat())),
      )
      .map(([rate, draws]) =>
        chars
          .map((ch, i) => {
            const options = alternatives(ch);
            const [roll, pick] = draws[i] as [number, number];
            return options.length > 0 && roll < rate ? (options[pick % options.length] as string) : ch;
          })
          .join(''),
      );
  };
}

const homoglyph = substitute((ch) => HOMOGLYPHS[ch] ?? []);

const fullWidth: Transform = (text) =>
  fc.constant(
    Array.from(text)
      .map((ch) => {
        const c = ch.codePointAt(0) as number;
        if (c === 0x20) return '\u3000';
        return c > 0x20 && c < 0x7f ? String.fromCodePoint(c + 0xfee0) : ch;
      })
      .join(''),
  );

const mathematical: Transform = (text) =>
  fc.constantFrom(...MATH_STYLES).chain((style) =>
    substitute((ch) => {
      if (/^[a-z]$/.test(ch)) return [String.fromCodePoint(style.lower + ch.charCodeAt(0) - 0x61)];
      if (/^[A-Z]$/.test(ch)) return [String.fromCodePoint(style.upper + ch.charCodeAt(0) - 0x41)];
      if (/^[0-9]$/.test(ch) && style.digit !== null) {
        return [String.fromCodePoint(style.digit + ch.charCodeAt(0) - 0x30)];
      }
      return [];
    })(text),
  );

const letterSpacing: Transform = (text) =>
  fc
    .tuple(fc.constantFrom(...LETTER_SEPARATORS), fc.constantFrom(...WORD_SEPARATORS))
    .map(([letters, words]) =>
      text
        .split(' ')
        .map((word) => Array.from(word).join(letters))
        .join(words),
    );

const punctuation: Transform = (text) => {
  const words = text.split(' ');
  return perItem(
    words.length,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(...INNER_PUNCTUATION),
        fc.option(fc.constantFrom(...INNER_PUNCTUATION), { nil: '' }),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  ).map((plans) =>
    words
      .map((word, w) => {
        const chars = Array.from(word);
        if (chars.length < 2 || /^[0-9]+$/.test(word)) return word;
        const inserts = (plans[w] ?? []).map(([at, a, b]) => [1 + (at % (chars.length - 1)), a + b] as const);
        for (const [at, marks] of [...inserts].sort((x, y) => y[0] - x[0])) chars.splice(at, 0, marks);
        return chars.join('');
      })
      .join(' '),
  );
};

const leetspeak: Transform = (text) => {
  const words = text.split(' ');
  return perItem(
    words.length,
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()), {
      minLength: 40,
      maxLength: 40,
    }),
  ).map((plans) =>
    words
      .map((word, w) => {
        const chars = Array.from(word);
        const letters = chars.filter(isAsciiLetter).length;
        if (letters < 2) return word;
        const plan = plans[w] ?? [];
        let kept = letters;
        const out = chars.map((ch, i) => {
          const options = LEET[ch.toLowerCase()];
          const [roll, pick] = plan[i % plan.length] as [number, number];
          if (!options || roll < 0.4 || kept <= 1) return ch;
          kept--;
          return options[pick % options.length] as string;
        });
        // Symbols only where a reader takes them for letters: ! and | between letters or digits, @ and $
        // before one; elsewhere the digit reading.
        for (let i = out.length - 1; i >= 0; i--) {
          const ch = out[i] as string;
          if ((ch === '!' || ch === '|') && !(isAlnum(out[i - 1]) && isAlnum(out[i + 1]))) out[i] = '1';
          if ((ch === '@' || ch === '$') && !isAlnum(out[i + 1])) out[i] = ch === '@' ? '4' : '5';
        }
        return out.join('');
      })
      .join(' '),
  );
};

const repeatedLetters: Transform = (text) => {
  const chars = Array.from(text);
  const letterAt = chars.flatMap((ch, i) => (isAsciiLetter(ch) ? [i] : []));
  if (letterAt.length === 0) return fc.constant(text);
  return fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 3 })
    .map((repeats) => {
      const extra = new Map<number, number>();
      for (const [pick, times] of repeats) extra.set(letterAt[pick % letterAt.length] as number, times);
      return chars.map((ch, i) => ch.repeat(1 + (extra.get(i) ?? 0))).join('');
    });
};

const randomCase: Transform = (text) => {
  const chars = Array.from(text);
  return perItem(chars.length, fc.boolean()).map((upper) =>
    chars.map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''),
  );
};

export const OBFUSCATE: Record<EvasionClass, Transform> = {
  'zero-width': zeroWidth,
  homoglyph,
  'full-width': fullWidth,
  mathematical,
  'letter-spacing': letterSpacing,
  punctuation,
  leetspeak,
  'repeated-letters': repeatedLetters,
  'random-case': randomCase,
};

/** The order in which an evader would stack transformations; one of each group at most. */
const GROUPS: readonly (readonly EvasionClass[])[] = [
  ['repeated-letters'],
  ['leetspeak'],
  ['random-case'],
  ['letter-spacing', 'punctuation'],
  ['homoglyph', 'full-width', 'mathematical'],
  ['zero-width'],
];

/** A combination of two or more evasion classes, applied in GROUPS order. */
export function combined(text: string): fc.Arbitrary<{ classes: EvasionClass[]; text: string }> {
  return perItem(GROUPS.length, fc.tuple(fc.boolean(), fc.nat()))
    .filter((draws) => draws.filter(([on]) => on).length >= 2)
    .chain((draws) => {
      const classes = draws.flatMap(([on, pick], g) => {
        const group = GROUPS[g] as readonly EvasionClass[];
        return on ? [group[pick % group.length] as EvasionClass] : [];
      });
      let arbitrary: fc.Arbitrary<string> = fc.constant(text);
      for (const name of classes) arbitrary = arbitrary.chain(OBFUSCATE[name]);
      return arbitrary.map((obfuscated) => ({ classes, text: obfuscated }));
    });
}

/** Assistant-style sentences to embed a phrase in; {p} marks the phrase. */
export const ASSISTANT_CONTEXTS = [
  'Honestly, {p}. That is my recommendation.',
  'I hear you. {p} — and I am here to help.',
  "Here's the thing: {p}, so think it over.",
  'Sure! {p}',
  '{p}',
  'Great question. In short, {p}; let me know if you want more detail.',
  'You asked about the plan.\n\n{p}\n\nHope that helps!',
  '"{p}" is what I would say.',
  '(As I said, {p}.)',
  '**Bottom line:** {p}!',
  '1. {p}\n2. Review the details.',
];
