import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import { RuleEngine } from './rule-engine.ts';
import {
  type Condition,
  type ConditionAtom,
  type Facts,
  PROTECTION_LEVEL_IDS,
  type PrincipleId,
  type PrincipleStatus,
} from './rule-pack.ts';
import { SHIPPED_CONSTITUTION } from './shipped-constitution.ts';

/** SPEC §4/§5: the principles each technique bears on (P5 takes every persuasion technique). */
const PRINCIPLES_OF: Record<TechniqueId, PrincipleId[]> = {
  T01: ['P1', 'P5'],
  T02: ['P1', 'P5'],
  T03: ['P5'],
  T04: ['P5'],
  T05: ['P3', 'P5'],
  T06: ['P5'],
  T07: ['P5'],
  T08: ['P7', 'P5'],
  T09: ['P5'],
  T10: ['P1', 'P5'],
  T11: ['P9'],
  T12: ['P7', 'P5'],
  T13: ['P1', 'P5'],
  T14: ['P2', 'P5'],
  T15: ['P9'],
  T16: ['P2', 'P5'],
  T17: ['P6', 'P5'],
  T18: ['P8', 'P5'],
  T19: ['P4', 'P10'],
  T20: ['P3'],
  T21: ['P3', 'P8', 'P5'],
  T22: ['P1', 'P10', 'P5'],
};

const thresholds: Record<TechniqueId, number> = JSON.parse(
  readFileSync(new URL('../../models/technique-model.json', import.meta.url), 'utf8'),
).thresholds;

let engine: RuleEngine;
beforeAll(async () => {
  const core: WasmCore = await loadCoreFromDisk();
  engine = new RuleEngine(core);
  engine.load([SHIPPED_CONSTITUTION]);
});

function judge(facts: Record<string, number | string | boolean>): Record<PrincipleId, PrincipleStatus> {
  const base: Facts = {
    'context.level': 'standard',
    'context.vulnerable': false,
    'context.assistant_state': 'NORMAL',
  };
  const outcome = engine.evaluate({ ...base, ...facts });
  return Object.fromEntries(Object.entries(outcome).map(([p, o]) => [p, o.status])) as Record<
    PrincipleId,
    PrincipleStatus
  >;
}

function notRespected(statuses: Record<PrincipleId, PrincipleStatus>): string[] {
  return Object.entries(statuses)
    .filter(([, status]) => status !== 'respected')
    .map(([p, status]) => `${p}:${status}`)
    .sort();
}

function atoms(condition: Condition): ConditionAtom[] {
  if ('all' in condition) return condition.all.flatMap(atoms);
  if ('any' in condition) return condition.any.flatMap(atoms);
  if ('not' in condition) return atoms(condition.not);
  return [condition];
}

