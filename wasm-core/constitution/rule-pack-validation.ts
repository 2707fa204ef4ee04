import {
  ConditionTooComplexError,
  type Conjunct,
  canBothHold,
  MAX_DNF_CONJUNCTS,
  toDnf,
} from './condition-satisfiability.ts';
import { FACT_SLOTS, FACT_SPECS, FACT_STRING_DOMAINS, type FactType, isNumericFact } from './fact-catalog.ts';
import {
  CATEGORY_WEIGHTS,
  CONDITION_OPS,
  type Condition,
  type ConditionAtom,
  type ConditionOp,
  type FactValue,
  PRINCIPLE_IDS,
  PRINCIPLE_STATUSES,
  type PrincipleId,
  type PrincipleStatus,
  RULE_KINDS,
  type Rule,
  type RuleCategory,
  type RuleKind,
  type RulePack,
} from './rule-pack.ts';

/** Bounds on what one load may hold, so a hostile or broken pack cannot stall the evaluator or its checks. */
export const RULE_PACK_LIMITS = {
  packs: 64,
  /** Rules across all packs loaded together. */
  rules: 2000,
  /** Nesting of all/any/not, the rule's `when` being level 1. */
  conditionDepth: 16,
  /** Atoms and all/any/not nodes in one rule's `when`. */
  conditionNodes: 256,
  inValues: 256,
  idLength: 128,
  explainLength: 500,
  stringValueLength: 256,
  /** Numeric constants lie in [-bound, bound]. */
  numberBound: 1e9,
  /** Alternatives of a strict rule's `when` in disjunctive normal form (contradiction check). */
  dnfConjuncts: MAX_DNF_CONJUNCTS,
} as const;

/** A rule pack that cannot be loaded; the message names the pack, the rule and the problem. */
export class RulePackError extends Error {
  override name = 'RulePackError';

  constructor(
    /** The pack's id (or `#n`, its position, when it has no usable id); null for a problem with the list. */
    readonly packId: string | null,
    /** The rule's id (or `#n`, its position); null for a problem with the pack itself. */
    readonly ruleId: string | null,
    readonly problem: string,
  ) {
    super(
      packId === null
        ? `rule packs: ${problem}`
        : `pack ${label(packId)}${ruleId === null ? '' : ` rule ${label(ruleId)}`}: ${problem}`,
    );
  }
}

/** Ids are quoted; positions (`#3`) are not. */
function label(id: string): string {
  return id.startsWith('#') ? id : `"${id}"`;
}

const PACK_KEYS = new Set(['id', 'version', 'rules']);
const RULE_KEYS = new Set(['id', 'principle', 'category', 'kind', 'when', 'then', 'explain', 'disabled']);
const ATOM_KEYS = new Set(['fact', 'op', 'value']);
const ORDERING_OPS = new Set<ConditionOp>(['>=', '>', '<=', '<']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

function oneOf(list: readonly string[]): string {
  return list.join(', ');
}

/**
 * Checks packs loaded together (the shipped constitution, then personal packs) against the rule pack format
 * and returns clean copies holding exactly the format's fields. Throws RulePackError at the first problem:
 * a malformed field, an unknown fact, a bad operator, a value of the wrong type for its fact, a duplicate
 * id, a bound exceeded, or two enabled strict rules of one principle with different statuses that can both
 * apply to some reply.
 */
export function validateRulePacks(packs: readonly unknown[]): RulePack[] {
  if (!Array.isArray(packs)) throw new RulePackError(null, null, 'expected an array of packs');
  if (packs.length > RULE_PACK_LIMITS.packs) {
    throw new RulePackError(
      null,
      null,
      `too many packs (${packs.length}, at most ${RULE_PACK_LIMITS.packs})`,
    );
  }
  const packIds = new Set<string>();
  const ruleOwners = new Map<string, string>();
  let ruleCount = 0;
  const out: RulePack[] = [];
  packs.forEach((raw, index) => {
    const pack = validatePack(raw, index, packIds, ruleOwners);
    ruleCount += pack.rules.length;
    if (ruleCount > RULE_PACK_LIMITS.rules) {
      throw new RulePackError(
        pack.id,
        null,
        `too many rules: the packs hold more than ${RULE_PACK_LIMITS.rules} together`,
      );
    }
    out.push(pack);
  });
  checkStrictContradictions(out);
  return out;
}

function validatePack(
  raw: unknown,
  index: number,
  packIds: Set<string>,
  ruleOwners: Map<string, string>,
): RulePack {
  const position = `#${index + 1}`;
  if (!isObject(raw)) throw new RulePackError(position, null, 'a pack must be an object');
  const id = raw.id;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new RulePackError(position, null, '"id" must be a non-empty string');
  }
  if (id.length > RULE_PACK_LIMITS.idLength || id.startsWith('#')) {
    throw new RulePackError(
      position,
      null,
      `"id" must not start with # and has at most ${RULE_PACK_LIMITS.idLength} characters`,
    );
  }
  if (packIds.has(id)) throw new RulePackError(id, null, 'another pack loaded with it has the same id');
  packIds.add(id);
  for (const key of Object.keys(raw)) {
    if (!PACK_KEYS.has(key)) throw new RulePackError(id, null, `unknown field "${key}"`);
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new RulePackError(id, null, `"version" must be a non-negative integer, not ${quote(version)}`);
  }
  if (!Array.isArray(raw.rules)) throw new RulePackError(id, null, '"rules" must be an array');
  if (raw.rules.length > RULE_PACK_LIMITS.rules) {
    throw new RulePackError(
      id,
      null,
      `too many rules (${raw.rules.length}, at most ${RULE_PACK_LIMITS.rules})`,
    );
  }
  const rules = raw.rules.map((rule: unknown, r: number) => validateRule(rule, id, r, ruleOwners));
  return { id, version, rules };
}

