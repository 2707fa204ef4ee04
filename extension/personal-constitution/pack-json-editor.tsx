import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { RulePack } from '../../wasm-core/constitution/rule-pack.ts';
import { Field } from '../form-controls/field.tsx';
import { personalPackProblems } from './personal-pack.ts';

const pretty = (pack: RulePack) => JSON.stringify(pack, null, 2);

/**
 * The whole personal pack as JSON, for rules the form does not build (nested any/not, `in` lists, the
 * protection level or the assistant's state). It is checked together with the shipped constitution as
 * typed; only a pack with no problems can be saved.
 */
export function PackJsonEditor({
  pack,
  shipped,
  onSave,
}: {
  pack: RulePack;
  shipped: readonly RulePack[];
  onSave: (pack: RulePack) => Promise<string | null>;
}) {
  const text = useSignal(pretty(pack));
  const saveError = useSignal<string | null>(null);
  // A save elsewhere (the form, a switch) replaces what is shown.
  useEffect(() => {
    text.value = pretty(pack);
    saveError.value = null;
  }, [pack]);

  let parsed: unknown;
  let problems: string[];
  try {
    parsed = JSON.parse(text.value);
    problems = personalPackProblems(parsed, shipped);
  } catch (error) {
    problems = [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
  const unchanged = text.value === pretty(pack);

  async function save(event: Event) {
    event.preventDefault();
    if (problems.length > 0) return;
    saveError.value = await onSave(parsed as RulePack);
  }

  return (
    <form class="pack-json" onSubmit={save}>
      <Field id="pack-json" label="Your pack as JSON" wide>
        <textarea
          id="pack-json"
          name="pack-json"
          rows={14}
          spellcheck={false}
          value={text.value}
          onInput={(e) => {
            text.value = e.currentTarget.value;
          }}
          aria-invalid={problems.length > 0}
          aria-describedby="pack-json-problems"
        />
      </Field>
      <div id="pack-json-problems" aria-live="polite">
        {problems.length > 0 ? (
          <ul class="error json-problems" role="alert">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : (
          <p class="ok json-ok">{unchanged ? 'The saved pack is valid.' : 'Valid. Save to use it.'}</p>
        )}
        {saveError.value && (
          <p class="error" role="alert">
            Not saved: {saveError.value}
          </p>
        )}
      </div>
      <div class="actions">
        <button type="submit" disabled={problems.length > 0 || unchanged}>
          Save JSON
        </button>
        <button
          type="button"
          class="secondary"
          disabled={unchanged}
          onClick={() => {
            text.value = pretty(pack);
          }}
        >
          Undo changes
        </button>
      </div>
    </form>
  );
}
