import { personalPackProblem } from './personal-rules.ts';
import type { ConstitutionOutcome, Facts, RulePack } from './rule-pack.ts';

/** What the evaluator needs of the rule engine (rule-engine.ts). */
export interface RuleEvaluator {
  load(packs: readonly unknown[]): void;
  evaluate(facts: Facts): ConstitutionOutcome;
}

export interface ConstitutionVerdict {
  outcome: ConstitutionOutcome;
  /** Why the personal packs were left out (the outcome then comes from the shipped constitution alone). */
  personalPacksError?: string;
}

/** JSON with object keys sorted, so equal packs give equal strings whatever order their keys arrived in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The shipped constitution plus whichever personal packs the current reply comes with. Compiling packs costs
 * far more than evaluating them, so the engine is reloaded only when the personal packs differ from the last
 * call's (compared as canonical JSON). Personal packs that fail validation are left out, with the reason, and
 * the reply is judged by the shipped constitution alone: a broken personal rule never costs the user the
 * constitution's protection.
 */
export class ConstitutionEvaluator {
  readonly #engine: RuleEvaluator;
  readonly #shipped: unknown;
  #loadedKey = '[]';
  #loadError: string | undefined;

  /** Loads the shipped constitution; throws (RulePackError) when it is invalid. */
  constructor(engine: RuleEvaluator, shipped: RulePack | unknown) {
    this.#engine = engine;
    this.#shipped = shipped;
    engine.load([shipped]);
  }

  evaluate(facts: Facts, personalPacks: readonly unknown[] | undefined): ConstitutionVerdict {
    const packs = Array.isArray(personalPacks) ? personalPacks : [];
    let key: string;
    try {
      key = canonicalJson(packs);
    } catch (error) {
      // Cyclic or otherwise unserialisable input cannot be a pack; no canonical string equals ''.
      this.#loadedKey = '';
      this.#load([], `personal packs are not JSON: ${message(error)}`);
      return this.#verdict(facts);
    }
    if (key !== this.#loadedKey) {
      this.#loadedKey = key;
      const problem = packs.map(personalPackProblem).find((p) => p !== null) ?? undefined;
      this.#load(problem ? [] : packs, problem);
    }
    return this.#verdict(facts);
  }

  #verdict(facts: Facts): ConstitutionVerdict {
    const outcome = this.#engine.evaluate(facts);
    return this.#loadError === undefined ? { outcome } : { outcome, personalPacksError: this.#loadError };
  }

  #load(personal: readonly unknown[], problem: string | undefined): void {
    let error = problem;
    if (error === undefined && personal.length > 0) {
      try {
        this.#engine.load([this.#shipped, ...personal]);
        this.#loadError = undefined;
        return;
      } catch (loadError) {
        error = message(loadError);
      }
    }
    this.#engine.load([this.#shipped]);
    this.#loadError = error;
  }
}
