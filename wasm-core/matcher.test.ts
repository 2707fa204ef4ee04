import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoreMatch, WasmCore } from './core.ts';
import type { LexiconPack } from './lexicon-pack.ts';
import { loadCoreFromDisk } from './node.ts';

const pack: LexiconPack = {
  id: 'matcher-test',
  version: 1,
  language: 'en',
  techniques: {
    T01: [
      { phrase: 'act now', weight: 0.8 },
      { phrase: 'now', weight: 0.3 },
      { phrase: 'today only', weight: 0.7 },
    ],
    T02: [{ phrase: 'only', weight: 0.4 }],
    T07: [
      { phrase: 'You’re brilliant', weight: 0.7 },
      { phrase: 'brilliant', weight: 0.5 },
    ],
    T20: [{ phrase: 'gift card', weight: 0.9 }],
    T22: [{ phrase: 'act now', weight: 0.2 }],
  },
};

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
  core.loadLexicon(pack);
});

/** Matches as `technique/phrase:original substring`, sorted, for readable tables. */
function describeMatches(text: string, matches: readonly CoreMatch[]): string[] {
  return matches.map((m) => `${m.technique}/${m.phrase}:${text.slice(m.start, m.end)}`).sort();
}

describe('phrase matcher', () => {
  it.each<[string, string[]]>([
    ['Act NOW!', ['T01/0:Act NOW', 'T01/1:NOW', 'T22/0:Act NOW']],
    ['react now', ['T01/1:now']],
    ['nowhere, snow, knows', []],
    ['buy a gift-card', []],
    ['Buy a GIFT   CARD\ntoday', ['T20/0:GIFT   CARD']],
    ['ＡＣＴ ＮＯＷ', ['T01/0:ＡＣＴ ＮＯＷ', 'T01/1:ＮＯＷ', 'T22/0:ＡＣＴ ＮＯＷ']],
    ['a\u200Bct n\u00ADow', ['T01/0:a\u200Bct n\u00ADow', 'T01/1:n\u00ADow', 'T22/0:a\u200Bct n\u00ADow']],
    ["You're BRILLIANT.", ["T07/0:You're BRILLIANT", 'T07/1:BRILLIANT']],
    ['Today only!', ['T01/2:Today only', 'T02/0:only']],
    ["'act now'", ['T01/0:act now', 'T01/1:now', 'T22/0:act now']],
    ["now's the time", []],
    ['now now', ['T01/1:now', 'T01/1:now']],
    ['😀act now😀', ['T01/0:act now', 'T01/1:now', 'T22/0:act now']],
    ['brilliantly', []],
    ['brillia\u0301nt', ['T07/1:brillia\u0301nt']],
    ['', []],
    // Evasion: every row still finds the phrase, and the span covers exactly what stands for it.
    ['please a c t  n o w', ['T01/0:a c t  n o w', 'T01/1:n o w', 'T22/0:a c t  n o w']],
    ['a-c-t n.o.w!', ['T01/0:a-c-t n.o.w', 'T01/1:n.o.w', 'T22/0:a-c-t n.o.w']],
    ['ac*t n_ow', ['T01/0:ac*t n_ow', 'T01/1:n_ow', 'T22/0:ac*t n_ow']],
    ['4ct n0w', ['T01/0:4ct n0w', 'T01/1:n0w', 'T22/0:4ct n0w']],
    ['@ct now', ['T01/0:@ct now', 'T01/1:now', 'T22/0:@ct now']],
    ['aaaccct nooooow', ['T01/0:aaaccct nooooow', 'T01/1:nooooow', 'T22/0:aaaccct nooooow']],
    ['ΑСТ ΝОW', ['T01/0:ΑСТ ΝОW', 'T01/1:ΝОW', 'T22/0:ΑСТ ΝОW']],
    ['аct nοw', ['T01/0:аct nοw', 'T01/1:nοw', 'T22/0:аct nοw']],
    ['𝐚𝐜𝐭 𝐧𝐨𝐰', ['T01/0:𝐚𝐜𝐭 𝐧𝐨𝐰', 'T01/1:𝐧𝐨𝐰', 'T22/0:𝐚𝐜𝐭 𝐧𝐨𝐰']],
    ['aCt\u200B N\u2060oW', ['T01/0:aCt\u200B N\u2060oW', 'T01/1:N\u2060oW', 'T22/0:aCt\u200B N\u2060oW']],
    ['g1ft c4rd', ['T20/0:g1ft c4rd']],
    ['g|ft card', ['T20/0:g|ft card']],
    ['b.r.1.l.l.i.a.n.t', ['T07/1:b.r.1.l.l.i.a.n.t']],
    ['you’re br1ll1ant', ['T07/0:you’re br1ll1ant', 'T07/1:br1ll1ant']],
    ['t o d a y o n l y', ['T01/2:t o d a y o n l y', 'T02/0:o n l y']],
    // Ordinary text keeps its meaning: numbers, hyphens, sentence ends without a space, quotes.
    ['act now—today only', ['T01/0:act now', 'T01/1:now', 'T01/2:today only', 'T02/0:only', 'T22/0:act now']],
    ['nowadays, snowboard', []],
    ['in 24 hours, 2025', []],
    ['act.Now', ['T01/1:Now']],
    [
      "'act now' - act now...and",
      ['T01/0:act now', 'T01/0:act now', 'T01/1:now', 'T01/1:now', 'T22/0:act now', 'T22/0:act now'],
    ],
  ])('%j', (text, expected) => {
    const scan = core.scan(text);
    expect(describeMatches(text, scan.matches)).toEqual(expected);
    expect(scan.truncated).toBe(false);
  });

  it('reports each match with its weight and phrase index within the technique', () => {
    const [match] = core.scan('gift card').matches;
    expect(match).toEqual({ technique: 'T20', phrase: 0, weight: 0.9, pack: 0, start: 0, end: 9 });
  });

  it('finds phrases in the analysed prefix of oversized input only', () => {
    const text = `act now ${'x'.repeat(300_000)} gift card`;
    const scan = core.scan(text);
    expect(scan.truncated).toBe(true);
    expect(describeMatches(text, scan.matches)).toEqual(['T01/0:act now', 'T01/1:now', 'T22/0:act now']);
  });

  it('reports every occurrence in long input (linear scan)', () => {
    const text = 'act now. '.repeat(10_000);
    expect(core.scan(text).matches).toHaveLength(30_000);
  });

  it('spans lie inside the original and their text normalises to the phrase', () => {
    const pieces = [
      'act',
      'now',
      'ACT',
      'ＮＯＷ',
      'today',
      'only',
      'gift',
      'card',
      'brilliant',
      'you’re',
      "you're",
      ' ',
      '  ',
      '\n',
      '\u00A0',
      '.',
      ',',
      '!',
      "'",
      '-',
      '\u200B',
      '\u00AD',
      '\u0301',
      'é',
      'ﬁ',
      '😀',
      '\uD800',
      'x',
      'rе',
    ];
    const phrases = Object.values(pack.techniques).flatMap((entries) => entries.map((e) => e.phrase));
    const normalizedPhrases = new Set(phrases.map((p) => core.normalize(p)));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        for (const match of core.scan(text).matches) {
          expect(match.start).toBeGreaterThanOrEqual(0);
          expect(match.end).toBeGreaterThan(match.start);
          expect(match.end).toBeLessThanOrEqual(text.length);
          const entry = pack.techniques[match.technique]?.[match.phrase];
          expect(entry).toBeDefined();
          const normalized = core.normalize(text.slice(match.start, match.end));
          expect(normalized).toBe(core.normalize(entry?.phrase ?? ''));
          expect(normalizedPhrases.has(normalized)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
