import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_LENGTH, type WasmCore } from './core.ts';
import { loadCoreFromDisk, REPO_ROOT } from './node.ts';
import { expectMonotoneOffsetMap } from './testing/offset-map.ts';

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

describe('normalize', () => {
  it.each([
    ['Hello World', 'hello world'],
    ['  leading and trailing  ', 'leading and trailing'],
    ['tabs\t\tand\nnew lines\r\n', 'tabs and new lines'],
    ['ＦＵＬＬ－ｗｉｄｔｈ！', 'full-width!'],
    ['ﬁne ﬂow oﬀer ﬃx', 'fine flow offer ffix'],
    ['Crème brûlée à la française', 'creme brulee a la francaise'],
    ['Łódź Straße Æsir Œuvre Ĳssel', 'lodz strasse aesir oeuvre ijssel'],
    ['ǄEMAL Ștefan ẞ Ðð Þorn', 'dzemal stefan ss dd thorn'],
    ['Việt Nam ế ộ', 'viet nam e o'],
    ['don’t “quote” ‘single’ ʼtwas', "don't \"quote\" 'single' 'twas"],
    ['em—dash en–dash minus−sign ‐hyphen', 'em-dash en-dash minus-sign -hyphen'],
    ['zero\u200Bwidth\u200Cjoin\u200Dx\u2060y\uFEFFz', 'zerowidthjoinxyz'],
    ['soft\u00ADhyphen mongolian\u180Evowel', 'softhyphen mongolianvowel'],
    ['bidi\u202Econtrol\u2066isolate\u2069', 'bidicontrolisolate'],
    ['e\u0301te\u0301 n\u0303', 'ete n'],
    ['non\u00A0breaking\u3000ideographic\u2003em', 'non breaking ideographic em'],
    ['𝐁𝐨𝐥𝐝 𝑖𝑡𝑎𝑙𝑖𝑐 𝟗𝟗', 'bold italic 99'],
    ['Ⓒⓘⓡⓒⓛⓔⓓ 🅽🅴🅶', 'circled neg'],
    ['ᴀᴄᴛ ɴᴏᴡ', 'act now'],
    ['wait… ½ price x²', 'wait... 1/2 price x2'],
    ['рaypal аpple', 'paypal apple'],
    ['Москва ΑΘΗΝΑ', 'москва αθηνα'],
    ['tag\u{E0041}\u{E0042}smuggle', 'tagsmuggle'],
    ['beam\u{1D173}ed\u{1BCA0}short', 'beamedshort'],
    ['lone \uD800 high \uDC00 low', 'lone \uFFFD high \uFFFD low'],
    ['nul\u0000byte\u0007bell\u007F', 'nulbytebell'],
    ['Acme™ ©2026', 'acme™ ©2026'],
    ['emoji 😀 kept 👍🏽', 'emoji 😀 kept 👍🏽'],
    ['variation\uFE0F selector ❤\uFE0F', 'variation selector ❤'],
    ['\u200B \u200B', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(core.normalize(input)).toBe(expected);
  });

  it.each([
    // input, normalised, starts, ends: each normalised unit's source range in the original
    ['A  B', 'a b', [0, 1, 3], [1, 2, 4]],
    ['ﬁx', 'fix', [0, 0, 1], [1, 1, 2]],
    ['e\u0301x', 'ex', [0, 2], [2, 3]],
    ['\u200Bab\u200B', 'ab', [1, 2], [2, 3]],
    ['𝐚b', 'ab', [0, 2], [2, 3]],
    ['  x  ', 'x', [2], [3]],
    ['a…', 'a...', [0, 1, 1, 1], [1, 2, 2, 2]],
    ['😀!', '😀!', [0, 0, 2], [2, 2, 3]],
  ])('maps %j back to the original', (input, normalized, starts, ends) => {
    const result = core.normalizeWithOffsets(input);
    expect(result.text).toBe(normalized);
    expect([...result.starts]).toEqual(starts);
    expect([...result.ends]).toEqual(ends);
    expect(result.truncated).toBe(false);
  });

  it('bounds input at MAX_INPUT_LENGTH code units and says so', () => {
    const exact = 'a'.repeat(MAX_INPUT_LENGTH);
    expect(core.normalizeWithOffsets(exact).truncated).toBe(false);
    const over = core.normalizeWithOffsets(`${exact}bcd`);
    expect(over.truncated).toBe(true);
    expect(over.text).toHaveLength(MAX_INPUT_LENGTH);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(MAX_INPUT_LENGTH - 1)}😀tail`;
    const result = core.normalizeWithOffsets(text);
    expect(result.truncated).toBe(true);
    expect(result.text).toBe('a'.repeat(MAX_INPUT_LENGTH - 1));
  });

  it('folds with the table its generator produces', () => {
    const generator = join(REPO_ROOT, 'assembly/tables/generate-fold-tables.mjs');
    expect(() => execFileSync(process.execPath, [generator, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('keeps the offset map monotone and inside the original for any UTF-16 input', () => {
    const utf16 = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 })
      .map((units) => String.fromCharCode(...units));
    const mixed = fc.oneof(utf16, fc.string({ unit: 'binary', maxLength: 60 }));
    fc.assert(
      fc.property(mixed, (text) => {
        const { text: normalized, starts, ends } = core.normalizeWithOffsets(text);
        expectMonotoneOffsetMap(text, normalized.length, starts, ends);
        expect(core.normalize(normalized)).toBe(normalized);
      }),
      { numRuns: 400, seed: 20261121 },
    );
  }, 30_000);
});
