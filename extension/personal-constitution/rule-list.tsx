import { PRINCIPLE_NAMES } from '../../wasm-core/constitution/principles.ts';
import type { Rule } from '../../wasm-core/constitution/rule-pack.ts';
import { draftFromRule } from './rule-draft.ts';

function effectText(rule: Rule): string {
  const status = rule.then === 'concern' ? 'a concern' : rule.then;
  return rule.kind === 'defeater' ? `does not flag as ${status}` : `flags as ${status}`;
}

/** The personal rules, each with its switches. Rules the form cannot show are edited in the JSON view. */
export function RuleList({
  rules,
  busy,
  onEdit,
  onToggle,
  onDelete,
}: {
  rules: readonly Rule[];
  busy: boolean;
  onEdit: (id: string) => void;
  onToggle: (id: string, enabled: boolean) => void;
  onDelete: (id: string) => void;
}) {
  if (rules.length === 0) {
    return <p class="muted empty-rules">No personal rules yet: the shipped constitution decides alone.</p>;
  }
  return (
    <ul class="plain rule-list" aria-label="Your rules">
      {rules.map((rule) => {
        const enabled = rule.disabled !== true;
        return (
          <li key={rule.id} class={`rule ${enabled ? '' : 'rule-disabled'}`} data-rule-id={rule.id}>
            <div class="rule-text">
              <span class="rule-title">
                <code>{rule.id}</code>
                {!enabled && <span class="tag">off</span>}
              </span>
              <span class="rule-summary">
                {rule.principle} {PRINCIPLE_NAMES[rule.principle]}: {effectText(rule)}
              </span>
              <span class="muted rule-explain">{rule.explain}</span>
            </div>
            <div class="rule-actions">
              {draftFromRule(rule) !== null && (
                <button type="button" class="secondary" disabled={busy} onClick={() => onEdit(rule.id)}>
                  Edit<span class="visually-hidden"> {rule.id}</span>
                </button>
              )}
              <button
                type="button"
                class="secondary"
                disabled={busy}
                onClick={() => onToggle(rule.id, !enabled)}
              >
                {enabled ? 'Disable' : 'Enable'}
                <span class="visually-hidden"> {rule.id}</span>
              </button>
              <button
                type="button"
                class="secondary danger"
                disabled={busy}
                onClick={() => onDelete(rule.id)}
              >
                Delete<span class="visually-hidden"> {rule.id}</span>
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
