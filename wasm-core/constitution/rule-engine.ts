import type { RuleBuffers, WasmCore } from '../core.ts';
import { FACT_SPECS, type FactType } from './fact-catalog.ts';
import { respectedExplanation } from './principles.ts';
import { type CompiledRules, compileRulePacks } from './rule-compiler.ts';
import {
  type ConstitutionOutcome,
  type Facts,
  PRINCIPLE_IDS,
  PRINCIPLE_STATUSES,
  type PrincipleOutcome,
  type RulePack,
} from './rule-pack.ts';
import { validateRulePacks } from './rule-pack-validation.ts';

const NUMBER = 0;
const FLAG = 1;
const STRING = 2;

function conversion(type: FactType): number {
  if (type === 'score' || type === 'count') return NUMBER;
  return type === 'flag' ? FLAG : STRING;
}

const RESPECTED = PRINCIPLE_IDS.map((id) => respectedExplanation(id));

/** Per fact slot the rules read: the slot, the fact's name and how its value converts. */
interface FactReads {
  slots: Int32Array;
  names: readonly string[];
  kinds: Uint8Array;
}

function factReads(usedSlots: Int32Array): FactReads {
  const specs = Array.from(usedSlots, (slot) => FACT_SPECS[slot] as { name: string; type: FactType });
  return {
    slots: usedSlots,
    names: specs.map((spec) => spec.name),
    kinds: Uint8Array.from(specs, (spec) => conversion(spec.type)),
  };
}

const EMPTY: Record<string, unknown> = {};

/**
 * The constitution's rule evaluator (SPEC §5): packs are validated and compiled here, evaluated by the
 * WASM core. One engine holds one set of packs; engines sharing a core each reload their table when
 * another engine's was loaded in between.
 */
export class RuleEngine {
  readonly #core: WasmCore;
  #packs: readonly RulePack[] = [];
  #compiled: CompiledRules = compileRulePacks([]);
  /** The fact slots the loaded rules read. */
  #reads: FactReads = factReads(new Int32Array(0));

  constructor(core: WasmCore) {
    this.#core = core;
  }

  /** The packs loaded, validated (clean copies), in the order given. */
  get packs(): readonly RulePack[] {
    return this.#packs;
  }

  /**
   * Validates and compiles the packs (shipped constitution first, then personal packs: the order is the
   * load order) and loads them into the core, replacing those loaded before. Throws RulePackError naming
   * the pack, rule and problem; the packs loaded before then stay in use.
   */
  load(packs: readonly unknown[]): void {
    const valid = validateRulePacks(packs);
    const compiled = compileRulePacks(valid);
    this.#core.loadRuleTable(compiled);
    this.#packs = valid;
    this.#compiled = compiled;
    this.#reads = factReads(compiled.usedSlots);
  }

  /**
   * All ten principles' outcomes for one set of facts. Never throws on the facts: a fact that is absent,
   * or whose value has the wrong type (a string score, NaN, a number for a flag), counts as missing.
   */
  evaluate(facts: Facts): ConstitutionOutcome {
    const core = this.#core;
    const compiled = this.#compiled;
    if (core.ruleTable !== compiled) core.loadRuleTable(compiled);
    const buffers = core.ruleBuffers();
    this.#readFacts(facts, buffers);
    core.runRules();
    return {
      P1: this.#outcome(0, buffers),
      P2: this.#outcome(1, buffers),
      P3: this.#outcome(2, buffers),
      P4: this.#outcome(3, buffers),
      P5: this.#outcome(4, buffers),
      P6: this.#outcome(5, buffers),
      P7: this.#outcome(6, buffers),
      P8: this.#outcome(7, buffers),
      P9: this.#outcome(8, buffers),
      P10: this.#outcome(9, buffers),
    };
  }

  /**
   * Writes the facts the loaded rules read into the core's fact buffers (other slots are never read). A
   * read that throws (a getter, a proxy) makes that fact missing; the try block wraps the whole loop rather
   * than each read, which keeps the loop fast, and resumes after the fact that threw.
   */
  #readFacts(facts: unknown, { values, present }: RuleBuffers): void {
    const source = typeof facts === 'object' && facts !== null ? (facts as Record<string, unknown>) : EMPTY;
    const { slots, names, kinds } = this.#reads;
    const ids = this.#compiled.strings;
    let k = 0;
    for (;;) {
      try {
        for (; k < slots.length; k++) {
          const slot = slots[k] as number;
          const value = source[names[k] as string];
          if (kinds[k] === NUMBER) {
            if (typeof value === 'number' && !Number.isNaN(value)) {
              values[slot] = value;
              present[slot] = 1;
            } else present[slot] = 0;
          } else if (kinds[k] === FLAG) {
            if (typeof value === 'boolean') {
              values[slot] = value ? 1 : 0;
              present[slot] = 1;
            } else present[slot] = 0;
          } else if (typeof value === 'string') {
            values[slot] = ids.get(value) ?? -1;
            present[slot] = 1;
          } else present[slot] = 0;
        }
        return;
      } catch {
        present[slots[k] as number] = 0;
        k++;
      }
    }
  }

  #outcome(p: number, { flags, principles }: RuleBuffers): PrincipleOutcome {
    const compiled = this.#compiled;
    const ids = compiled.ruleIds;
    const from = compiled.principleStarts[p] as number;
    const to = compiled.principleStarts[p + 1] as number;
    const fired: string[] = [];
    const defeated: string[] = [];
    for (let r = from; r < to; r++) {
      const flag = flags[r] as number;
      if (flag === 0) continue;
      fired.push(ids[r] as string);
      if (flag & 2) defeated.push(ids[r] as string);
    }
    const decider = principles[p * 2 + 1] as number;
    return {
      status: PRINCIPLE_STATUSES[principles[p * 2] as number] ?? 'respected',
      fired,
      defeated,
      explanation: decider >= 0 ? (compiled.explains[decider] as string) : (RESPECTED[p] as string),
    };
  }
}
