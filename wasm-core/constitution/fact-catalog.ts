import { TECHNIQUE_IDS } from '../taxonomy.ts';
import { ASSISTANT_STATES, PROTECTION_LEVEL_IDS } from './rule-pack.ts';

/**
 * The facts a rule can read and the values each takes. The order is the slot order of the compiled rule
 * table (rule-compiler.ts), so the core and the host agree on where each fact lives.
 *
 * - score: a technique's score, a number in [0, 1];
 * - count: how often a technique occurs, a non-negative integer;
 * - flag: true or false;
 * - level / state: one of PROTECTION_LEVEL_IDS / ASSISTANT_STATES;
 * - site: any string (a host name).
 */
export type FactType = 'score' | 'count' | 'flag' | 'level' | 'state' | 'site';

export interface FactSpec {
  name: string;
  type: FactType;
}

export const PATTERN_FACTS = [
  'pattern.trust_before_recommendation',
  'pattern.escalation',
  'pattern.vulnerability_exploit',
] as const;

export const FACT_SPECS: readonly FactSpec[] = [
  ...TECHNIQUE_IDS.flatMap((id): FactSpec[] => [
    { name: `technique.${id}.score`, type: 'score' },
    { name: `technique.${id}.count`, type: 'count' },
  ]),
  ...PATTERN_FACTS.map((name): FactSpec => ({ name, type: 'flag' })),
  { name: 'context.level', type: 'level' },
  { name: 'context.site', type: 'site' },
  { name: 'context.vulnerable', type: 'flag' },
  { name: 'context.assistant_state', type: 'state' },
];

/** Slot of each fact name. */
export const FACT_SLOTS: ReadonlyMap<string, number> = new Map(
  FACT_SPECS.map((spec, slot) => [spec.name, slot]),
);

/** The closed value lists of the string facts that have one. */
export const FACT_STRING_DOMAINS: Readonly<Partial<Record<FactType, readonly string[]>>> = {
  level: PROTECTION_LEVEL_IDS,
  state: ASSISTANT_STATES,
};

export function isNumericFact(type: FactType): boolean {
  return type === 'score' || type === 'count';
}

/** Whether a value has the fact's type (strings of a closed list must be in it). */
export function fitsFact(type: FactType, value: unknown): boolean {
  switch (type) {
    case 'score':
    case 'count':
      return typeof value === 'number' && Number.isFinite(value);
    case 'flag':
      return typeof value === 'boolean';
    case 'site':
      return typeof value === 'string';
    case 'level':
    case 'state':
      return typeof value === 'string' && (FACT_STRING_DOMAINS[type] as readonly string[]).includes(value);
  }
}
