import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MatchView, WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { expectMonotoneOffsetMap } from '../testing/offset-map.ts';

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

/** The view for reading: spelled-out (soft) units in upper case, "i or l" as ¹, a quotation mark as ‘. */
function render(view: MatchView): string {
  return [...view.text]
    .map((ch, k) => {
      if (ch === '\u0001') return '¹';
      if (ch === '\u0002') return '‘';
      return view.soft[k] ? ch.toUpperCase() : ch;
    })
    .join('');
}

describe('perimeter: matching view', () => {
  it.each([
    // case, width, invisible characters (from the normaliser)
    ['Act NOW!', 'act now!'],
    ['ＡＣＴ ＮＯＷ', 'act now'],
    ['a\u200Bc\u00ADt n\u2060o\uFEFFw', 'act now'],
    // lookalikes, wherever they stand (the normalised view only folds mixed-script words)
    ['аст now', 'act now'],
    ['ΑCТ NОW', 'act now'],
    ['Ꭺꓚꓔ ηοω', 'act now'],
    ['ӏіmіtеd', 'limited'],
    // letter spacing and spelled-out words
    ['a c t  n o w', 'ACTNOW'],
    ['a-c-t n.o.w', 'ACT NOW'],
    ['a.c.t now', 'ACT now'],
    ['o-n-l-y  a  f-e-w', 'ONLY A FEW'],
    ["d.o.n.'.t", "DON'T"],
    ['it is a l a s t c h a n c e', 'it is ALASTCHANCE'],
    // punctuation inside words
    ['ac*t n_ow', 'act now'],
    ['fa·./·st', 'fast'],
    ["don't", "don't"],
    ['limited-time offer', 'limitedtime ofer'],
    // leetspeak, only where a word has a letter
    ['4ct n0w', 'act now'],
    ['@ct $c4m', 'act scam'],
    ['c1ick h3re', 'c¹ick here'],
    ['cl!ck', 'click'],
    ['4 c 7  n 0 w', 'ACTNOW'],
    // repeated letters
    ['nooooow acccct', 'now act'],
    ['tooooo late', 'to late'],
    // what ordinary text keeps
    ['in 24 hours, 2025', 'in 24 hours, 2025'],
    ['3.14 and 24/7 and 1,000', '3.14 and 24/7 and 1,000'],
    ['tonight.Don’t wait', "tonight.don't wait"],
    ['now...and now—then', 'now...and now-then'],
    ["'quoted' dogs' toys", '‘quoted‘ dogs‘ toys'],
    // Abbreviations are letters spelled out, so they read as such (nothing in a lexicon is made of them).
    ['e.g. U.S. I am', 'EG US I am'],
    ['Москва', 'mockba'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(render(core.matchView(input))).toBe(expected);
  });

  it.each([
    // input, view, starts, ends: each view unit's source range in the original
    ['nooow', 'now', [0, 1, 4], [1, 4, 5]],
    ['a c t', 'act', [0, 2, 4], [1, 3, 5]],
    ['ac*t', 'act', [0, 1, 3], [1, 2, 4]],
    ['𝐚𝐜𝐭', 'act', [0, 2, 4], [2, 4, 6]],
    ['a\u200Bb', 'ab', [0, 2], [1, 3]],
  ])('maps %j back to the original', (input, view, starts, ends) => {
    const result = core.matchView(input);
    expect(result.text).toBe(view);
    expect([...result.starts]).toEqual(starts);
    expect([...result.ends]).toEqual(ends);
  });

  it('keeps every unit inside the original, in order, for any input', () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .array(
          fc.constantFrom(
            'a',
            'c',
            't',
            ' ',
            '.',
            '-',
            '1',
            '0',
            '@',
            '!',
            '|',
            "'",
            'а',
            '𝐚',
            '\u200B',
            'ﬁ',
          ),
          {
            maxLength: 60,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(pieces, (text) => {
        const { text: view, starts, ends } = core.matchView(text);
        expectMonotoneOffsetMap(text, view.length, starts, ends);
      }),
      { numRuns: 600, seed: 20261121 },
    );
  });
});
