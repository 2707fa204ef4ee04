import { describe, expect, it } from 'vitest';
import { LexiconPackError, validateLexiconPack } from './lexicon-pack.ts';
import { loadCoreFromDisk } from './node.ts';
import { TECHNIQUE_IDS } from './taxonomy.ts';

const valid = {
  id: 'test',
  version: 1,
  language: 'en',
  description: 'a small pack',
  techniques: { T01: [{ phrase: 'act now', weight: 0.8 }] },
};

function problemsOf(value: unknown, options?: Parameters<typeof validateLexiconPack>[1]): readonly string[] {
  try {
    validateLexiconPack(value, options);
  } catch (error) {
    if (error instanceof LexiconPackError) return error.problems;
    throw error;
  }
  return [];
}

const withT01 = (entries: unknown) => ({ ...valid, techniques: { T01: entries } });

describe('validateLexiconPack', () => {
  it('accepts a well-formed pack and returns it', () => {
    expect(validateLexiconPack(valid)).toBe(valid);
  });

  it.each<[string, unknown, string[]]>([
    ['a non-object', [], ['a lexicon pack must be a JSON object']],
    ['a missing id', { ...valid, id: undefined }, ['id must be a non-empty string']],
    ['version 0', { ...valid, version: 0 }, ['version must be a positive integer']],
    ['version 1.5', { ...valid, version: 1.5 }, ['version must be a positive integer']],
    ['a missing language', { ...valid, language: '' }, ['language must be a non-empty string']],
    ['a numeric description', { ...valid, description: 3 }, ['description must be a string']],
    ['missing techniques and cues', { ...valid, techniques: undefined }, ['the pack has no phrases']],
    ['techniques that are not an object', { ...valid, techniques: 3 }, ['techniques must be an object']],
    ['cues that are not an object', { ...valid, cues: [] }, ['cues must be an object']],
    [
      'an upper-case cue kind',
      { ...valid, cues: { Negation: [] } },
      ['cue kind "Negation" must be lower-case'],
    ],
    ['a cue kind with a space', { ...valid, cues: { 'quote user': [] } }, ['cue kind "quote user" must be']],
    [
      'a cue kind with an empty segment',
      { ...valid, cues: { 'benign..x': [] } },
      ['cue kind "benign..x" must be'],
    ],
    [
      'a cue kind naming no technique',
      { ...valid, cues: { 'benign.T23': [] } },
      ['names unknown technique T23'],
    ],
    [
      'cue entries that are not a list',
      { ...valid, cues: { negation: 'not' } },
      ['cues.negation must be an array'],
    ],
    [
      'a cue that is not an object',
      { ...valid, cues: { negation: ['not'] } },
      ['cues.negation[0] must be an object'],
    ],
    [
      'an empty cue phrase',
      { ...valid, cues: { hedge: [{ phrase: ' ' }] } },
      ['cues.hedge[0]: empty phrase'],
    ],
    [
      'a cue weight out of range',
      { ...valid, cues: { hedge: [{ phrase: 'maybe', weight: 0 }] } },
      ['cues.hedge[0]: weight 0 out of (0, 1]'],
    ],
    [
      'a duplicate cue phrase',
      { ...valid, cues: { mention: [{ phrase: 'Phrases like' }, { phrase: 'phrases  like' }] } },
      ['cues.mention[1]: duplicate phrase "phrases  like" (same as [0])'],
    ],
    [
      'an unknown technique',
      { ...valid, techniques: { ...valid.techniques, T23: [{ phrase: 'x', weight: 1 }] } },
      ['unknown technique "T23"'],
    ],
    ['a lower-case technique id', { ...valid, techniques: { t01: [] } }, ['unknown technique "t01"']],
    ['entries that are not a list', withT01({ phrase: 'x', weight: 1 }), ['techniques.T01 must be an array']],
    ['an entry that is not an object', withT01(['act now']), ['techniques.T01[0] must be an object']],
    ['an empty phrase', withT01([{ phrase: '', weight: 0.5 }]), ['techniques.T01[0]: empty phrase']],
    ['a blank phrase', withT01([{ phrase: ' \t ', weight: 0.5 }]), ['techniques.T01[0]: empty phrase']],
    ['a missing phrase', withT01([{ weight: 0.5 }]), ['techniques.T01[0]: empty phrase']],
    ['weight 0', withT01([{ phrase: 'x', weight: 0 }]), ['techniques.T01[0]: weight 0 out of (0, 1]']],
    ['weight 1.5', withT01([{ phrase: 'x', weight: 1.5 }]), ['techniques.T01[0]: weight 1.5 out of (0, 1]']],
    ['a negative weight', withT01([{ phrase: 'x', weight: -0.1 }]), ['weight -0.1 out of (0, 1]']],
    ['a string weight', withT01([{ phrase: 'x', weight: '0.5' }]), ['weight "0.5" out of (0, 1]']],
    ['a NaN weight', withT01([{ phrase: 'x', weight: Number.NaN }]), ['weight null out of (0, 1]']],
    [
      'a duplicate phrase',
      withT01([
        { phrase: 'Act now', weight: 0.8 },
        { phrase: 'act  NOW ', weight: 0.5 },
      ]),
      ['techniques.T01[1]: duplicate phrase "act  NOW " (same as [0])'],
    ],
    ['a pack without phrases', { ...valid, techniques: { T01: [] } }, ['the pack has no phrases']],
  ])('rejects %s', (_, value, expected) => {
    const problems = problemsOf(value);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((fragment, i) => {
      expect(problems[i]).toContain(fragment);
    });
  });

  it('reports every problem at once, in a readable message', () => {
    const value = {
      id: 'broken',
      version: 1,
      language: 'en',
      techniques: {
        T01: [
          { phrase: '', weight: 0.5 },
          { phrase: 'x', weight: 2 },
        ],
        T99: [],
      },
    };
    expect(() => validateLexiconPack(value)).toThrow(
      'invalid lexicon pack "broken": techniques.T01[0]: empty phrase; techniques.T01[1]: weight 2 out of (0, 1]; ' +
        'unknown technique "T99"',
    );
  });

  it('requires every technique when asked', () => {
    const problems = problemsOf(valid, { requireAllTechniques: true });
    expect(problems).toEqual(TECHNIQUE_IDS.slice(1).map((id) => `techniques.${id} is missing`));
  });
});

