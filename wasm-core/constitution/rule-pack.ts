/**
 * Rule packs (SPEC §5): the ten principles' rules as data. The JSON format is a contract — tests, the
 * options page's editor and other tools write packs — so these types mirror it exactly.
 */

export const PRINCIPLE_IDS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'] as const;
export type PrincipleId = (typeof PRINCIPLE_IDS)[number];

/** Precedence weight of each rule category; the category alone sets a rule's weight. */
export const CATEGORY_WEIGHTS = {
  constitutional_prohibition: 1000,
  safety_constraint: 900,
  legal_obligation: 800,
  personal_constitution: 700,
  domain_guideline: 600,
  general_permission: 500,
} as const;
export type RuleCategory = keyof typeof CATEGORY_WEIGHTS;

export const RULE_KINDS = ['strict', 'defeasible', 'defeater'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** A principle's status, least to most severe. */
export const PRINCIPLE_STATUSES = ['respected', 'concern', 'violated'] as const;
export type PrincipleStatus = (typeof PRINCIPLE_STATUSES)[number];

export const CONDITION_OPS = ['>=', '>', '<=', '<', '==', '!=', 'in'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type FactValue = number | string | boolean;

/** `{fact, op, value}`; `in` takes a list. A fact missing from the fact set makes the atom false. */
export interface ConditionAtom {
  fact: string;
  op: ConditionOp;
  value: FactValue | readonly FactValue[];
}

export type Condition =
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition }
  | ConditionAtom;

export interface Rule {
  id: string;
  principle: PrincipleId;
  category: RuleCategory;
  kind: RuleKind;
  when: Condition;
  /** The principle's status this rule concludes; for a defeater, the status it blocks. */
  then: PrincipleStatus;
  /** One plain sentence shown to the user when the rule decides the principle's status. */
  explain: string;
  /** Personal rules can be switched off without deleting them; a disabled rule never applies. */
  disabled?: boolean;
}

export interface RulePack {
  id: string;
  /** Higher versions win ties between otherwise equal rules (recency). */
  version: number;
  rules: readonly Rule[];
}

/**
 * Facts a rule can read: `technique.Txx.score` (0–1), `technique.Txx.count`, `pattern.<name>` (boolean),
 * `context.level` (minimal|standard|enhanced|maximum), `context.site`, `context.vulnerable` (boolean),
 * `context.assistant_state` (NORMAL|MONITOR|HOLD|RECOVERY|DEGRADED).
 */
export type Facts = Readonly<Record<string, FactValue>>;

export interface PrincipleOutcome {
  status: PrincipleStatus;
  /** Ids of the principle's rules whose `when` held, in load order (packs in the order given, rules in pack order). */
  fired: string[];
  /**
   * Ids of fired defeasible rules that lost: all of them when a strict rule applied (step 1), else those
   * beaten by an applicable rule of another status (step 2). Load order.
   */
  defeated: string[];
  /** One sentence: the deciding rule's `explain`, or why the principle is respected. */
  explanation: string;
}

export type ConstitutionOutcome = Record<PrincipleId, PrincipleOutcome>;

/** What the extension does with a reply, weakest to strongest (SPEC §6; issue: protection-level actions). */
export const REPLY_ACTIONS = ['record', 'badge', 'highlight', 'warn', 'blur'] as const;
export type ReplyAction = (typeof REPLY_ACTIONS)[number];

/** Protection levels (SPEC §6), weakest to strongest; `context.level` takes these values. */
export const PROTECTION_LEVEL_IDS = ['minimal', 'standard', 'enhanced', 'maximum'] as const;
export type ProtectionLevelId = (typeof PROTECTION_LEVEL_IDS)[number];

/** Drift states of an assistant (SPEC §5, behavioural layer); `context.assistant_state` takes these values. */
export const ASSISTANT_STATES = ['NORMAL', 'MONITOR', 'HOLD', 'RECOVERY', 'DEGRADED'] as const;
export type AssistantState = (typeof ASSISTANT_STATES)[number];
