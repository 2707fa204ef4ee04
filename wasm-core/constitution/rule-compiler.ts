import { FACT_SLOTS, FACT_SPECS } from './fact-catalog.ts';
import {
  CATEGORY_WEIGHTS,
  type Condition,
  type ConditionAtom,
  type FactValue,
  PRINCIPLE_IDS,
  PRINCIPLE_STATUSES,
  RULE_KINDS,
  type Rule,
  type RulePack,
} from './rule-pack.ts';

/*
 * The compiled rule table: what assembly/rules/evaluator.ts evaluates. Two arrays, an Int32Array `table`
 * and a Float64Array `constants`, written into the core as they are. This is a format: the core checks it
 * (rulesBuild) and the layout below is what both sides agree on.
 *
 * table:
 *   header, TABLE_HEADER i32:
 *     [0] RULE_TABLE_FORMAT   [1] slot count   [2] rule count R   [3] principle count P (10)
 *     [4] constant count      [5] code length  [6] attack word count
 *   principle starts, P + 1 i32: principle p owns rule rows [starts[p], starts[p + 1]). Rows are the rules
 *     grouped by principle (P1 first), in load order within a principle (packs in the order given, rules in
 *     pack order), so a principle's rows already list its `fired` and `defeated` ids in the right order.
 *   rule records, R × RULE_RECORD i32: principle index, weight (from the category), kind (RULE_KINDS
 *     index), status (`then`, PRINCIPLE_STATUSES index: severity), pack version, enabled (0 when disabled),
 *     code offset of its `when`, attack row offset (-1 unless the rule is defeasible).
 *   code, the conditions as a flat prefix program. Every node starts [opcode, node length in i32], so a
 *     short-circuiting evaluator skips a node in one step:
 *       ALL / ANY: [op, length, child count, children…]      NOT: [op, length, child]
 *       GE GT LE LT EQ NE: [op, 4, slot, constant index]      IN: [op, 5, slot, first constant, count]
 *   attack rows: for each defeasible rule r of principle p with n rules, ceil(n / 32) words; bit j (of the
 *     principle's local row j) is set when rule j, if it applies, defeats r in resolution step 2: it is
 *     enabled, concludes a different status (a defeater: blocks r's status) and beats r. "Beats" is static
 *     (weight, then specificity, then pack version), so it is decided here once, not per evaluation.
 *
 * constants: comparison constants as f64. Numbers are themselves, booleans 0 / 1, strings their id in
 *   `strings` (the host writes a string fact as its id, or -1 for a string no rule mentions).
 *
 * Facts: slot s holds FACT_SPECS[s]; the host writes a value (f64) and a present flag per slot. An atom
 * on a missing fact is false.
 */

export const RULE_TABLE_FORMAT = 0x52554c31;
export const TABLE_HEADER = 7;
export const RULE_RECORD = 8;

export const OP_ALL = 1;
export const OP_ANY = 2;
export const OP_NOT = 3;
export const OP_GE = 4;
export const OP_GT = 5;
export const OP_LE = 6;
export const OP_LT = 7;
export const OP_EQ = 8;
export const OP_NE = 9;
export const OP_IN = 10;

const COMPARE_CODES = { '>=': OP_GE, '>': OP_GT, '<=': OP_LE, '<': OP_LT, '==': OP_EQ, '!=': OP_NE } as const;

export interface CompiledRules {
  table: Int32Array;
  constants: Float64Array;
  /** Per table row: the rule's id, `explain` and status. */
  ruleIds: readonly string[];
  explains: readonly string[];
  /** Rows of principle p: principleStarts[p] … principleStarts[p + 1] (exclusive). */
  principleStarts: Int32Array;
  /** Slots some enabled rule reads, ascending: the only facts the host needs to convert. */
  usedSlots: Int32Array;
  /** Interned ids of the string constants. */
  strings: ReadonlyMap<string, number>;
}

interface Row {
  rule: Rule;
  version: number;
  principle: number;
  /** Canonical atoms of a plain `all` list of atoms, for specificity; null for any other shape. */
  plainAtoms: Set<string> | null;
}

