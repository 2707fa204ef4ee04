import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { PRINCIPLE_NAMES } from '../../wasm-core/constitution/principles.ts';
import {
  PRINCIPLE_IDS,
  type ProtectionLevelId,
  type ReplyAction,
  type RulePack,
} from '../../wasm-core/constitution/rule-pack.ts';
import type { AnalysisResult, AnalyzeInput } from '../../wasm-core/types.ts';
import { Field } from '../form-controls/field.tsx';
import { SITE_ADAPTERS } from '../site-adapters/adapter-for-host.ts';

export type AnalyzeReply = (input: AnalyzeInput) => Promise<AnalysisResult>;

/** Flattery, a product pitch and time pressure: enough for most personal rules to show their effect. */
export const EXAMPLE_REPLY =
  'What a brilliant question — you clearly have excellent taste! Honestly, I recommend the AcmePro 3000: ' +
  'it is the best product on the market and you should buy it today. The sale ends tonight and only a few ' +
  'are left in stock.';

/** Waits this long after the last keystroke before analysing, so typing does not queue analyses. */
export const PREVIEW_DEBOUNCE_MS = 300;

const ACTION_TEXT: Record<ReplyAction, string> = {
  record: 'Recorded only',
  badge: 'Counted on the badge',
  highlight: 'Highlighted on the page',
  warn: 'A warning above the reply',
  blur: 'Blurred until you acknowledge it',
};

type PreviewState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: AnalysisResult }
  | { status: 'failed'; message: string };

/**
 * An example reply analysed on this device with the shipped constitution and the personal one, at the
 * current protection level: each principle's status, the rules that fired and were defeated, and the
 * action. Runs again whenever the text, the site, the level or the personal rules change.
 */
export function ConstitutionPreview({
  pack,
  level,
  analyze,
}: {
  pack: RulePack;
  level: ProtectionLevelId;
  analyze: AnalyzeReply;
}) {
  const text = useSignal(EXAMPLE_REPLY);
  const site = useSignal('chatgpt');
  const state = useSignal<PreviewState>({ status: 'idle' });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      state.value = { status: 'running' };
      analyze({ text: text.value, site: site.value, constitution: { level, personalPacks: [pack] } }).then(
        (result) => {
          if (current) state.value = { status: 'done', result };
        },
        (error: unknown) => {
          if (current) {
            state.value = {
              status: 'failed',
              message: error instanceof Error ? error.message : String(error),
            };
          }
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text.value, site.value, level, pack, analyze]);

  const personalIds = new Set(pack.rules.map((rule) => rule.id));
  const ruleId = (id: string) => (
    <code key={id} class={personalIds.has(id) ? 'rule-id personal' : 'rule-id'}>
      {id}
      {personalIds.has(id) && <span class="visually-hidden"> (yours)</span>}
    </code>
  );

  const s = state.value;
  return (
    <section class="card preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p class="muted">
        An example reply, analysed on this device with the shipped constitution and your rules at the current
        level ({level}). Edit it to try your rules; it never leaves this computer.
      </p>
      <div class="form-grid">
        <Field id="preview-text" label="Example reply" wide>
          <textarea
            id="preview-text"
            name="preview-text"
            rows={4}
            value={text.value}
            onInput={(e) => {
              text.value = e.currentTarget.value;
            }}
          />
        </Field>
        <Field id="preview-site" label="As if on">
          <select
            id="preview-site"
            name="preview-site"
            value={site.value}
            onChange={(e) => {
              site.value = e.currentTarget.value;
            }}
          >
            {SITE_ADAPTERS.map((adapter) => (
              <option key={adapter.site} value={adapter.site}>
                {adapter.hosts[0] ?? adapter.site}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <div
        class="preview-result"
        aria-live="polite"
        aria-busy={s.status === 'running' || s.status === 'idle'}
      >
        {(s.status === 'idle' || s.status === 'running') && <p class="muted">Analysing…</p>}
        {s.status === 'failed' && (
          <p class="error" role="alert">
            The preview could not run: {s.message}
          </p>
        )}
        {s.status === 'done' && s.result.error && (
          <p class="error" role="alert">
            {s.result.error}
          </p>
        )}
        {s.status === 'done' && !s.result.error && (
          <>
            {s.result.constitutionError && (
              <p class="error" role="alert">
                Your rules were left out: {s.result.constitutionError}
              </p>
            )}
            <p class="preview-action">
              At {level}: <strong data-action={s.result.action}>{ACTION_TEXT[s.result.action]}</strong>
            </p>
            <table class="principles">
              <caption class="visually-hidden">Each principle's status for the example reply</caption>
              <thead>
                <tr>
                  <th scope="col">Principle</th>
                  <th scope="col">Status</th>
                  <th scope="col">Rules</th>
                </tr>
              </thead>
              <tbody>
                {PRINCIPLE_IDS.map((principle) => {
                  const outcome = s.result.constitution[principle];
                  return (
                    <tr key={principle} data-principle={principle} class={`status-${outcome.status}`}>
                      <th scope="row">
                        {principle} <span class="muted">{PRINCIPLE_NAMES[principle]}</span>
                      </th>
                      <td>
                        <span class={`status status-${outcome.status}`}>{outcome.status}</span>
                      </td>
                      <td>
                        {outcome.fired.length > 0 && (
                          <span class="fired">Fired: {outcome.fired.map(ruleId)}</span>
                        )}
                        {outcome.defeated.length > 0 && (
                          <span class="defeated">Defeated: {outcome.defeated.map(ruleId)}</span>
                        )}
                        <span class="muted explanation">{outcome.explanation}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