function validateRule(raw: unknown, packId: string, index: number, ruleOwners: Map<string, string>): Rule {
  const position = `#${index + 1}`;
  if (!isObject(raw)) throw new RulePackError(packId, position, 'a rule must be an object');
  const id = raw.id;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new RulePackError(packId, position, '"id" must be a non-empty string');
  }
  if (id.length > RULE_PACK_LIMITS.idLength || id.startsWith('#')) {
    throw new RulePackError(
      packId,
      position,
      `"id" must not start with # and has at most ${RULE_PACK_LIMITS.idLength} characters`,
    );
  }
  const fail = (problem: string): never => {
    throw new RulePackError(packId, id, problem);
  };
  const owner = ruleOwners.get(id);
  if (owner !== undefined) {
    fail(
      owner === packId ? 'duplicate rule id in this pack' : `duplicate rule id: pack "${owner}" has it too`,
    );
  }
  ruleOwners.set(id, packId);
  for (const key of Object.keys(raw)) if (!RULE_KEYS.has(key)) fail(`unknown field "${key}"`);
  const principle = raw.principle;
  if (!(PRINCIPLE_IDS as readonly unknown[]).includes(principle)) {
    fail(`"principle" must be one of ${oneOf(PRINCIPLE_IDS)}, not ${quote(principle)}`);
  }
  const category = raw.category;
  if (typeof category !== 'string' || !Object.hasOwn(CATEGORY_WEIGHTS, category)) {
    fail(`"category" must be one of ${oneOf(Object.keys(CATEGORY_WEIGHTS))}, not ${quote(category)}`);
  }
  const kind = raw.kind;
  if (!(RULE_KINDS as readonly unknown[]).includes(kind)) {
    fail(`"kind" must be one of ${oneOf(RULE_KINDS)}, not ${quote(kind)}`);
  }
  const then = raw.then;
  if (!(PRINCIPLE_STATUSES as readonly unknown[]).includes(then)) {
    fail(`"then" must be one of ${oneOf(PRINCIPLE_STATUSES)}, not ${quote(then)}`);
  }
  const explain = raw.explain;
  if (typeof explain !== 'string' || explain.trim() === '') fail('"explain" must be a non-empty sentence');
  if ((explain as string).length > RULE_PACK_LIMITS.explainLength) {
    fail(`"explain" has more than ${RULE_PACK_LIMITS.explainLength} characters`);
  }
  if (raw.disabled !== undefined && typeof raw.disabled !== 'boolean') {
    fail(`"disabled" must be true or false, not ${quote(raw.disabled)}`);
  }
  if (raw.when === undefined) fail('"when" is missing');
  const nodes = { count: 0 };
  const when = validateCondition(raw.when, 1, nodes, fail);
  const rule: Rule = {
    id,
    principle: principle as PrincipleId,
    category: category as RuleCategory,
    kind: kind as RuleKind,
    when,
    then: then as PrincipleStatus,
    explain: explain as string,
  };
  if (raw.disabled !== undefined) rule.disabled = raw.disabled as boolean;
  return rule;
}

function validateCondition(
  raw: unknown,
  depth: number,
  nodes: { count: number },
  fail: (problem: string) => never,
): Condition {
  if (depth > RULE_PACK_LIMITS.conditionDepth) {
    fail(`"when" is nested more than ${RULE_PACK_LIMITS.conditionDepth} levels deep`);
  }
  nodes.count++;
  if (nodes.count > RULE_PACK_LIMITS.conditionNodes) {
    fail(`"when" has more than ${RULE_PACK_LIMITS.conditionNodes} conditions`);
  }
  if (!isObject(raw)) return fail(`a condition must be an object, not ${quote(raw)}`);
  const keys = Object.keys(raw);
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const key = keys[0];
    const list = raw[key];
    if (!Array.isArray(list)) return fail(`"${key}" must be a list of conditions`);
    const children = list.map((child: unknown) => validateCondition(child, depth + 1, nodes, fail));
    return key === 'all' ? { all: children } : { any: children };
  }
  if (keys.length === 1 && keys[0] === 'not') {
    return { not: validateCondition(raw.not, depth + 1, nodes, fail) };
  }
  if (!('fact' in raw || 'op' in raw || 'value' in raw)) {
    return fail(
      `a condition must be {all: […]}, {any: […]}, {not: …} or {fact, op, value}, not ${quote(raw)}`,
    );
  }
  for (const key of keys) {
    if (!ATOM_KEYS.has(key)) fail(`unknown field "${key}" in the condition on ${quote(raw.fact)}`);
  }
  return validateAtom(raw, fail);
}

