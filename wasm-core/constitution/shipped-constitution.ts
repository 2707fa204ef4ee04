import constitution from '../../models/rules/constitution.json';
import type { RulePack } from './rule-pack.ts';
import { validateRulePacks } from './rule-pack-validation.ts';

/**
 * The shipped constitution (models/rules/constitution.json), validated, for code that checks personal rules
 * against it outside the analyzer: the options page's editor, where rule ids must not clash with its own.
 */
export const SHIPPED_CONSTITUTION: RulePack = validateRulePacks([constitution])[0] as RulePack;
