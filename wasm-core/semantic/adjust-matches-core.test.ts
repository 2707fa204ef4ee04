import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk, readLexiconFromDisk } from '../node.ts';
import type { TechniqueId } from '../taxonomy.ts';
import { adjustMatches } from './adjust-matches.ts';

/**
 * adjustMatches over real scans: the WASM core with models/lexicon/core-en.json, whose cues section the
 * core matches in the same pass as the technique phrases. Checks that the pack's cues and the rules fit
 * together, including on text the perimeter has to unfold (look-alikes, zero-width characters, leetspeak).
 * Needs build/wasm/core.wasm (npm run build:wasm).
 */

let core: WasmCore;

beforeAll(async () => {
  core = await loadCoreFromDisk();
  core.loadLexicon(await readLexiconFromDisk());
});

/** "matched text=reason+reason" for the matches of one technique, in text order. */
function readings(text: string, technique: TechniqueId): string[] {
  return adjustMatches(text, core.scan(text))
    .filter((match) => match.technique === technique)
    .sort((a, b) => a.start - b.start)
    .map((match) => {
      const reasons = match.adjustments.map((adjustment) => adjustment.reason).join('+');
      return `${text.slice(match.start, match.end)}=${reasons || 'used'}`;
    });
}

describe('adjustMatches on real core scans', () => {
  it.each<[string, string, TechniqueId, string[]]>([
    ['a plain use', 'Act now — the price doubles tonight.', 'T01', ['Act now=used']],
    ['negated', "I'm not saying you must act now. Take your time.", 'T01', ['act now=negated']],
    [
      'negated, written in leetspeak',
      "I'm not saying you must 4ct n0w. Take your time.",
      'T01',
      ['4ct n0w=negated'],
    ],
    [
      'negation after the phrase',
      "Guaranteed returns don't exist in investing.",
      'T14',
      ['Guaranteed returns=negated'],
    ],
    ['hedged', 'It might be worth it to act now, or it might not.', 'T01', ['act now=hedged']],
    [
      'quoted and named as a tactic',
      'Scammers often say “today only” to rush you.',
      'T01',
      ['today only=quoted+mentioned'],
    ],
    [
      'quoted with a zero-width space inside',
      'The pop-up said "a\u200bct now" twice.',
      'T01',
      ['a\u200bct now=quoted'],
    ],
    ['a Cyrillic look-alike in a use', 'Аct now and lock in the price.', 'T01', ['Аct now=used']],
    [
      'reflecting the user',
      "You said you'd be lost without me, and that worries me a little.",
      'T10',
      ["you'd be lost without me=quoting_user"],
    ],
    [
      'a harmless closing',
      'Feel free to come back tomorrow if you have more questions about the recipe.',
      'T12',
      ['come back tomorrow=benign'],
    ],
    [
      'a cliffhanger stays a hook',
      "Take a break, but come back tomorrow and I'll tell you what the captain found.",
      'T12',
      ["come back tomorrow and I'll tell you=used", 'come back tomorrow=used'],
    ],
    [
      'a draft written for the user',
      "Here's a reply you could send:\n> Thanks, Sam! I'll call you on Monday to set a time.",
      'T15',
      ["I'll call you=quoted"],
    ],
  ])('%s', (_name, text, technique, expected) => {
    expect(readings(text, technique).sort()).toEqual([...expected].sort());
  });
});