describe('validateLexiconPack: cues', () => {
  it('accepts cue kinds of lower-case words joined by dots, a technique id as a segment, optional weights', () => {
    const pack = {
      ...valid,
      cues: {
        negation: [{ phrase: "i'm not saying" }],
        quote_user: [{ phrase: 'you said', weight: 0.4 }],
        'benign.T12': [{ phrase: 'would you like me to continue' }],
        'vulnerability.loneliness': [{ phrase: 'i feel so alone', weight: 1 }],
      },
    };
    expect(validateLexiconPack(pack)).toBe(pack);
  });

  it('accepts a pack of cues only, and gives it an empty techniques section', () => {
    const pack = {
      id: 'context',
      version: 1,
      language: 'en',
      cues: { 'vulnerability.grief': [{ phrase: 'i miss her' }] },
    };
    expect(validateLexiconPack(pack).techniques).toEqual({});
  });
});

describe('WasmCore.loadLexicons', () => {
  const core = {
    id: 'core',
    version: 2,
    language: 'en',
    techniques: {
      T01: [
        { phrase: 'act now', weight: 0.8 },
        { phrase: 'hurry', weight: 0.5 },
      ],
      T12: [{ phrase: 'want me to continue', weight: 0.3 }],
    },
    cues: {
      negation: [{ phrase: "i'm not saying" }, { phrase: "i'm not telling you to" }],
      'benign.T12': [{ phrase: 'would you like me to continue', weight: 0.9 }],
    },
  };
  const context = {
    id: 'context',
    version: 1,
    language: 'en',
    techniques: {},
    cues: { 'vulnerability.loneliness': [{ phrase: 'i feel so alone' }] },
  };

  it('matches techniques and cues of every pack in one pass, with original offsets and pack indices', async () => {
    const wasm = await loadCoreFromDisk();
    wasm.loadLexicons([core, context]);
    const text = "I'm not saying you must act now. I feel so ALONE. Would you like me to continue?";
    const scan = wasm.scan(text);
    const shown = (start: number, end: number) => text.slice(start, end);
    expect(scan.matches.map((m) => [m.technique, m.phrase, m.pack, shown(m.start, m.end)])).toEqual([
      ['T01', 0, 0, 'act now'],
    ]);
    expect(scan.cues.map((c) => [c.kind, c.phrase, c.pack, shown(c.start, c.end)]).sort()).toEqual([
      ['benign.T12', 0, 0, 'Would you like me to continue'],
      ['negation', 0, 0, "I'm not saying"],
      ['vulnerability.loneliness', 0, 1, 'I feel so ALONE'],
    ]);
    expect(wasm.lexicons).toEqual([core, context]);
    expect(wasm.lexicon).toBe(core);
  });

  it('finds cues through the same perimeter as techniques', async () => {
    const wasm = await loadCoreFromDisk();
    wasm.loadLexicons([core, context]);
    const text = "I f\u200Beel s-o a.l.o.n.e and 1'm n0t sayiiing";
    expect(wasm.analyzeText(text).cues.map((c) => [c.kind, text.slice(c.start, c.end)])).toEqual([
      ['vulnerability.loneliness', 'I f\u200Beel s-o a.l.o.n.e'],
      ['negation', "1'm n0t sayiiing"],
    ]);
  });

  it('reads phrases that only the perimeter folds alike as one phrase, with the higher weight', async () => {
    const wasm = await loadCoreFromDisk();
    wasm.loadLexicon({
      ...valid,
      techniques: {
        T01: [
          { phrase: 'sure-fire win', weight: 0.4 },
          { phrase: 'surefire win', weight: 0.7 },
          { phrase: 'counsellor', weight: 0.2 },
          { phrase: 'counselor', weight: 0.3 },
        ],
      },
    });
    expect(wasm.scan('a surefire win, a sure-fire win').matches.map((m) => [m.phrase, m.weight])).toEqual([
      [0, 0.7],
      [0, 0.7],
    ]);
    expect(wasm.scan('counsellor').matches.map((m) => [m.phrase, m.weight])).toEqual([[2, 0.3]]);
  });

  it('names the pack of each problem and keeps the packs loaded before', async () => {
    const wasm = await loadCoreFromDisk();
    wasm.loadLexicons([core, context]);
    const broken = { ...context, id: 'broken', cues: { hedge: [{ phrase: 'maybe' }, { phrase: 'Maybe' }] } };
    expect(() => wasm.loadLexicons([core, broken])).toThrow('duplicate phrase "Maybe"');
    const clash = { ...context, id: 'clash', cues: { hedge: [{ phrase: 'don’t' }, { phrase: "don't" }] } };
    expect(() => wasm.loadLexicons([core, clash])).toThrow('clash: cues.hedge[1]: duplicate phrase');
    expect(wasm.lexicons.map((pack) => pack.id)).toEqual(['core', 'context']);
    expect(wasm.scan('i feel so alone').cues).toHaveLength(1);
    expect(() => wasm.loadLexicons([])).toThrow('at least one pack');
  });
});

