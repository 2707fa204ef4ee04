/**
 * A fixed set of lower-case ASCII words, looked up by a stretch of a text with case ignored and without
 * slicing or lower-casing it: a direct-mapped table from a hash of the case-folded units to the word, then
 * compared unit by unit. The same as Set.has(text.slice(start, end).toLowerCase()) for words of ASCII letters:
 * no other unit lower-cases to an ASCII letter but the Kelvin sign (k), so a stretch with any other unit is
 * none of them unless a word holds a k, which the constructor refuses.
 */
export class AsciiWordTable {
  readonly #words: readonly string[];
  readonly #slots: Int16Array;
  readonly #mask: number;
  #longest = 0;

  constructor(words: Iterable<string>) {
    this.#words = [...words];
    let size = 64;
    while (size < this.#words.length * 8) size <<= 1;
    this.#slots = new Int16Array(size);
    this.#mask = size - 1;
    this.#words.forEach((word, index) => {
      if (!/^[a-jl-z]+$/.test(word)) throw new Error(`"${word}" is not lower-case ASCII letters without k`);
      this.#longest = Math.max(this.#longest, word.length);
      let slot = this.#hash(word, 0, word.length);
      while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#slots[slot] = index + 1;
    });
  }

  /** The word text[start, end) is, case aside, or undefined. */
  find(text: string, start: number, end: number): string | undefined {
    if (end - start > this.#longest) return undefined;
    let slot = this.#hash(text, start, end);
    if (slot < 0) return undefined;
    for (let entry = this.#slots[slot] as number; entry !== 0; entry = this.#slots[slot] as number) {
      const word = this.#words[entry - 1] as string;
      if (word.length === end - start && sameFolded(text, start, word)) return word;
      slot = (slot + 1) & this.#mask;
    }
    return undefined;
  }

  /** Slot for the case-folded ASCII letters text[start, end), or −1 when it holds any other unit. */
  #hash(text: string, start: number, end: number): number {
    let hash = 0;
    for (let i = start; i < end; i++) {
      const unit = text.charCodeAt(i) | 0x20;
      if (unit < 0x61 || unit > 0x7a) return -1;
      hash = (Math.imul(hash, 31) + unit) | 0;
    }
    return (hash ^ (hash >>> 8)) & this.#mask;
  }
}

/** Whether text[start, start + word.length) is `word` with case ignored (the text there is ASCII letters). */
function sameFolded(text: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k++)
    if ((text.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}
