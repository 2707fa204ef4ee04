import { useSignal } from '@preact/signals';
import type { Rule, RulePack } from '../../wasm-core/constitution/rule-pack.ts';
import { PackJsonEditor } from './pack-json-editor.tsx';
import { personalPackProblems, withoutRule, withRule, withRuleEnabled } from './personal-pack.ts';
import { buildRule, DEFAULT_DRAFT, draftFromRule, type RuleDraft, suggestRuleId } from './rule-draft.ts';
import { RuleForm } from './rule-form.tsx';
import { RuleList } from './rule-list.tsx';

type Editing = { mode: 'new' } | { mode: 'edit'; rule: Rule } | null;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The personal constitution editor: the list of the user's rules, a form to add or edit one, and the
 * whole pack as JSON. Every change is checked with the shipped constitution before it is saved; a change
 * with problems is shown with them and not saved.
 */
export function PersonalConstitutionEditor({
  pack,
  shipped,
  onSave,
}: {
  pack: RulePack;
  shipped: readonly RulePack[];
  onSave: (pack: RulePack) => Promise<void>;
}) {
  const editing = useSignal<Editing>(null);
  const busy = useSignal(false);
  const status = useSignal<{ error: boolean; text: string } | null>(null);
  const showJson = useSignal(false);

  /** Saves a changed pack; returns the reason it was refused, or null. */
  async function save(next: RulePack, done: string): Promise<string | null> {
    const problems = personalPackProblems(next, shipped);
    if (problems.length > 0) return problems.join(' ');
    busy.value = true;
    try {
      await onSave(next);
      status.value = { error: false, text: done };
      return null;
    } catch (error) {
      return message(error);
    } finally {
      busy.value = false;
    }
  }

  async function act(next: RulePack, done: string) {
    const refused = await save(next, done);
    if (refused) status.value = { error: true, text: `Not saved: ${refused}` };
  }

  const taken = new Set([...shipped, pack].flatMap((p) => p.rules.map((rule) => rule.id)));

  async function submitDraft(draft: RuleDraft): Promise<string | null> {
    const current = editing.value;
    const id = current?.mode === 'edit' ? current.rule.id : suggestRuleId(draft, taken);
    const built = buildRule(draft, id);
    if ('error' in built) return built.error;
    const rule =
      current?.mode === 'edit' && current.rule.disabled ? { ...built.rule, disabled: true } : built.rule;
    const next = withRule(pack, rule, current?.mode === 'edit' ? id : undefined);
    const refused = await save(next, current?.mode === 'edit' ? `Rule ${id} saved.` : `Rule ${id} added.`);
    if (refused === null) editing.value = null;
    return refused;
  }

  const current = editing.value;
  const editingDraft = current?.mode === 'edit' ? draftFromRule(current.rule) : null;

  return (
    <section class="card personal-constitution" aria-labelledby="personal-heading">
      <h2 id="personal-heading">Your personal constitution</h2>
      <p class="muted">
        Your own rules, weighed at 700 alongside the shipped constitution. They can add flags (“always flag
        product recommendations”) or lift a mild one (“don’t flag flattery on this site”).{' '}
        <strong>A personal rule can never override a constitutional prohibition</strong> (weight 1000): what
        the constitution prohibits stays flagged whatever you add here.
      </p>

      <RuleList
        rules={pack.rules}
        busy={busy.value}
        onEdit={(id) => {
          const rule = pack.rules.find((r) => r.id === id);
          if (rule) editing.value = { mode: 'edit', rule };
        }}
        onToggle={(id, enabled) =>
          act(withRuleEnabled(pack, id, enabled), `Rule ${id} ${enabled ? 'enabled' : 'disabled'}.`)
        }
        onDelete={(id) => act(withoutRule(pack, id), `Rule ${id} deleted.`)}
      />

      <p class={`rule-status ${status.value?.error ? 'error' : 'muted'}`} role="status" aria-live="polite">
        {status.value?.text}
      </p>

      {current === null ? (
        <div class="actions">
          <button type="button" onClick={() => (editing.value = { mode: 'new' })}>
            Add a rule
          </button>
          <button
            type="button"
            class="secondary"
            aria-expanded={showJson.value}
            aria-controls="pack-json-view"
            onClick={() => (showJson.value = !showJson.value)}
          >
            {showJson.value ? 'Hide the JSON' : 'Advanced: edit as JSON'}
          </button>
        </div>
      ) : (
        <RuleForm
          key={current.mode === 'edit' ? current.rule.id : 'new'}
          initial={editingDraft ?? DEFAULT_DRAFT}
          heading={current.mode === 'edit' ? `Edit ${current.rule.id}` : 'New rule'}
          submitLabel={current.mode === 'edit' ? 'Save rule' : 'Add rule'}
          onSubmit={submitDraft}
          onCancel={() => (editing.value = null)}
        />
      )}

      {showJson.value && current === null && (
        <div id="pack-json-view">
          <PackJsonEditor pack={pack} shipped={shipped} onSave={(next) => save(next, 'Pack saved.')} />
        </div>
      )}
    </section>
  );
}
