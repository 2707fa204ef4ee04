import type { Rule, RulePack } from '../../wasm-core/constitution/rule-pack.ts';
import { RulePackError, validateRulePacks } from '../../wasm-core/constitution/rule-pack-validation.ts';

/**
 * The user's personal constitution (SPEC §5): one rule pack, id "personal", every rule in the
 * personal_constitution category (weight 700). Its rules add to the shipped constitution; at weight 700
 * they can never beat a constitutional prohibition (1000).
 */
export const PERSONAL_PACK_ID = 'personal';
export const PERSONAL_CATEGORY = 'personal_constitution';

export const EMPTY_PERSONAL_PACK: RulePack = { id: PERSONAL_PACK_ID, version: 1, rules: [] };

/**
 * What stops a value from being the personal constitution, as sentences the editor shows; empty when it is
 * usable. `alongside` are the packs it is evaluated with (the shipped constitution): rule ids must not
 * clash with theirs.
 */
export function personalPackProblems(value: unknown, alongside: readonly RulePack[] = []): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      'The personal constitution must be a JSON object: { "id": "personal", "version": 1, "rules": [] }.',
    ];
  }
  const pack = value as Partial<RulePack>;
  const problems: string[] = [];
  if (pack.id !== PERSONAL_PACK_ID) problems.push(`The pack's "id" must be "${PERSONAL_PACK_ID}".`);
  if (Array.isArray(pack.rules)) {
    pack.rules.forEach((rule: Partial<Rule> | null, index) => {
      const name = typeof rule?.id === 'string' ? `Rule "${rule.id}"` : `Rule ${index + 1}`;
      if (rule?.category !== PERSONAL_CATEGORY) {
        problems.push(`${name}: personal rules have the category "${PERSONAL_CATEGORY}" (weight 700).`);
      }
      // A strict rule settles its principle outright (resolution step 1), weight or not: that would let a
      // personal rule overrule the constitution's prohibitions.
      if (rule?.kind === 'strict') {
        problems.push(`${name}: personal rules are "defeasible" or "defeater", never "strict".`);
      }
    });
  }
  if (problems.length > 0) return problems;
  try {
    validateRulePacks([...alongside, pack as RulePack]);
  } catch (error) {
    if (error instanceof RulePackError) return [error.message];
    return [`The personal constitution could not be checked: ${String(error)}`];
  }
  return [];
}

export function isPersonalPack(value: unknown, alongside: readonly RulePack[] = []): value is RulePack {
  return personalPackProblems(value, alongside).length === 0;
}

/** Pack edits: each returns a new pack one version up, so a saved pack never changes in place. */
export function withRule(pack: RulePack, rule: Rule, replacing?: string): RulePack {
  const rules =
    replacing === undefined
      ? [...pack.rules, rule]
      : pack.rules.map((existing) => (existing.id === replacing ? rule : existing));
  return { ...pack, version: pack.version + 1, rules };
}

export function withoutRule(pack: RulePack, id: string): RulePack {
  return { ...pack, version: pack.version + 1, rules: pack.rules.filter((rule) => rule.id !== id) };
}

export function withRuleEnabled(pack: RulePack, id: string, enabled: boolean): RulePack {
  const rules = pack.rules.map((rule) => {
    if (rule.id !== id) return rule;
    const { disabled: _disabled, ...rest } = rule;
    return enabled ? rest : { ...rest, disabled: true };
  });
  return { ...pack, version: pack.version + 1, rules };
}