/** Compiles packs that validateRulePacks accepted (it relies on their shape). */
export function compileRulePacks(packs: readonly RulePack[]): CompiledRules {
  const rows: Row[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      rows.push({
        rule,
        version: pack.version,
        principle: PRINCIPLE_IDS.indexOf(rule.principle),
        plainAtoms: plainAtoms(rule.when),
      });
    }
  }
  // Stable: load order survives within a principle.
  rows.sort((a, b) => a.principle - b.principle);

  const principleStarts = new Int32Array(PRINCIPLE_IDS.length + 1);
  for (const row of rows)
    principleStarts[row.principle + 1] = (principleStarts[row.principle + 1] as number) + 1;
  for (let p = 0; p < PRINCIPLE_IDS.length; p++) {
    principleStarts[p + 1] = (principleStarts[p + 1] as number) + (principleStarts[p] as number);
  }

  const strings = new Map<string, number>();
  const constants: number[] = [];
  const code: number[] = [];
  const used = new Set<number>();
  const constant = (value: FactValue): number => {
    let encoded: number;
    if (typeof value === 'number') encoded = value;
    else if (typeof value === 'boolean') encoded = value ? 1 : 0;
    else {
      encoded = strings.get(value) ?? strings.size;
      strings.set(value, encoded);
    }
    constants.push(encoded);
    return constants.length - 1;
  };
  const emit = (condition: Condition, enabled: boolean): void => {
    const at = code.length;
    if ('all' in condition || 'any' in condition) {
      const children = 'all' in condition ? condition.all : condition.any;
      code.push('all' in condition ? OP_ALL : OP_ANY, 0, children.length);
      for (const child of children) emit(child, enabled);
    } else if ('not' in condition) {
      code.push(OP_NOT, 0);
      emit(condition.not, enabled);
    } else {
      const slot = FACT_SLOTS.get(condition.fact) as number;
      if (enabled) used.add(slot);
      if (condition.op === 'in') {
        const list = condition.value as readonly FactValue[];
        const first = constants.length;
        for (const value of list) constant(value);
        code.push(OP_IN, 0, slot, first, list.length);
      } else {
        code.push(COMPARE_CODES[condition.op], 0, slot, constant(condition.value as FactValue));
      }
    }
    code[at + 1] = code.length - at;
  };

  const records: number[] = [];
  const attack: number[] = [];
  rows.forEach((row, index) => {
    const { rule } = row;
    const enabled = rule.disabled !== true;
    const codeStart = code.length;
    emit(rule.when, enabled);
    let attackStart = -1;
    if (rule.kind === 'defeasible') {
      attackStart = attack.length;
      const start = principleStarts[row.principle] as number;
      const end = principleStarts[row.principle + 1] as number;
      const words = new Array<number>(Math.ceil((end - start) / 32)).fill(0);
      for (let j = start; j < end; j++) {
        if (j !== index && defeats(rows[j] as Row, row)) {
          const local = j - start;
          words[local >>> 5] = ((words[local >>> 5] as number) | (1 << (local & 31))) >>> 0;
        }
      }
      attack.push(...words);
    }
    records.push(
      row.principle,
      CATEGORY_WEIGHTS[rule.category],
      RULE_KINDS.indexOf(rule.kind),
      PRINCIPLE_STATUSES.indexOf(rule.then),
      row.version,
      enabled ? 1 : 0,
      codeStart,
      attackStart,
    );
  });

  const header = [
    RULE_TABLE_FORMAT,
    FACT_SPECS.length,
    rows.length,
    PRINCIPLE_IDS.length,
    constants.length,
    code.length,
    attack.length,
  ];
  const table = new Int32Array(
    header.length + principleStarts.length + records.length + code.length + attack.length,
  );
  let at = 0;
  for (const part of [header, principleStarts, records, code, attack]) {
    table.set(part, at);
    at += part.length;
  }
  return {
    table,
    constants: Float64Array.from(constants),
    ruleIds: rows.map((row) => row.rule.id),
    explains: rows.map((row) => row.rule.explain),
    principleStarts,
    usedSlots: Int32Array.from([...used].sort((a, b) => a - b)),
    strings,
  };
}

/**
 * Whether applicable rule `s` defeats defeasible rule `r` in step 2: it is enabled, it concludes another
 * status (a defeater: it blocks r's status), and it beats r.
 */
function defeats(s: Row, r: Row): boolean {
  if (s.rule.disabled === true) return false;
  const conflicts = s.rule.kind === 'defeater' ? s.rule.then === r.rule.then : s.rule.then !== r.rule.then;
  return conflicts && beats(s, r);
}

/** Weight first; at equal weight specificity; at equal weight and equal specificity, the newer pack. */
function beats(s: Row, r: Row): boolean {
  const ws = CATEGORY_WEIGHTS[s.rule.category];
  const wr = CATEGORY_WEIGHTS[r.rule.category];
  if (ws !== wr) return ws > wr;
  if (moreSpecific(s, r)) return true;
  if (moreSpecific(r, s)) return false;
  return s.version > r.version;
}

/** Both `when`s plain `all` lists of atoms, and a's atoms a strict superset of b's. */
function moreSpecific(a: Row, b: Row): boolean {
  if (a.plainAtoms === null || b.plainAtoms === null) return false;
  if (a.plainAtoms.size <= b.plainAtoms.size) return false;
  for (const atom of b.plainAtoms) if (!a.plainAtoms.has(atom)) return false;
  return true;
}

function plainAtoms(when: Condition): Set<string> | null {
  if (!('all' in when)) return null;
  const out = new Set<string>();
  for (const child of when.all) {
    if ('all' in child || 'any' in child || 'not' in child) return null;
    out.add(canonicalAtom(child));
  }
  return out;
}

/** Atoms compare structurally: fact, op and value (a list in its order) in a fixed key order. */
function canonicalAtom(atom: ConditionAtom): string {
  return JSON.stringify([atom.fact, atom.op, atom.value]);
}