describe('WasmCore.loadLexicon', () => {
  it.each<[string, unknown, string]>([
    [
      'phrases that collide once normalised',
      withT01([
        { phrase: 'don’t wait', weight: 0.8 },
        { phrase: "don't wait", weight: 0.5 },
      ]),
      `techniques.T01[1]: duplicate phrase "don't wait" (normalises like [0])`,
    ],
    [
      'phrases that vanish once normalised',
      withT01([{ phrase: '\u200B\u200D', weight: 0.8 }]),
      'techniques.T01[0]: "\u200B\u200D" is empty once normalised',
    ],
    ['an invalid pack', withT01([{ phrase: 'x', weight: 3 }]), 'weight 3 out of (0, 1]'],
  ])('rejects %s', async (_, value, message) => {
    const core = await loadCoreFromDisk();
    expect(() => core.loadLexicon(value as never)).toThrow(message);
    expect(core.lexicon).toBeNull();
    expect(core.scan('act now').matches).toEqual([]);
  });

  it('allows the same phrase under different techniques', async () => {
    const core = await loadCoreFromDisk();
    core.loadLexicon({
      ...valid,
      techniques: { T01: [{ phrase: 'act now', weight: 0.8 }], T22: [{ phrase: 'Act now', weight: 0.3 }] },
    });
    expect(
      core
        .scan('act now')
        .matches.map((m) => m.technique)
        .sort(),
    ).toEqual(['T01', 'T22']);
  });

  it('keeps the previous lexicon when a new one is rejected', async () => {
    const core = await loadCoreFromDisk();
    core.loadLexicon(valid);
    const clash = withT01([
      { phrase: 'ﬁne', weight: 0.8 },
      { phrase: 'fine', weight: 0.5 },
    ]);
    expect(() => core.loadLexicon(clash as never)).toThrow('normalises like [0]');
    expect(core.lexicon).toBe(valid);
    expect(core.scan('act now').matches.map((m) => m.technique)).toEqual(['T01']);
  });

  it('replaces the previous lexicon', async () => {
    const core = await loadCoreFromDisk();
    core.loadLexicon(valid);
    core.loadLexicon({ ...valid, id: 'second', techniques: { T05: [{ phrase: 'danger', weight: 0.6 }] } });
    expect(core.lexicon?.id).toBe('second');
    expect(core.scan('act now, danger').matches.map((m) => m.technique)).toEqual(['T05']);
  });
});
