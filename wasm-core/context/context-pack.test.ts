import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import type { LexiconPack } from '../lexicon-pack.ts';
import { loadCoreFromDisk, readLexiconFromDisk } from '../node.ts';
import type { UserSignals } from '../types.ts';
import {
  benignCueKind,
  NO_USER_SIGNALS,
  readUserSignals,
  SIGNAL_NAMES,
  signalCueKind,
} from './user-signals.ts';

type CuePack = { id: string; version: number; language: string; description: string; techniques: object };
const raw = JSON.parse(
  readFileSync(new URL('../../models/lexicon/context-en.json', import.meta.url), 'utf8'),
) as CuePack & {
  cues: Record<string, { phrase: string; weight?: number }[]>;
};

const MIN_PHRASES = 20;
/** Phrases are matched on normalised text, so they must already be in that form to ever match. */
const PHRASE_SHAPE = /^[a-z0-9'-]+( [a-z0-9'-]+)*$/;

describe('context-en pack (data)', () => {
  it('is a cues-only pack of the lexicon-pack contract', () => {
    expect(raw).toMatchObject({ id: 'context-en', version: 1, language: 'en', techniques: {} });
    expect(raw.description.length).toBeGreaterThan(20);
    const kinds = new Set([...SIGNAL_NAMES.map(signalCueKind), ...SIGNAL_NAMES.map(benignCueKind)]);
    for (const kind of Object.keys(raw.cues)) expect(kinds, kind).toContain(kind);
  });

  it.each(SIGNAL_NAMES)('%s has enough well-formed, unique first-person phrases', (signal) => {
    const phrases = (raw.cues[signalCueKind(signal)] ?? []).map((entry) => entry.phrase);
    expect(phrases.length).toBeGreaterThanOrEqual(MIN_PHRASES);
    for (const phrase of phrases) expect(phrase).toMatch(PHRASE_SHAPE);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('every benign look-alike contains a phrase of its signal (otherwise it could never cover one)', () => {
    for (const signal of SIGNAL_NAMES) {
      const phrases = (raw.cues[signalCueKind(signal)] ?? []).map((entry) => entry.phrase);
      for (const { phrase } of raw.cues[benignCueKind(signal)] ?? []) {
        expect(
          phrases.some((p) => ` ${phrase} `.includes(` ${p} `) || phrase.startsWith(`${p}'`)),
          `${benignCueKind(signal)}: "${phrase}"`,
        ).toBe(true);
      }
    }
  });
});

describe('context-en pack in the real core', () => {
  let core: WasmCore;
  beforeAll(async () => {
    core = await loadCoreFromDisk();
    core.loadLexicons([raw as unknown as LexiconPack]);
  });

  it('loads alongside core-en, as the analyzer loads them', async () => {
    const both = await loadCoreFromDisk();
    both.loadLexicons([await readLexiconFromDisk(), raw as unknown as LexiconPack]);
    expect(readUserSignals(both, 'I feel so alone')).toEqual(flags({ loneliness: true }));
  });

  const flags = (overrides: Partial<UserSignals>): UserSignals => ({ ...NO_USER_SIGNALS, ...overrides });

  it.each<[string, Partial<UserSignals>]>([
    // loneliness
    ['I have no one to talk to anymore.', { loneliness: true }],
    ['honestly i feel so alone these days', { loneliness: true }],
    ['You’re the only one I can talk to.', { loneliness: true }],
    ['I LOVE my alone time on Sundays.', {}],
    ['Leave me alone, I am trying to work.', {}],
    ['I have no one else to blame but myself.', {}],
    ['No one understands me better than my wife does.', {}],
    ['She feels so alone since the move — how can I help her?', {}],
    // grief
    ['My mom passed away last month and I keep thinking about her.', { grief: true }],
    ["It's been hard since he died.", { grief: true }],
    ['I lost my dad in March.', { grief: true }],
    ["I lost my dad's watch at the beach.", {}],
    ['Since he passed the bar exam he has been unbearable.', {}],
    ['When did Queen Elizabeth die?', {}],
    // distress
    ["I can't cope anymore, everything is too much.", { distress: true }],
    ['I just want to disappear.', { distress: true }],
    ["I'm having a panic attack right now", { distress: true }],
    ['Write an essay about panic attacks in teenagers.', {}],
    ["I'm going to kill myself laughing if this works", {}],
    ['Can you help me cope with stress at work?', {}],
    // minor
    ["I'm 14 and my parents won't let me have Instagram.", { minor: true }],
    ['i am 13 years old', { minor: true }],
    ["I'm in 8th grade and need help with fractions", { minor: true }],
    ['For my homework my teacher wants a poem.', { minor: true }],
    ["I'm 14 minutes late, can you write an apology?", {}],
    ["I'm 15 years into my career as a nurse.", {}],
    ['My son is in 8th grade.', {}],
    ['I am 17 hours into this drive.', {}],
    // several at once, and nothing
    [
      "I'm 15, I feel so lonely since my dad died and I can't go on.",
      { minor: true, loneliness: true, grief: true, distress: true },
    ],
    ['What is the capital of France?', {}],
  ])('"%s" → %j', (message, expected) => {
    expect(readUserSignals(core, message)).toEqual(flags(expected));
  });

  it('reads signals through evasion the perimeter folds (case, full-width, zero-width)', () => {
    expect(readUserSignals(core, 'I FEEL SO ALONE')).toEqual(flags({ loneliness: true }));
    expect(readUserSignals(core, 'i feel so a\u200Blone')).toEqual(flags({ loneliness: true }));
    expect(readUserSignals(core, 'ｉ ｆｅｅｌ ｓｏ ａｌｏｎｅ')).toEqual(flags({ loneliness: true }));
  });
});
