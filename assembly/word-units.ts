/**
 * Whether a NORMALISED code unit belongs to a word, for phrase boundaries. After normalisation ASCII letters
 * are lower case, so a word unit is [a-z0-9] or a non-ASCII letter. Non-ASCII punctuation and symbols that
 * survive folding (×, ÷, arrows, CJK punctuation…) and surrogates (emoji and other astral symbols) separate
 * words, so "act now🔥" still matches "act now".
 */
export function isWordUnit(c: u32): bool {
  if (c < 0x80) return c - 0x61 < 26 || c - 0x30 < 10;
  return isNonAsciiWordUnit(c);
}

function isNonAsciiWordUnit(c: u32): bool {
  if (c < 0xc0 || c == 0xd7 || c == 0xf7) return false;
  if (c >= 0x2000 && c < 0x2c00) return false;
  if (c >= 0x2e00 && c < 0x2e80) return false;
  if (c >= 0x3000 && c < 0x3040) return false;
  if (c >= 0xd800 && c < 0xe000) return false;
  if (c >= 0xfe10 && c < 0xfe70) return false;
  if (c >= 0xff00 && c < 0xff66) return false;
  return c < 0xfff0;
}

/** A unit of a feature token: tokens are runs of [a-z0-9'] in the normalised text. */
export function isTokenUnit(c: u32): bool {
  return c - 0x61 < 26 || c - 0x30 < 10 || c == 0x27;
}
