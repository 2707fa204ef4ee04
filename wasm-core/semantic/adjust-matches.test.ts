import { describe, expect, it } from 'vitest';
import { adjustMatches } from './adjust-matches.ts';
import { ADJUSTMENT_FACTORS } from './semantic-rules.ts';
import { syntheticScan } from './testing/synthetic-scan.ts';

const TECHNIQUES = {
  T01: ['act now', 'decide right now', 'today only'],
  T09: ["i'd never lie to you"],
  T10: ["you'd be lost without me", "i'm always here for you"],
  T12: ['come back tomorrow'],
  T13: ['you said you would do it'],
  T14: ['guaranteed returns'],
  T22: ['no need to confirm'],
} as const;

const CUES = {
  negation: ["i'm not saying", 'no need to', "don't have to", 'never', "isn't", "i'd never"],
  negation_after: ["don't exist", 'is a myth'],
  hedge: ['it might', 'you may want to consider'],
  mention: ['phrases like', 'scammers often say', 'is a classic', 'red flags', 'watch out for'],
  quote_user: ['you said', 'as you put it'],
  'benign.T12': ['feel free to come back', 'if you have more questions'],
  'benign.T10': ['also reach out to'],
};

/** "phrase=reason+reason" per match in text order; "used" when the weight is untouched. */
function readings(text: string): string[] {
  return adjustMatches(text, syntheticScan(text, TECHNIQUES, CUES))
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((match) => {
      const phrase = text.slice(match.start, match.end).toLowerCase().replace(/’/g, "'");
      const reasons = match.adjustments.map((adjustment) => adjustment.reason).join('+');
      return `${phrase}=${reasons || 'used'}`;
    });
}

