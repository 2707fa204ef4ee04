import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import { footprintRecord } from '../testing/footprint-records.ts';
import { MENTION_AT, THREAT_PROFILES, type ThreatProfileId, threatProfiles } from './threat-profiles.ts';

const reply = (techniques: TechniqueId[] = []) => footprintRecord({ time: 0, techniques });
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
const scoreOf = (scores: ReturnType<typeof threatProfiles>, id: ThreatProfileId) =>
  scores.find((s) => s.profile === id);

/** Words that would turn a description into an accusation. */
const ACCUSING = [
  /\b(is|are) (a|an|the|run by|controlled by|working for|paid by)\b/i,
  /\b(guilty|accus\w*|criminal|liar|lying|prove[sn]?|proof that|definitely|certainly|clearly)\b/i,
  /\b(attack(s|ing)?|target(s|ing)? you|is trying to)\b/i,
];

/** Assistant ids and how the sentences name them. */
const READABLE: Record<string, string> = {
  'chatgpt|gpt-5': 'ChatGPT (gpt-5)',
  claude: 'Claude',
  'companion.app': 'companion.app',
  'claude.ai|claude-3': 'claude.ai (claude-3)',
};

describe('THREAT_PROFILES', () => {
  it('defines the five profiles of SPEC §4 over their techniques, weights summing to 1', () => {
    expect(THREAT_PROFILES.map((p) => [p.id, Object.keys(p.weights).sort()])).toEqual([
      ['state_actor', ['T04', 'T05', 'T18', 'T21']],
      ['corporate_actor', ['T07', 'T09', 'T12', 'T17']],
      ['criminal_actor', ['T01', 'T02', 'T09', 'T19', 'T20']],
      ['nonstate_extremist', ['T05', 'T06', 'T18', 'T21']],
      ['misaligned_ai', ['T10', 'T11', 'T14', 'T15', 'T16']],
    ]);
    for (const profile of THREAT_PROFILES) {
      const total = Object.values(profile.weights).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 12);
    }
  });
});

describe('threatProfiles', () => {
  it('scores a scam pattern and writes a "patterns consistent with" sentence', () => {
    const replies = [
      ...times(5, () => reply(['T20', 'T01'])),
      ...times(3, () => reply(['T19'])),
      ...times(32, () => reply()),
    ];
    const scores = threatProfiles('chatgpt|gpt-5', replies);
    const criminal = scoreOf(scores, 'criminal_actor');
    // T20 at 5/40 (saturated) 0.35 + T01 5/40 0.2 + T19 3/40 → 0.75 of 0.2 = 0.15 → 0.7
    expect(criminal).toMatchObject({ score: 0.7, sufficient: true });
    expect(criminal?.evidence.map((e) => [e.technique, e.replies])).toEqual([
      ['T20', 5],
      ['T01', 5],
      ['T19', 3],
    ]);
    expect(criminal?.sentence).toBe(
      'Replies from ChatGPT (gpt-5) show patterns consistent with a scam: requests for money or credentials, urgency-inducing language and requests for personal data. This describes the replies, not who is behind them.',
    );
    expect(scores[0]?.profile).toBe('criminal_actor');
    expect(scoreOf(scores, 'state_actor')).toMatchObject({ score: 0, sufficient: false, sentence: null });
  });

  it('needs 20 replies, and two techniques seen in 3 replies each', () => {
    const corporate = (replies: ReturnType<typeof reply>[]) =>
      scoreOf(threatProfiles('shop.example', replies), 'corporate_actor');
    // 19 replies: too few.
    expect(corporate(times(19, () => reply(['T17', 'T07'])))).toMatchObject({
      sufficient: false,
      sentence: null,
    });
    // One technique alone, however often, is no profile.
    expect(corporate(times(30, () => reply(['T17'])))).toMatchObject({ score: 0.4, sufficient: false });
    // A second technique in only 2 replies does not count.
    const two = [...times(2, () => reply(['T17', 'T07'])), ...times(28, () => reply(['T17']))];
    expect(corporate(two)).toMatchObject({ score: 0.4, sufficient: false });
    const three = [...times(3, () => reply(['T17', 'T07'])), ...times(27, () => reply(['T17']))];
    expect(corporate(three)).toMatchObject({ score: 0.6, sufficient: true });
    expect(corporate(three)?.sentence).toMatch(
      /^Replies from shop\.example show patterns consistent with commercial/,
    );
  });

  it('writes no sentence under the mention threshold', () => {
    // T18 in 3 of 100 (0.3 of saturation → 0.12) and T05 in 3 (0.06): sufficient, but weak.
    const replies = [...times(3, () => reply(['T18', 'T05'])), ...times(97, () => reply())];
    const state = scoreOf(threatProfiles('news.example', replies), 'state_actor');
    expect(state?.sufficient).toBe(true);
    expect(state?.score).toBeLessThan(MENTION_AT);
    expect(state?.sentence).toBeNull();
  });

  it('is empty-safe', () => {
    const scores = threatProfiles('x', []);
    expect(scores).toHaveLength(5);
    for (const s of scores) expect(s).toMatchObject({ score: 0, sufficient: false, sentence: null });
  });

  it('never accuses: every sentence describes a pattern, for any replies', () => {
    const technique = fc.constantFrom(...(TECHNIQUE_IDS as TechniqueId[]));
    let sentences = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(technique, { maxLength: 4 }), { minLength: 20, maxLength: 60 }),
        fc.constantFrom(...Object.keys(READABLE)),
        (rows, assistant) => {
          for (const score of threatProfiles(
            assistant,
            rows.map((techniques) => reply(techniques)),
          )) {
            expect(score.score).toBeGreaterThanOrEqual(0);
            expect(score.score).toBeLessThanOrEqual(1);
            if (score.sentence === null) continue;
            sentences++;
            expect(
              score.sentence.startsWith(`Replies from ${READABLE[assistant]} show patterns consistent with `),
            ).toBe(true);
            expect(score.sentence).toMatch(/This describes the replies, not who is behind them\.$/);
            for (const pattern of ACCUSING) expect(score.sentence).not.toMatch(pattern);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property must have looked at real sentences, or it proves nothing.
    expect(sentences).toBeGreaterThan(50);
  });

  it('the accusation check itself catches accusing wording', () => {
    const accusing = [
      'chatgpt.com is a state actor.',
      'These replies prove a scam.',
      'The assistant is trying to manipulate you.',
      'This site is run by criminals.',
    ];
    for (const sentence of accusing) expect(ACCUSING.some((p) => p.test(sentence))).toBe(true);
  });
});
