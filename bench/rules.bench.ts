import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../models/training/seeded-random.ts';
import { FACT_SPECS } from '../wasm-core/constitution/fact-catalog.ts';
import { RuleEngine } from '../wasm-core/constitution/rule-engine.ts';
import {
  ASSISTANT_STATES,
  type ConstitutionOutcome,
  type FactValue,
  PROTECTION_LEVEL_IDS,
} from '../wasm-core/constitution/rule-pack.ts';
import { validateRulePacks } from '../wasm-core/constitution/rule-pack-validation.ts';
import { loadCoreFromDisk, REPO_ROOT } from '../wasm-core/node.ts';
import { JsonRulesEngineBaseline } from './baselines/json-rules-engine.ts';
import { callsPerSecond, callsPerSecondAsync } from './stats.ts';

const SITES = ['chatgpt.com', 'claude.ai', 'gemini.google.com', 'character'];

/**
 * Fact sets shaped like the analyzer's: every technique's score (most low, some near the concern and
 * violation thresholds, a few strong) and count, the three patterns, and the context, every protection
 * level and drift state in turn.
 */
export function syntheticFactSets(count: number, seed = 7): Record<string, FactValue>[] {
  const next = seededRandom(seed);
  const out: Record<string, FactValue>[] = [];
  for (let i = 0; i < count; i++) {
    const facts: Record<string, FactValue> = {};
    for (const { name, type } of FACT_SPECS) {
      if (type !== 'score') continue;
      const roll = next();
      const score = roll < 0.75 ? next() * 0.35 : roll < 0.92 ? 0.45 + next() * 0.45 : 0.9 + next() * 0.1;
      facts[name] = Math.round(score * 1000) / 1000;
      facts[name.replace(/score$/, 'count')] = score >= 0.6 ? 1 + Math.floor(next() * 3) : 0;
    }
    facts['pattern.trust_before_recommendation'] = next() < 0.08;
    facts['pattern.escalation'] = next() < 0.08;
    facts['pattern.vulnerability_exploit'] = next() < 0.04;
    facts['context.level'] = PROTECTION_LEVEL_IDS[i % PROTECTION_LEVEL_IDS.length] as string;
    facts['context.assistant_state'] = ASSISTANT_STATES[(i >> 2) % ASSISTANT_STATES.length] as string;
    facts['context.site'] = SITES[Math.floor(next() * SITES.length)] as string;
    facts['context.vulnerable'] = next() < 0.15;
    out.push(facts);
  }
  return out;
}

export interface RulesBench {
  rules: number;
  factSets: number;
  wasmPerSecond: number;
  baselinePerSecond: number;
  ratio: number;
}

/**
 * The shipped constitution evaluated (a) by the WASM rule evaluator through RuleEngine, facts object in and
 * outcome out, and (b) by json-rules-engine with the same resolution in JavaScript; same fact sets, one run.
 * Both must give identical outcomes, or the comparison would be meaningless.
 */
export async function benchRules(): Promise<RulesBench> {
  const pack = JSON.parse(readFileSync(join(REPO_ROOT, 'models/rules/constitution.json'), 'utf8')) as unknown;
  const packs = validateRulePacks([pack]);
  const engine = new RuleEngine(await loadCoreFromDisk());
  engine.load(packs);
  const baseline = new JsonRulesEngineBaseline(packs);
  const factSets = syntheticFactSets(512);

  for (const facts of factSets) {
    const ours: ConstitutionOutcome = engine.evaluate(facts);
    const theirs = await baseline.evaluate(facts);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      throw new Error(`the evaluators disagree on ${JSON.stringify(facts)}`);
    }
  }

  const wasmPerSecond = callsPerSecond(factSets, (facts) => engine.evaluate(facts));
  const baselinePerSecond = await callsPerSecondAsync(factSets, (facts) => baseline.evaluate(facts));
  return {
    rules: packs.reduce((sum, p) => sum + p.rules.length, 0),
    factSets: factSets.length,
    wasmPerSecond,
    baselinePerSecond,
    ratio: wasmPerSecond / baselinePerSecond,
  };
}
