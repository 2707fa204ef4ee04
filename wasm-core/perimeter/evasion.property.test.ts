import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import type { LexiconPack } from '../lexicon-pack.ts';
import { loadCoreFromDisk, readLexiconFromDisk } from '../node.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import {
  ASSISTANT_CONTEXTS,
  combined,
  EVASION_CLASSES,
  type EvasionClass,
  OBFUSCATE,
} from './obfuscations.ts';

/*
 * For every phrase of every technique in the shipped lexicon (read now: it grows), obfuscations of each
 * evasion class alone and of random combinations, embedded in assistant-style sentences, must still be found
 * for the same technique, with a span that starts at the obfuscated phrase's first code unit and ends after
 * its last. Generation is seeded, so a failure reproduces; the rate over all cases must reach 99 %.
 */

const SAMPLES_PER_CLASS = 2;
const COMBINATIONS_PER_PHRASE = 4;
const REQUIRED_RATE = 0.99;

interface Case {
  technique: TechniqueId;
  phrase: string;
  classes: readonly string[];
  text: string;
  start: number;
  end: number;
}

let core: WasmCore;
let pack: LexiconPack;
beforeAll(async () => {
  core = await loadCoreFromDisk();
  pack = await readLexiconFromDisk();
  core.loadLexicon(pack);
});

function seedOf(...parts: (string | number)[]): number {
  let hash = 0x5eed;
  for (const ch of parts.join('|')) hash = (Math.imul(hash, 31) + (ch.codePointAt(0) as number)) | 0;
  return hash;
}

function embed(obfuscated: string, context: string): { text: string; start: number; end: number } {
  const start = context.indexOf('{p}');
  return {
    text: context.slice(0, start) + obfuscated + context.slice(start + 3),
    start,
    end: start + obfuscated.length,
  };
}

function detected(c: Case): boolean {
  return core
    .scan(c.text)
    .matches.some((m) => m.technique === c.technique && m.start === c.start && m.end === c.end);
}

describe('perimeter: evasion', () => {
  it('finds every lexicon phrase through every evasion class and their combinations, spans exact', () => {
    const cases: Case[] = [];
    const context = fc.constantFrom(...ASSISTANT_CONTEXTS);
    for (const technique of TECHNIQUE_IDS) {
      for (const { phrase } of pack.techniques[technique] ?? []) {
        EVASION_CLASSES.forEach((name: EvasionClass) => {
          const arbitrary = fc.tuple(OBFUSCATE[name](phrase), context);
          for (const [obfuscated, sentence] of fc.sample(arbitrary, {
            seed: seedOf(technique, phrase, name),
            numRuns: SAMPLES_PER_CLASS,
          })) {
            cases.push({ technique, phrase, classes: [name], ...embed(obfuscated, sentence) });
          }
        });
        const mixed = fc.tuple(combined(phrase), context);
        for (const [{ classes, text }, sentence] of fc.sample(mixed, {
          seed: seedOf(technique, phrase, 'combined'),
          numRuns: COMBINATIONS_PER_PHRASE,
        })) {
          cases.push({ technique, phrase, classes, ...embed(text, sentence) });
        }
      }
    }

    const failures = cases.filter((c) => !detected(c));
    const failed = new Set(failures);
    const byClass = new Map<string, { total: number; failed: number }>();
    for (const c of cases) {
      const key = c.classes.length === 1 ? (c.classes[0] as string) : 'combined';
      const entry = byClass.get(key) ?? { total: 0, failed: 0 };
      entry.total++;
      if (failed.has(c)) entry.failed++;
      byClass.set(key, entry);
    }
    const rate = 1 - failures.length / cases.length;
    const lines = [...byClass].map(
      ([key, { total, failed }]) =>
        `  ${key.padEnd(18)} ${(100 * (1 - failed / total)).toFixed(2)} % of ${total}`,
    );
    console.log(
      `evasion: ${(100 * rate).toFixed(2)} % of ${cases.length} cases detected with exact spans\n${lines.join('\n')}` +
        (failures.length > 0
          ? `\nmissed (first 25 of ${failures.length}):\n${failures
              .slice(0, 25)
              .map((c) => `  ${c.technique} "${c.phrase}" [${c.classes.join('+')}] ${JSON.stringify(c.text)}`)
              .join('\n')}`
          : ''),
    );
    expect(cases.length).toBeGreaterThan(TECHNIQUE_IDS.length * 30 * (EVASION_CLASSES.length + 1));
    expect(rate).toBeGreaterThanOrEqual(REQUIRED_RATE);
    for (const [key, { total, failed }] of byClass) {
      expect(failed / total, `${key} misses`).toBeLessThan(0.05);
    }
  }, 60_000);
});
