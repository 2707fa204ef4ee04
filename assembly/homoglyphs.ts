import { isWordUnit } from './word-units';

/**
 * The Latin letter a (lower-cased) Cyrillic, Greek or Armenian letter is drawn like, or 0. Upper-case
 * lookalikes (Н, Η, Ν, В) are listed by their lower-case form because case folding runs first.
 */
function latinLookalike(c: u32): u32 {
  switch (c) {
    case 0x0430:
      return 0x61; // а
    case 0x0432:
      return 0x62; // в (В)
    case 0x0435:
      return 0x65; // е
    case 0x0451:
      return 0x65; // ё
    case 0x0456:
      return 0x69; // і
    case 0x0457:
      return 0x69; // ї
    case 0x0458:
      return 0x6a; // ј
    case 0x043a:
      return 0x6b; // к
    case 0x043c:
      return 0x6d; // м (М)
    case 0x043d:
      return 0x68; // н (Н)
    case 0x043e:
      return 0x6f; // о
    case 0x0440:
      return 0x70; // р
    case 0x0441:
      return 0x63; // с
    case 0x0442:
      return 0x74; // т (Т)
    case 0x0443:
      return 0x79; // у
    case 0x0445:
      return 0x78; // х
    case 0x0455:
      return 0x73; // ѕ
    case 0x04bb:
      return 0x68; // һ
    case 0x04af:
      return 0x79; // ү
    case 0x04cf:
      return 0x6c; // ӏ
    case 0x0501:
      return 0x64; // ԁ
    case 0x051b:
      return 0x71; // ԛ
    case 0x051d:
      return 0x77; // ԝ
    case 0x03b1:
      return 0x61; // α
    case 0x03b2:
      return 0x62; // β
    case 0x03b5:
      return 0x65; // ε
    case 0x03b6:
      return 0x7a; // ζ (Ζ)
    case 0x03b7:
      return 0x68; // η (Η)
    case 0x03b9:
      return 0x69; // ι
    case 0x03ba:
      return 0x6b; // κ
    case 0x03bc:
      return 0x6d; // μ (Μ)
    case 0x03bd:
      return 0x6e; // ν (Ν)
    case 0x03bf:
      return 0x6f; // ο
    case 0x03c1:
      return 0x70; // ρ
    case 0x03c4:
      return 0x74; // τ
    case 0x03c5:
      return 0x79; // υ (Υ)
    case 0x03c7:
      return 0x78; // χ
    case 0x03f2:
      return 0x63; // ϲ
    case 0x03f3:
      return 0x6a; // ϳ
    case 0x0251:
      return 0x61; // ɑ
    case 0x0261:
      return 0x67; // ɡ
    case 0x0585:
      return 0x6f; // օ
    case 0x057d:
      return 0x75; // ս
    default:
      return 0;
  }
}

/**
 * Homoglyph folding, in place over normalised text (one unit stays one unit, so the offset map holds).
 * A word that mixes ASCII letters with non-ASCII letters that all have a Latin lookalike is spelt in Latin
 * ("рaуpal" → "paypal"): mixed scripts inside one word are how filters get dodged. Words written wholly in
 * another script ("Москва") and words with any other non-ASCII letter are left alone, so ordinary Greek or
 * Cyrillic prose is not rewritten. Only words holding one of the `count` ascending unit indices at `exotic`
 * (units from non-ASCII sources) can qualify, so only those words are looked at.
 */
export function foldHomoglyphs(units: usize, length: i32, exotic: usize, count: i32): void {
  let done = 0;
  for (let x = 0; x < count; x++) {
    const at = load<i32>(exotic + ((<usize>x) << 2));
    if (at < done || !isWordUnit(<u32>load<u16>(units + ((<usize>at) << 1)))) continue;
    let start = at;
    while (start > 0 && isWordUnit(<u32>load<u16>(units + ((<usize>(start - 1)) << 1)))) start--;
    let i = start;
    let lookalikes = false;
    let latin = false;
    let foldable = true;
    while (i < length) {
      const c = <u32>load<u16>(units + ((<usize>i) << 1));
      if (!isWordUnit(c)) break;
      if (c >= 0x80) {
        if (latinLookalike(c) != 0) lookalikes = true;
        else foldable = false;
      } else if (c >= 0x61) {
        latin = true;
      }
      i++;
    }
    done = i;
    if (!lookalikes || !latin || !foldable) continue;
    for (let j = start; j < i; j++) {
      const unit = units + ((<usize>j) << 1);
      const c = <u32>load<u16>(unit);
      if (c >= 0x80) store<u16>(unit, <u16>latinLookalike(c));
    }
  }
}