describe('adjustMatches', () => {
  it.each<[string, string, string[]]>([
    ['a plain use', 'Act now — the price doubles tonight.', ['act now=used']],
    ['negation shortly before', "I'm not saying you must act now; take your time.", ['act now=negated']],
    [
      'negation running into the phrase',
      "There's no need to decide right now.",
      ['decide right now=negated'],
    ],
    ['the clause turns after the negation', "You don't have to wait, but act now.", ['act now=used']],
    ['a comma and "so" end the negation', "This isn't going to last, so act now.", ['act now=used']],
    [
      'negation too far back',
      "I'm not saying anything about whether the store will act now.",
      ['act now=used'],
    ],
    ['negation in an earlier sentence', "I'm not saying that. Act now.", ['act now=used']],
    ['a bare "never" before the phrase', "Never act now on a stranger's request.", ['act now=negated']],
    ['"never" gives way to "i\'d never"', "I'd never tell you to act now.", ['act now=negated']],
    [
      'a cue inside a technique phrase reads nothing else',
      "I'd never lie to you about today only deals.",
      ["i'd never lie to you=used", 'today only=used'],
    ],
    [
      'a phrase keeps its own negation word',
      "I've booked it for you, no need to confirm.",
      ['no need to confirm=used'],
    ],
    [
      'negation after the phrase',
      "Guaranteed returns don't exist in real investing.",
      ['guaranteed returns=negated'],
    ],
    ['a hedge before the phrase', 'It might be smart to act now.', ['act now=hedged']],
    [
      'a mention cue covers the rest of the sentence',
      'Scammers often say things like act now or today only.',
      ['act now=mentioned', 'today only=mentioned'],
    ],
    [
      'a mention ends where the sentence turns',
      'Scammers often say act now, but honestly, you should act now.',
      ['act now=mentioned', 'act now=used'],
    ],
    ['a mention label right after the phrase', 'Act now is a classic pressure line.', ['act now=mentioned']],
    ['straight double quotes', '"Act now" is what the pop-up said.', ['act now=quoted']],
    ['curly single quotes', 'A banner reading ‘today only’ means little.', ['today only=quoted']],
    ['quoted and mentioned', 'Watch out for “today only” banners.', ['today only=quoted+mentioned']],
    ['inline code', 'Run `echo act now` to test the hook.', ['act now=quoted']],
    [
      'a block-quote line',
      '> Act now or lose your account\nThat line is a phishing tell.',
      ['act now=quoted'],
    ],
    ['apostrophes are not quotes', "Don't wait: it's today only, and that's final.", ['today only=used']],
    [
      'an abbreviation does not end the sentence',
      'Scammers often say e.g. act now to rush you.',
      ['act now=mentioned'],
    ],
    [
      'list items under a line that names them',
      'Red flags to watch out for:\n- act now\n- today only\n\nSo act now.',
      ['act now=mentioned', 'today only=mentioned', 'act now=used'],
    ],
    [
      'quoting the user',
      "You said you'd be lost without me, and that sounds heavy.",
      ["you'd be lost without me=quoting_user"],
    ],
    [
      'quoting the user reaches to the end of the clause only',
      'As you put it, the deal ends tonight, so act now.',
      ['act now=used'],
    ],
    [
      'a "you said" inside a technique phrase is that phrase',
      'You said you would do it, so act now.',
      ['you said you would do it=used', 'act now=used'],
    ],
    [
      'a benign cue overlapping the phrase',
      'Feel free to come back tomorrow if you have more questions.',
      ['come back tomorrow=benign'],
    ],
    [
      'the hook without the benign cue',
      "Come back tomorrow and I'll tell you the secret.",
      ['come back tomorrow=used'],
    ],
    [
      'a benign cue a few words after',
      "I'm always here for you, and also reach out to a friend tonight.",
      ["i'm always here for you=benign"],
    ],
    [
      'benign cues speak only for their own technique',
      'Feel free to come back and act now.',
      ['act now=used'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(readings(text)).toEqual(expected);
  });

  it('multiplies the factors of every reason into the weight and points at the evidence', () => {
    const text = 'Scammers often say “act now”.';
    const [match] = adjustMatches(text, syntheticScan(text, TECHNIQUES, CUES, 0.8));
    expect(match?.baseWeight).toBe(0.8);
    expect(match?.weight).toBeCloseTo(0.8 * ADJUSTMENT_FACTORS.quoted * ADJUSTMENT_FACTORS.mentioned, 10);
    expect(match?.adjustments.map((a) => [a.reason, text.slice(a.evidence.start, a.evidence.end)])).toEqual([
      ['quoted', '“act now”'],
      ['mentioned', 'Scammers often say'],
    ]);
  });

  it('keeps the matches in the order given and leaves their other fields alone', () => {
    const text = 'Today only! Act now.';
    const scan = syntheticScan(text, TECHNIQUES, CUES);
    const adjusted = adjustMatches(text, scan);
    expect(adjusted.map(({ technique, phrase, start, end }) => ({ technique, phrase, start, end }))).toEqual(
      scan.matches.map(({ technique, phrase, start, end }) => ({ technique, phrase, start, end })),
    );
  });

  it('works without cues (an older core): quotation marks still count', () => {
    const text = 'The ad said "act now" and I would act now.';
    const { matches } = syntheticScan(text, TECHNIQUES);
    expect(adjustMatches(text, { matches }).map((m) => m.adjustments.map((a) => a.reason))).toEqual([
      ['quoted'],
      [],
    ]);
  });

  it('returns nothing for no matches', () => {
    expect(adjustMatches('Nothing to see.', { matches: [], cues: [] })).toEqual([]);
  });

  it('stays linear on a long reply full of matches and cues', () => {
    const unit = "I'm not saying you must act now. Scammers often say “today only”, but act now. ";
    const time = (repeats: number) => {
      const text = unit.repeat(repeats);
      const scan = syntheticScan(text, TECHNIQUES, CUES);
      let best = Number.POSITIVE_INFINITY;
      let count = 0;
      // Best of three runs, so a busy machine does not fail the test.
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        count = adjustMatches(text, scan).length;
        best = Math.min(best, performance.now() - started);
      }
      return { ms: best, count };
    };
    time(200);
    const small = time(1000);
    const large = time(8000);
    expect(large.count).toBe(small.count * 8);
    // n log n at worst: 8× the input may cost at most ~20× the time (generous for timer noise).
    expect(large.ms).toBeLessThan(Math.max(small.ms, 1) * 20);
  });
});
