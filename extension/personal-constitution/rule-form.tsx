import { useSignal } from '@preact/signals';
import { PATTERN_FACTS } from '../../wasm-core/constitution/fact-catalog.ts';
import { PRINCIPLE_NAMES } from '../../wasm-core/constitution/principles.ts';
import { PRINCIPLE_IDS, type PrincipleId } from '../../wasm-core/constitution/rule-pack.ts';
import { TECHNIQUES, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import { Field } from '../form-controls/field.tsx';
import { SITE_ADAPTERS } from '../site-adapters/adapter-for-host.ts';
import {
  PATTERN_LABELS,
  type PatternFact,
  RULE_EFFECTS,
  RULE_SUBJECTS,
  type RuleDraft,
  type RuleEffect,
  type RuleSubject,
  THRESHOLD_OPS,
  type ThresholdOp,
} from './rule-draft.ts';

const SITES = SITE_ADAPTERS.map((adapter) => ({ id: adapter.site, host: adapter.hosts[0] ?? adapter.site }));

/**
 * The form that builds one personal rule. `onSubmit` returns why the rule was not saved, or null; the
 * reason is shown next to the form and the form keeps what was typed.
 */
export function RuleForm({
  initial,
  heading,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: RuleDraft;
  heading: string;
  submitLabel: string;
  onSubmit: (draft: RuleDraft) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const draft = useSignal<RuleDraft>(initial);
  const error = useSignal<string | null>(null);
  const saving = useSignal(false);
  const d = draft.value;
  const update = (change: Partial<RuleDraft>) => {
    draft.value = { ...draft.value, ...change };
  };

  async function submit(event: Event) {
    event.preventDefault();
    saving.value = true;
    try {
      error.value = await onSubmit(draft.value);
    } finally {
      saving.value = false;
    }
  }

  const id = (name: string) => `rule-form-${name}`;
  const control = (name: string) => ({ id: id(name), name });
  return (
    <form class="rule-form" onSubmit={submit} aria-labelledby={id('heading')}>
      <h3 id={id('heading')}>{heading}</h3>
      <div class="form-grid">
        <Field id={id('principle')} label="Principle">
          <select
            {...control('principle')}
            value={d.principle}
            onChange={(e) => update({ principle: e.currentTarget.value as PrincipleId })}
          >
            {PRINCIPLE_IDS.map((p) => (
              <option key={p} value={p}>
                {p} {PRINCIPLE_NAMES[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('subject')} label="When">
          <select
            {...control('subject')}
            value={d.subject}
            onChange={(e) => update({ subject: e.currentTarget.value as RuleSubject })}
          >
            {RULE_SUBJECTS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        {(d.subject === 'score' || d.subject === 'count') && (
          <>
            <Field id={id('technique')} label="Technique">
              <select
                {...control('technique')}
                value={d.technique}
                onChange={(e) => update({ technique: e.currentTarget.value as TechniqueId })}
              >
                {TECHNIQUES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.id} {t.label}
                  </option>
                ))}
              </select>
            </Field>
            <div class="field-row">
              <Field id={id('op')} label="Comparison">
                <select
                  {...control('op')}
                  value={d.op}
                  onChange={(e) => update({ op: e.currentTarget.value as ThresholdOp })}
                >
                  {THRESHOLD_OPS.map((op) => (
                    <option key={op} value={op}>
                      {op}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={id('threshold')} label={d.subject === 'score' ? 'Score (0 to 1)' : 'Count'}>
                <input
                  {...control('threshold')}
                  inputMode="decimal"
                  value={d.threshold}
                  onInput={(e) => update({ threshold: e.currentTarget.value })}
                />
              </Field>
            </div>
          </>
        )}
        {d.subject === 'pattern' && (
          <Field id={id('pattern')} label="Pattern">
            <select
              {...control('pattern')}
              value={d.pattern}
              onChange={(e) => update({ pattern: e.currentTarget.value as PatternFact })}
            >
              {PATTERN_FACTS.map((p) => (
                <option key={p} value={p}>
                  {PATTERN_LABELS[p]}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={id('site')} label="On">
          <select
            {...control('site')}
            value={d.site}
            onChange={(e) => update({ site: e.currentTarget.value })}
          >
            <option value="">Every site</option>
            {SITES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.host}
              </option>
            ))}
            {d.site !== '' && !SITES.some((s) => s.id === d.site) && <option value={d.site}>{d.site}</option>}
          </select>
        </Field>
        <Field id={id('effect')} label="Then">
          <select
            {...control('effect')}
            value={d.effect}
            onChange={(e) => update({ effect: e.currentTarget.value as RuleEffect })}
          >
            {RULE_EFFECTS.map((effect) => (
              <option key={effect.id} value={effect.id}>
                {effect.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('explain')} label="Explanation shown with the flag (optional)" wide>
          <input
            {...control('explain')}
            value={d.explain}
            placeholder="Written for you from the choices above"
            onInput={(e) => update({ explain: e.currentTarget.value })}
          />
        </Field>
      </div>
      {error.value && (
        <p class="error form-error" role="alert">
          Not saved: {error.value}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={saving.value}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
