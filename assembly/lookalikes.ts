/*
 * Letters of other scripts drawn like a Latin letter, for the MATCHING view only (match-view.ts). The
 * normalised view that features read keeps its conservative rule (homoglyphs.ts: mixed-script words only),
 * so the feature recipe does not move; the matching view folds every lookalike wherever it stands, because
 * a Cyrillic or Greek word whose lookalike spelling is an English lexicon phrase is far less likely than a
 * filter dodge. Keyed by the ORIGINAL code unit as well as by its lower-cased form: upper-case Greek Η looks
 * like H, lower-case η like n, and lower-casing alone would lose that.
 *
 * Capital-I lookalikes (Greek Ι, Cyrillic І and Ӏ, Lisu ꓲ) read as i, as a Latin I does once lower-cased;
 * the small palochka ӏ reads as l. AMBIGUOUS_IL stands for "i or l" and comes from leetspeak only (1 and |);
 * the matcher follows both readings (aho-corasick.ts), so "c1ick" and "on1y" both match.
 */

/** A matching-view unit meaning "i or l". C0 controls never survive normalisation, so it is free. */
export const AMBIGUOUS_IL: u32 = 1;

const lookalike = new StaticArray<u8>(65536);

function define(letter: u32, units: string): void {
  for (let k = 0; k < units.length; k++) unchecked((lookalike[units.charCodeAt(k)] = <u8>letter));
}

// Cyrillic (upper and lower case).
define(0x61, '\u0410\u0430\u04D0\u04D1'); // А а Ӑ ӑ
define(0x62, '\u0412\u0432\u042C\u044C\u0411'); // В в Ь ь Б
define(0x63, '\u0421\u0441\u04AA\u04AB'); // С с Ҫ ҫ
define(0x64, '\u0500\u0501'); // Ԁ ԁ
define(0x65, '\u0415\u0435\u0400\u0450\u0401\u0451\u04BC\u04BD\u04BE\u04BF'); // Е е Ѐ ѐ Ё ё Ҽ ҽ Ҿ ҿ
define(0x67, '\u050C\u050D'); // Ԍ ԍ
define(0x68, '\u041D\u043D\u04BA\u04BB\u04A2\u04A3'); // Н н Һ һ Ң ң
define(0x69, '\u0456\u0457\u0406\u0407\u04C0'); // і ї І Ї Ӏ (capitals read as I, as Latin I folds to i)
define(0x6c, '\u04CF'); // ӏ
define(0x6a, '\u0408\u0458'); // Ј ј
define(0x6b, '\u041A\u043A\u049A\u049B\u049C\u049D'); // К к Қ қ Ҝ ҝ
define(0x6d, '\u041C\u043C'); // М м
define(0x6e, '\u043F\u041F'); // п П
define(0x6f, '\u041E\u043E\u04E6\u04E7'); // О о Ӧ ӧ
define(0x70, '\u0420\u0440\u048E\u048F'); // Р р Ҏ ҏ
define(0x71, '\u051A\u051B'); // Ԛ ԛ
define(0x72, '\u0433\u0413'); // г Г
define(0x73, '\u0405\u0455'); // Ѕ ѕ
define(0x74, '\u0422\u0442\u04AC\u04AD'); // Т т Ҭ ҭ
define(0x75, '\u0446\u0426'); // ц Ц
define(0x77, '\u051C\u051D\u0448\u0428'); // Ԝ ԝ ш Ш
define(0x78, '\u0425\u0445\u04B2\u04B3'); // Х х Ҳ ҳ
define(0x79, '\u0423\u0443\u04AE\u04AF\u04B0\u04B1\u040E\u045E'); // У у Ү ү Ұ ұ Ў ў

// Greek: upper case by its upper-case shape, lower case by its own.
define(0x61, '\u0391\u03B1\u0386\u03AC'); // Α α Ά ά
define(0x62, '\u0392\u03B2\u03D0'); // Β β ϐ
define(0x63, '\u03F9\u03F2\u03C2'); // Ϲ ϲ ς
define(0x65, '\u0395\u03B5\u0388\u03AD\u03F5'); // Ε ε Έ έ ϵ
define(0x68, '\u0397'); // Η
define(0x69, '\u03B9\u03AF\u03CA\u0390\u0399\u038A\u03AA'); // ι ί ϊ ΐ Ι Ί Ϊ
define(0x6a, '\u037F\u03F3'); // Ϳ ϳ
define(0x6b, '\u039A\u03BA\u03F0'); // Κ κ ϰ
define(0x6d, '\u039C'); // Μ
define(0x6e, '\u039D\u03B7\u03AE'); // Ν η ή
define(0x6f, '\u039F\u03BF\u038C\u03CC\u03C3'); // Ο ο Ό ό σ
define(0x70, '\u03A1\u03C1\u03F1'); // Ρ ρ ϱ
define(0x74, '\u03A4\u03C4'); // Τ τ
define(0x75, '\u03C5\u03CD\u03CB\u03B0\u03BC'); // υ ύ ϋ ΰ μ
define(0x76, '\u03BD'); // ν
define(0x77, '\u03C9\u03CE'); // ω ώ
define(0x78, '\u03A7\u03C7'); // Χ χ
define(0x79, '\u03A5\u038E\u03AB\u03B3'); // Υ Ύ Ϋ γ
define(0x7a, '\u0396\u03B6'); // Ζ ζ