function validateAtom(raw: Record<string, unknown>, fail: (problem: string) => never): ConditionAtom {
  const fact = raw.fact;
  if (typeof fact !== 'string') return fail(`a condition's "fact" must be a string, not ${quote(fact)}`);
  const slot = FACT_SLOTS.get(fact);
  if (slot === undefined) return fail(`unknown fact "${fact}"`);
  const type = (FACT_SPECS[slot] as { type: FactType }).type;
  const op = raw.op;
  if (!(CONDITION_OPS as readonly unknown[]).includes(op)) {
    return fail(`bad op ${quote(op)} on fact "${fact}" (expected one of ${oneOf(CONDITION_OPS)})`);
  }
  if (ORDERING_OPS.has(op as ConditionOp) && !isNumericFact(type)) {
    fail(`op "${op}" compares numbers, but fact "${fact}" is not a number (use ==, != or in)`);
  }
  if (!('value' in raw)) fail(`the condition on fact "${fact}" has no "value"`);
  const value = raw.value;
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) {
      fail(`op "in" on fact "${fact}" takes a non-empty list of values, not ${quote(value)}`);
    }
    const list = value as unknown[];
    if (list.length > RULE_PACK_LIMITS.inValues) {
      fail(`op "in" on fact "${fact}" lists more than ${RULE_PACK_LIMITS.inValues} values`);
    }
    return { fact, op, value: list.map((item) => checkValue(item, fact, type, fail)) };
  }
  return { fact, op: op as ConditionOp, value: checkValue(value, fact, type, fail) };
}

function checkValue(
  value: unknown,
  fact: string,
  type: FactType,
  fail: (problem: string) => never,
): FactValue {
  switch (type) {
    case 'score':
    case 'count':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return fail(`fact "${fact}" is a number; ${quote(value)} is not a number`);
      }
      if (Math.abs(value) > RULE_PACK_LIMITS.numberBound) {
        fail(`value ${value} for fact "${fact}" is out of range (±${RULE_PACK_LIMITS.numberBound})`);
      }
      return value;
    case 'flag':
      if (typeof value !== 'boolean') return fail(`fact "${fact}" is true or false; ${quote(value)} is not`);
      return value;
    case 'site':
      if (typeof value !== 'string') return fail(`fact "${fact}" is a string; ${quote(value)} is not`);
      if (value.length > RULE_PACK_LIMITS.stringValueLength) {
        fail(`value for fact "${fact}" has more than ${RULE_PACK_LIMITS.stringValueLength} characters`);
      }
      return value;
    case 'level':
    case 'state': {
      const domain = FACT_STRING_DOMAINS[type] as readonly string[];
      if (typeof value !== 'string' || !domain.includes(value)) {
        return fail(`fact "${fact}" is one of ${oneOf(domain)}; ${quote(value)} is not`);
      }
      return value;
    }
  }
}

/**
 * Two enabled strict rules of one principle with different statuses must never both apply: strict rules
 * always hold, so the pair would be a contradiction in the constitution itself.
 */
function checkStrictContradictions(packs: readonly RulePack[]): void {
  interface Strict {
    pack: string;
    rule: Rule;
    dnf: Conjunct[];
  }
  const byPrinciple = new Map<PrincipleId, Strict[]>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      if (rule.kind !== 'strict' || rule.disabled === true) continue;
      let dnf: Conjunct[];
      try {
        dnf = toDnf(rule.when, RULE_PACK_LIMITS.dnfConjuncts);
      } catch (error) {
        if (error instanceof ConditionTooComplexError) {
          throw new RulePackError(pack.id, rule.id, `strict rule's ${error.message}`);
        }
        throw error;
      }
      const list = byPrinciple.get(rule.principle) ?? [];
      for (const earlier of list) {
        if (earlier.rule.then === rule.then) continue;
        if (canBothHold(earlier.dnf, dnf)) {
          throw new RulePackError(
            pack.id,
            rule.id,
            `strict rule contradicts strict rule "${earlier.rule.id}" of pack "${earlier.pack}": both can ` +
              `apply, concluding ${rule.principle} ${rule.then} and ${earlier.rule.then}`,
          );
        }
      }
      list.push({ pack: pack.id, rule, dnf });
      byPrinciple.set(rule.principle, list);
    }
  }
}