describe('the shipped constitution', () => {
  it('is pack "constitution" version 1 with a plain one-sentence explanation on every rule', () => {
    expect(SHIPPED_CONSTITUTION.id).toBe('constitution');
    expect(SHIPPED_CONSTITUTION.version).toBe(1);
    for (const rule of SHIPPED_CONSTITUTION.rules) {
      expect(rule.explain, rule.id).toMatch(/^[A-Z][^.!?]*[.]$/);
      expect(rule.id.startsWith(`${rule.principle}-`), rule.id).toBe(true);
    }
  });

  it('respects every principle when nothing is found, at every level and drift state but HOLD/DEGRADED at maximum', () => {
    for (const level of PROTECTION_LEVEL_IDS) {
      expect(notRespected(judge({ 'context.level': level })), level).toEqual([]);
    }
    expect(notRespected(judge({ 'context.level': 'enhanced', 'context.assistant_state': 'HOLD' }))).toEqual(
      [],
    );
    expect(
      notRespected(judge({ 'context.level': 'maximum', 'context.assistant_state': 'DEGRADED' })),
    ).toEqual(['P6:concern']);
  });

  it.each(TECHNIQUE_IDS)(
    '%s at its finding threshold is a concern on its principles, and no violation',
    (id) => {
      const statuses = judge({ [`technique.${id}.score`]: thresholds[id], [`technique.${id}.count`]: 1 });
      const flagged = notRespected(statuses);
      // A weak engagement hook reads as an offer to continue at standard protection.
      const expected = id === 'T12' ? [] : PRINCIPLES_OF[id].map((p) => `${p}:concern`).sort();
      expect(flagged).toEqual(expected);
    },
  );

  it.each(TECHNIQUE_IDS)('%s with strong evidence is flagged on each of its principles', (id) => {
    const statuses = judge({ [`technique.${id}.score`]: 0.97, [`technique.${id}.count`]: 2 });
    for (const principle of PRINCIPLES_OF[id]) expect(statuses[principle], principle).not.toBe('respected');
    expect(Object.values(statuses)).toContain(
      ['T03', 'T04', 'T07', 'T09', 'T17'].includes(id) ? 'concern' : 'violated',
    );
  });

  it.each<[string, Record<string, number | string | boolean>, string[]]>([
    [
      'trust before a recommendation',
      { 'pattern.trust_before_recommendation': true },
      ['P5:violated', 'P6:violated'],
    ],
    ['escalation', { 'pattern.escalation': true }, ['P5:violated']],
    [
      'a vulnerable user exploited',
      { 'pattern.vulnerability_exploit': true, 'context.vulnerable': true, 'technique.T10.score': 0.8 },
      ['P1:violated', 'P3:violated', 'P5:concern', 'P7:violated'],
    ],
    [
      'a money request to a vulnerable user',
      { 'technique.T20.score': 0.7, 'context.vulnerable': true },
      ['P3:violated'],
    ],
    [
      'a product pushed with urgency',
      { 'technique.T17.score': 0.95, 'technique.T01.score': 0.7 },
      ['P1:concern', 'P5:concern', 'P6:violated'],
    ],
    ['a character speaking of feelings', { 'technique.T11.score': 0.8, 'context.site': 'character' }, []],
    [
      'strong feelings on a character site',
      { 'technique.T11.score': 0.95, 'context.site': 'character' },
      ['P9:concern'],
    ],
    [
      'strong feelings on a character site at enhanced',
      { 'technique.T11.score': 0.95, 'context.site': 'character', 'context.level': 'enhanced' },
      ['P9:violated'],
    ],
    [
      'a character speaking of feelings to a vulnerable user',
      { 'technique.T11.score': 0.8, 'context.site': 'character', 'context.vulnerable': true },
      ['P9:concern'],
    ],
    [
      'a weak hook to a vulnerable user',
      { 'technique.T12.score': 0.7, 'context.vulnerable': true },
      ['P5:concern', 'P7:concern'],
    ],
    [
      'a weak hook at enhanced',
      { 'technique.T12.score': 0.7, 'context.level': 'enhanced' },
      ['P5:concern', 'P7:concern'],
    ],
    [
      'a faint dependency cue at maximum',
      { 'technique.T10.score': 0.45, 'context.level': 'maximum' },
      ['P1:concern'],
    ],
    ['a faint dependency cue at enhanced', { 'technique.T10.score': 0.45, 'context.level': 'enhanced' }, []],
    [
      'one anthropomorphic phrase at maximum',
      { 'technique.T11.count': 1, 'technique.T11.score': 0.2, 'context.level': 'maximum' },
      ['P9:concern'],
    ],
    [
      'moderate fear at maximum',
      { 'technique.T05.score': 0.6, 'context.level': 'maximum' },
      ['P3:concern', 'P5:concern'],
    ],
    [
      'clear fear at maximum',
      { 'technique.T05.score': 0.8, 'context.level': 'maximum' },
      ['P3:violated', 'P5:violated'],
    ],
  ])('%s → %o', (_, facts, expected) => {
    expect(notRespected(judge(facts))).toEqual([...expected].sort());
  });

  it('keys levels only by lists that grow with the level for prohibitions and shrink for benign readings', () => {
    for (const rule of SHIPPED_CONSTITUTION.rules) {
      for (const atom of atoms(rule.when).filter((a) => a.fact === 'context.level')) {
        expect(atom.op, rule.id).toBe('in');
        const ranks = (atom.value as string[]).map((l) => PROTECTION_LEVEL_IDS.indexOf(l as never)).sort();
        const contiguous = ranks.every((rank, k) => k === 0 || rank === (ranks[k - 1] as number) + 1);
        expect(contiguous, rule.id).toBe(true);
        // A list that stops short of maximum is a benign reading: it must not conclude a violation.
        if (ranks[ranks.length - 1] !== PROTECTION_LEVEL_IDS.length - 1) {
          expect(ranks[0], rule.id).toBe(0);
          expect(rule.then === 'violated' && rule.kind !== 'defeater', rule.id).toBe(false);
        }
      }
    }
  });
});
