/**
 * What a personal constitution may hold beyond being a valid pack (SPEC §5): rules at weight 700 only, and no
 * strict rules. A strict rule settles its principle outright (resolution step 1) whatever its weight, so a
 * strict personal rule could overrule a constitutional prohibition; a defeasible or defeater rule at 700 never
 * can. Returns the first problem as a sentence, or null.
 */
export function personalPackProblem(pack: unknown, position: number): string | null {
  if (typeof pack !== 'object' || pack === null || Array.isArray(pack)) {
    return `personal pack #${position + 1} is not an object`;
  }
  const { id, rules } = pack as { id?: unknown; rules?: unknown };
  const name = typeof id === 'string' ? `personal pack "${id}"` : `personal pack #${position + 1}`;
  if (!Array.isArray(rules)) return null; // the pack validator names this one
  for (const [index, rule] of rules.entries()) {
    const {
      id: ruleId,
      category,
      kind,
    } = (rule ?? {}) as { id?: unknown; category?: unknown; kind?: unknown };
    const ruleName = typeof ruleId === 'string' ? `rule "${ruleId}"` : `rule #${index + 1}`;
    if (category !== 'personal_constitution') {
      return `${name} ${ruleName}: personal rules have the category personal_constitution`;
    }
    if (kind === 'strict')
      return `${name} ${ruleName}: personal rules are defeasible or defeaters, never strict`;
  }
  return null;
}
