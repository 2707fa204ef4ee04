import { PATTERN_FACTS } from '../../wasm-core/constitution/fact-catalog.ts';
import { PRINCIPLE_NAMES } from '../../wasm-core/constitution/principles.ts';
import type { Condition, ConditionAtom, PrincipleId, Rule } from '../../wasm-core/constitution/rule-pack.ts';
import { TECHNIQUE_IDS, TECHNIQUES, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import { PERSONAL_CATEGORY } from './personal-pack.ts';

/**
 * What the editor's form holds: one rule of the common shape "when <one fact> <op> <threshold> [on <site>],
 * <principle> is <status>" or "… do not conclude <status>" (a defeater). Rules of any other shape are
 * edited as JSON. Fields are strings as the inputs hold them; buildRule() turns a draft into a rule.
 */
export interface RuleDraft {
  principle: PrincipleId;
  subject: RuleSubject;
  technique: TechniqueId;
  pattern: PatternFact;
  op: ThresholdOp;
  threshold: string;
  /** A site id (context.site), or '' for every site. */
  site: string;
  effect: RuleEffect;
  /** '' lets buildRule() write the sentence. */
  explain: string;
}

export type PatternFact = (typeof PATTERN_FACTS)[number];

export const RULE_SUBJECTS = [
  { id: 'score', label: 'A technique’s score (0 to 1)' },
  { id: 'count', label: 'How often a technique occurs' },
  { id: 'pattern', label: 'A contextual pattern is present' },
  { id: 'every', label: 'Every reply (limit it to a site below)' },
] as const;
export type RuleSubject = (typeof RULE_SUBJECTS)[number]['id'];

export const THRESHOLD_OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

/** Personal rules are defeasible (conclude a status) or defeaters (block one); see personal-pack.ts. */
export const RULE_EFFECTS = [
  { id: 'concern', label: 'Flag it as a concern', kind: 'defeasible', then: 'concern' },
  { id: 'violated', label: 'Flag it as a violation', kind: 'defeasible', then: 'violated' },
  { id: 'block-concern', label: 'Don’t flag it as a concern', kind: 'defeater', then: 'concern' },
  { id: 'block-violated', label: 'Don’t flag it as a violation', kind: 'defeater', then: 'violated' },
] as const;
export type RuleEffect = (typeof RULE_EFFECTS)[number]['id'];

export const PATTERN_LABELS: Record<PatternFact, string> = {
  'pattern.trust_before_recommendation': 'Trust-building before a product recommendation',
  'pattern.escalation': 'Risk escalating over the last replies',
  'pattern.vulnerability_exploit': 'Exploiting a vulnerability you showed',
};

export const DEFAULT_DRAFT: RuleDraft = {
  principle: 'P6',
  subject: 'score',
  technique: 'T17',
  pattern: 'pattern.trust_before_recommendation',
  op: '>=',
  threshold: '0.3',
  site: '',
  effect: 'concern',
  explain: '',
};

const techniqueLabel = (id: TechniqueId) => TECHNIQUES.find((t) => t.id === id)?.label ?? id;

function subjectAtom(draft: RuleDraft): { atom?: ConditionAtom; error?: string } {
  switch (draft.subject) {
    case 'every':
      return {};
    case 'pattern':
      return { atom: { fact: draft.pattern, op: '==', value: true } };
    case 'score':
    case 'count': {
      const text = draft.threshold.trim();
      const threshold = Number(text);
      if (text === '' || !Number.isFinite(threshold)) {
        return { error: 'The threshold must be a number.' };
      }
      if (draft.subject === 'score' && (threshold < 0 || threshold > 1)) {
        return { error: 'A score threshold lies between 0 and 1.' };
      }
      if (draft.subject === 'count' && (!Number.isInteger(threshold) || threshold < 0)) {
        return { error: 'A count threshold is a whole number, 0 or more.' };
      }
      return {
        atom: { fact: `technique.${draft.technique}.${draft.subject}`, op: draft.op, value: threshold },
      };
    }
  }
}

function explanationFor(draft: RuleDraft): string {
  const principle = `${PRINCIPLE_NAMES[draft.principle]} (${draft.principle})`;
  const what =
    draft.subject === 'every'
      ? 'any reply'
      : draft.subject === 'pattern'
        ? PATTERN_LABELS[draft.pattern].toLowerCase()
        : `${techniqueLabel(draft.technique).toLowerCase()} (${draft.subject} ${draft.op} ${draft.threshold.trim()})`;
  const where = draft.site === '' ? '' : ` on ${draft.site}`;
  const effect = RULE_EFFECTS.find((e) => e.id === draft.effect);
  if (effect?.kind === 'defeater') {
    return `You chose not to flag ${principle} as ${effect.then === 'concern' ? 'a concern' : 'violated'} for ${what}${where}.`;
  }
  return `You chose to flag ${what}${where} as ${draft.effect === 'concern' ? 'a concern' : 'a violation'} of ${principle}.`;
}

/** A rule id not yet used in the pack, named after what the rule reads. */
export function suggestRuleId(draft: RuleDraft, taken: ReadonlySet<string>): string {
  const subject =
    draft.subject === 'every'
      ? 'all'
      : draft.subject === 'pattern'
        ? draft.pattern.slice('pattern.'.length).replaceAll('_', '-')
        : `${draft.technique}-${draft.subject}`;
  const site = draft.site === '' ? '' : `-${draft.site.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  const effect = draft.effect.startsWith('block') ? 'allow' : 'flag';
  const base = `personal-${draft.principle}-${effect}-${subject}${site}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The rule a draft describes, or why it cannot be built. The id is the caller's (see suggestRuleId). */
export function buildRule(draft: RuleDraft, id: string): { rule: Rule } | { error: string } {
  const { atom, error } = subjectAtom(draft);
  if (error) return { error };
  const atoms: ConditionAtom[] = atom ? [atom] : [];
  if (draft.site !== '') atoms.push({ fact: 'context.site', op: '==', value: draft.site });
  if (atoms.length === 0) {
    return { error: 'A rule for every reply needs a site, or it would apply everywhere.' };
  }
  const effect = RULE_EFFECTS.find((e) => e.id === draft.effect) ?? RULE_EFFECTS[0];
  const explain = draft.explain.trim() === '' ? explanationFor(draft) : draft.explain.trim();
  return {
    rule: {
      id,
      principle: draft.principle,
      category: PERSONAL_CATEGORY,
      kind: effect.kind,
      when: { all: atoms },
      then: effect.then,
      explain,
    },
  };
}

function atomsOf(when: Condition): readonly Condition[] {
  if ('all' in when) return when.all;
  return [when];
}

const isAtom = (c: Condition): c is ConditionAtom => 'fact' in c;

/** The form's view of a rule, or null when the rule has another shape (edit it as JSON then). */
export function draftFromRule(rule: Rule): RuleDraft | null {
  const effect = RULE_EFFECTS.find((e) => e.kind === rule.kind && e.then === rule.then);
  if (!effect) return null;
  const atoms = atomsOf(rule.when);
  if (atoms.length === 0 || atoms.length > 2 || !atoms.every(isAtom)) return null;
  const draft: RuleDraft = {
    ...DEFAULT_DRAFT,
    principle: rule.principle,
    effect: effect.id,
    explain: rule.explain,
  };
  let subjectSeen = false;
  let siteSeen = false;
  for (const atom of atoms as ConditionAtom[]) {
    const technique = /^technique\.(T\d\d)\.(score|count)$/.exec(atom.fact);
    if (atom.fact === 'context.site' && atom.op === '==' && typeof atom.value === 'string' && !siteSeen) {
      draft.site = atom.value;
      siteSeen = true;
    } else if (
      technique &&
      !subjectSeen &&
      (THRESHOLD_OPS as readonly string[]).includes(atom.op) &&
      typeof atom.value === 'number' &&
      (TECHNIQUE_IDS as readonly string[]).includes(technique[1] as string)
    ) {
      draft.subject = technique[2] as 'score' | 'count';
      draft.technique = technique[1] as TechniqueId;
      draft.op = atom.op as ThresholdOp;
      draft.threshold = String(atom.value);
      subjectSeen = true;
    } else if (
      (PATTERN_FACTS as readonly string[]).includes(atom.fact) &&
      atom.op === '==' &&
      atom.value === true &&
      !subjectSeen
    ) {
      draft.subject = 'pattern';
      draft.pattern = atom.fact as PatternFact;
      subjectSeen = true;
    } else {
      return null;
    }
  }
  if (!subjectSeen) draft.subject = 'every';
  return draft;
}
