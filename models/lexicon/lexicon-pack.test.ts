import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateLexiconPack } from '../../wasm-core/lexicon-pack.ts';
import { loadCoreFromDisk } from '../../wasm-core/node.ts';
import { benignCueTechnique, CUE_KINDS, isSemanticCueKind } from '../../wasm-core/semantic/semantic-rules.ts';
import { isTechniqueId, TECHNIQUE_IDS } from '../../wasm-core/taxonomy.ts';

type PackEntry = { phrase: string; weight: number };
type CueEntry = { phrase: string; weight?: number };
type Pack = {
  id: string;
  version: number;
  language: string;
  description: string;
  techniques: Record<string, PackEntry[]>;
  cues: Record<string, CueEntry[]>;
};
type Example = { id: string; text: string; labels: string[]; provenance: string };

const pack = JSON.parse(readFileSync(new URL('./core-en.json', import.meta.url), 'utf8')) as Pack;
const examples = readFileSync(new URL('../examples/assistant-replies.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Example);

const MIN_PHRASES = 30;
/** Cue lists the semantic layer needs to tell use from negation, quotation and explanation. */
const MIN_CUES: Record<string, number> = {
  negation: 40,
  negation_after: 10,
  hedge: 15,
  mention: 80,
  quote_user: 10,
};
/** Techniques with a list of known harmless uses (benign.Txx). */
const MIN_BENIGN_KINDS = 18;
const MIN_POSITIVES = 15;
const MIN_BENIGN = 250;

/**
 * Phrases listed under more than one technique on purpose, because the wording genuinely carries both:
 * "guaranteed returns" is an overconfident claim and a money pitch; "before they're gone" is time pressure
 * and a scarcity claim. Any other repeat is an editing slip.
 */
const CROSS_TECHNIQUE_PHRASES: Record<string, string[]> = {
  'guaranteed returns': ['T14', 'T20'],
  "before they're gone": ['T01', 'T02'],
};

/** The matcher works on normalised text, so a phrase that is not already in that form can never match. */
const PHRASE_SHAPE = /^[a-z0-9'-]+( [a-z0-9'-]+)*$/;

describe('core-en lexicon pack', () => {
  it('has the header fields of the lexicon-pack contract', () => {
    expect(pack.id).toBe('core-en');
    expect(pack.version).toBe(2);
    expect(pack.language).toBe('en');
    expect(pack.description.length).toBeGreaterThan(20);
  });

  it('passes the pack validator with every technique present', () => {
    expect(() => validateLexiconPack(pack, { requireAllTechniques: true })).not.toThrow();
  });

  it('covers exactly the techniques of the taxonomy', () => {
    expect(Object.keys(pack.techniques).sort()).toEqual([...TECHNIQUE_IDS].sort());
  });

  it.each(TECHNIQUE_IDS)('%s has enough well-formed, unique, weighted phrases', (id) => {
    const entries = pack.techniques[id] ?? [];
    expect(entries.length).toBeGreaterThanOrEqual(MIN_PHRASES);
    for (const { phrase, weight } of entries) {
      expect(phrase, phrase).toMatch(PHRASE_SHAPE);
      expect(weight, phrase).toBeGreaterThan(0);
      expect(weight, phrase).toBeLessThanOrEqual(1);
    }
    const phrases = entries.map((entry) => entry.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('repeats a phrase across techniques only where that is deliberate', () => {
    const owners = new Map<string, string[]>();
    for (const [id, entries] of Object.entries(pack.techniques)) {
      for (const { phrase } of entries) owners.set(phrase, [...(owners.get(phrase) ?? []), id]);
    }
    const repeated = Object.fromEntries(
      [...owners].filter(([, ids]) => ids.length > 1).map(([phrase, ids]) => [phrase, ids.sort()]),
    );
    expect(repeated).toEqual(CROSS_TECHNIQUE_PHRASES);
  });

  it.each([
    ['T01', 'act now'],
    ['T09', 'between you and me'],
    ['T10', "you don't need anyone else"],
    ['T11', 'i missed you'],
    ['T12', "come back tomorrow and i'll tell you"],
    ['T13', 'you already agreed'],
    ['T15', "i'll keep an eye on it for you"],
    ['T16', 'you never said that'],
    ['T18', 'you should vote for'],
    ['T19', 'send me a photo of your id'],
    ['T22', 'i already signed you up'],
  ])('%s lists the anchor phrase "%s" with a strong weight', (id, phrase) => {
    const entry = pack.techniques[id]?.find((candidate) => candidate.phrase === phrase);
    expect(entry?.weight).toBeGreaterThanOrEqual(0.7);
  });
});

describe('core-en cues', () => {
  const techniquePhrases = new Set(
    Object.values(pack.techniques).flatMap((entries) => entries.map((e) => e.phrase)),
  );

  it('has only cue kinds the semantic layer reads', () => {
    for (const kind of Object.keys(pack.cues)) expect(isSemanticCueKind(kind), kind).toBe(true);
  });

  it.each(Object.entries(MIN_CUES))('has enough "%s" cues (at least %i)', (kind, min) => {
    expect(CUE_KINDS).toContain(kind);
    expect(pack.cues[kind]?.length ?? 0).toBeGreaterThanOrEqual(min);
  });

  it(`lists benign uses for at least ${MIN_BENIGN_KINDS} techniques, each naming a real technique`, () => {
    const benign = Object.keys(pack.cues).filter((kind) => kind.startsWith('benign.'));
    for (const kind of benign) expect(benignCueTechnique(kind), kind).not.toBeNull();
    expect(benign.length).toBeGreaterThanOrEqual(MIN_BENIGN_KINDS);
  });

  it.each(Object.keys(pack.cues))('%s: well-formed, unique phrases with optional weights', (kind) => {
    const entries = pack.cues[kind] ?? [];
    expect(entries.length).toBeGreaterThan(0);
    for (const { phrase, weight } of entries) {
      expect(phrase, phrase).toMatch(PHRASE_SHAPE);
      if (weight !== undefined) {
        expect(weight, phrase).toBeGreaterThan(0);
        expect(weight, phrase).toBeLessThanOrEqual(1);
      }
    }
    const phrases = entries.map((entry) => entry.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('never repeats a technique phrase as a context cue (it would always belong to the phrase)', () => {
    const clashes = CUE_KINDS.flatMap((kind) =>
      (pack.cues[kind] ?? [])
        .filter((entry) => techniquePhrases.has(entry.phrase))
        .map((e) => `${kind}: ${e.phrase}`),
    );
    expect(clashes).toEqual([]);
  });

  it('loads into the WASM core, where phrases and cues must stay distinct after normalisation', async () => {
    const core = await loadCoreFromDisk();
    expect(() => core.loadLexicon(pack)).not.toThrow();
    const text =
      "I'm not saying you must act now. Scammers often say “today only”, but feel free to come back tomorrow.";
    const { matches, cues } = core.scan(text);
    expect(matches.map((m) => text.slice(m.start, m.end).toLowerCase())).toEqual(
      expect.arrayContaining(['act now', 'today only', 'come back tomorrow']),
    );
    expect(new Set(cues.map((cue) => cue.kind))).toEqual(new Set(['negation', 'mention', 'benign.T12']));
  });
});

describe('own assistant-reply examples', () => {
  it('every row has a unique id, text, valid labels and provenance', () => {
    const ids = new Set<string>();
    for (const row of examples) {
      expect(row.id, row.id).toMatch(/^own:(T\d\d|benign):\d+$/);
      expect(ids.has(row.id), row.id).toBe(false);
      ids.add(row.id);
      expect(row.text.trim().length, row.id).toBeGreaterThan(40);
      expect(row.provenance, row.id).toBe('written for Cognitive Firewall');
      expect(new Set(row.labels).size, row.id).toBe(row.labels.length);
      for (const label of row.labels) expect(isTechniqueId(label), `${row.id} ${label}`).toBe(true);
    }
  });

  it('names each row after its main label, or benign when it has none', () => {
    for (const row of examples) {
      const prefix = row.id.split(':')[1] ?? '';
      if (prefix === 'benign') expect(row.labels, row.id).toEqual([]);
      else expect(row.labels, row.id).toContain(prefix);
    }
  });

  it('holds no duplicate texts', () => {
    const texts = examples.map((row) => row.text.toLowerCase().replace(/\s+/g, ' ').trim());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it.each(TECHNIQUE_IDS)(`%s has at least ${MIN_POSITIVES} positive examples`, (id) => {
    expect(examples.filter((row) => row.labels.includes(id)).length).toBeGreaterThanOrEqual(MIN_POSITIVES);
  });

  it(`has at least ${MIN_BENIGN} benign examples`, () => {
    expect(examples.filter((row) => row.labels.length === 0).length).toBeGreaterThanOrEqual(MIN_BENIGN);
  });
});
