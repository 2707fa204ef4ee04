/**
 * Unicode classes of single UTF-16 code units, as the semantic layer's scanners ask for them. Outside ASCII
 * a class comes from a Unicode property regex, which costs far more than the scan itself; the answer depends
 * only on the code unit, so each one is asked once and remembered (0 not asked yet, 1 yes, 2 no).
 */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LOWER_CASE = /\p{Ll}/u;

const letterOrDigit = new Uint8Array(0x10000);
const lowerCase = new Uint8Array(0x10000);

function remember(table: Uint8Array, code: number, pattern: RegExp): boolean {
  const yes = pattern.test(String.fromCharCode(code));
  table[code] = yes ? 1 : 2;
  return yes;
}

// ASCII is asked at once: one table read is cheaper than three range tests on the commonest units.
for (let code = 0; code < 0x80; code++) remember(letterOrDigit, code, LETTER_OR_DIGIT);

/** A letter or digit (\p{L} or \p{N}); a lone surrogate is neither. */
export function isLetterOrDigitUnit(code: number): boolean {
  const known = letterOrDigit[code];
  return known === 1 || (known === 0 && remember(letterOrDigit, code, LETTER_OR_DIGIT));
}

/** A lower-case letter (\p{Ll}). */
export function isLowerCaseUnit(code: number): boolean {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  const known = lowerCase[code];
  return known === 0 ? remember(lowerCase, code, LOWER_CASE) : known === 1;
}