// Armenian.
define(0x67, '\u0581'); // ց
define(0x68, '\u0570'); // հ
define(0x6e, '\u0578'); // ո
define(0x6f, '\u0585\u0555'); // օ Օ
define(0x71, '\u0566'); // զ
define(0x75, '\u057D\u054D'); // ս Ս

// Latin letters outside a–z that stand in for one (IPA and others without a decomposition).
define(0x61, '\u0251\u0250'); // ɑ ɐ
define(0x67, '\u0261'); // ɡ
define(0x69, '\u0269\u026A'); // ɩ ɪ
define(0x6a, '\u0237'); // ȷ
define(0x6f, '\u0275'); // ɵ
define(0x75, '\u028B'); // ʋ

// Cherokee capitals (the block the fold table does not lower-case).
define(0x61, '\u13AA'); // Ꭺ
define(0x62, '\u13F4\u13FC'); // Ᏼ
define(0x63, '\u13DF'); // Ꮯ
define(0x64, '\u13A0'); // Ꭰ
define(0x65, '\u13AC'); // Ꭼ
define(0x67, '\u13C0'); // Ꮐ
define(0x68, '\u13BB'); // Ꮋ
define(0x69, '\u13A5'); // Ꭵ
define(0x6a, '\u13AB'); // Ꭻ
define(0x6b, '\u13E6'); // Ꮶ
define(0x6c, '\u13DE'); // Ꮮ
define(0x6d, '\u13B7'); // Ꮇ
define(0x6f, '\u13EB'); // Ꮻ
define(0x70, '\u13E2'); // Ꮲ
define(0x72, '\u13D2'); // Ꮢ
define(0x73, '\u13DA'); // Ꮪ
define(0x74, '\u13A2'); // Ꭲ
define(0x76, '\u13D9'); // Ꮩ
define(0x77, '\u13B3'); // Ꮃ
define(0x7a, '\u13C3'); // Ꮓ

// Lisu (Fraser alphabet): Latin capitals in all but name.
define(0x61, '\uA4EE'); // ꓮ
define(0x62, '\uA4D0'); // ꓐ
define(0x63, '\uA4DA'); // ꓚ
define(0x64, '\uA4D3'); // ꓓ
define(0x65, '\uA4F0'); // ꓰ
define(0x66, '\uA4DD'); // ꓝ
define(0x67, '\uA4D6'); // ꓖ
define(0x68, '\uA4E7'); // ꓧ
define(0x69, '\uA4F2'); // ꓲ
define(0x6a, '\uA4D9'); // ꓙ
define(0x6b, '\uA4D7'); // ꓗ
define(0x6c, '\uA4E1'); // ꓡ
define(0x6d, '\uA4DF'); // ꓟ
define(0x6e, '\uA4E0'); // ꓠ
define(0x6f, '\uA4F3'); // ꓳ
define(0x70, '\uA4D1'); // ꓑ
define(0x72, '\uA4E3'); // ꓣ
define(0x73, '\uA4E2'); // ꓢ
define(0x74, '\uA4D4'); // ꓔ
define(0x75, '\uA4F4'); // ꓴ
define(0x76, '\uA4E6'); // ꓦ
define(0x77, '\uA4EA'); // ꓪ
define(0x78, '\uA4EB'); // ꓫ
define(0x79, '\uA4EC'); // ꓬ
define(0x7a, '\uA4DC'); // ꓜ

/** The Latin letter (or AMBIGUOUS_IL) a BMP code unit is drawn like, or 0. */
export function latinLetterLike(unit: u32): u32 {
  return <u32>unchecked(lookalike[unit & 0xffff]);
}

const leet = new StaticArray<u8>(128);
leet[0x30] = 0x6f; // 0 → o
leet[0x31] = <u8>AMBIGUOUS_IL; // 1 → i or l
leet[0x33] = 0x65; // 3 → e
leet[0x34] = 0x61; // 4 → a
leet[0x35] = 0x73; // 5 → s
leet[0x37] = 0x74; // 7 → t
leet[0x38] = 0x62; // 8 → b
leet[0x39] = 0x67; // 9 → g
leet[0x40] = 0x61; // @ → a
leet[0x24] = 0x73; // $ → s
leet[0x21] = 0x69; // ! → i
leet[0x7c] = <u8>AMBIGUOUS_IL; // | → i or l

/** The letter a digit or symbol stands for in leetspeak, or 0 (2 and 6 have no single reading). */
export function leetLetter(unit: u32): u32 {
  if (unit < 0x80) return <u32>unchecked(leet[unit]);
  return unit == 0x20ac ? 0x65 : 0; // € → e
}
