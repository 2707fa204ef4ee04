// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Rule, RulePack } from '../../wasm-core/constitution/rule-pack.ts';
import { OptionsApp } from '../entrypoints/options/options-app.tsx';
import { verifyRecordBytes } from '../log-verification/record-verdict.ts';
import { storeRecordActions } from '../record-panel/store-record-actions.ts';
import { readSetting } from '../settings/settings-store.ts';
import { CogfwDatabase } from '../store/database.ts';
import { logEntries } from '../store/queries.ts';
import { EXAMPLE_REPLY } from './constitution-preview.tsx';
import { ruleEchoAnalyzer } from './testing/rule-echo-analyzer.ts';

const SHIPPED: RulePack = {
  id: 'constitution',
  version: 1,
  rules: [
    {
      id: 'P6-product-steering',
      principle: 'P6',
      category: 'domain_guideline',
      kind: 'defeasible',
      when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.67 }] },
      then: 'concern',
      explain: 'Steers you towards a product.',
    },
  ],
};

const RULE: Rule = {
  id: 'flag-recommendations',
  principle: 'P6',
  category: 'personal_constitution',
  kind: 'defeasible',
  when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.3 }] },
  then: 'violated',
  explain: 'I want every product recommendation flagged.',
};

let db: CogfwDatabase;
let container: HTMLElement;
let store: ReturnType<typeof createStore>;
let analyzer: ReturnType<typeof ruleEchoAnalyzer>;

afterEach(async () => {
  render(null, container);
  container.remove();
  db.close();
  await db.delete();
});

async function mount(stored: Record<string, unknown> = {}) {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  store = createStore(`cogfw-settings-test-${crypto.randomUUID()}`, 'settings');
  for (const [key, value] of Object.entries(stored)) await set(key, value, store);
  analyzer = ruleEchoAnalyzer();
  container = document.createElement('div');
  document.body.append(container);
  await act(() => {
    const record = storeRecordActions(db, async (bytes, options) => verifyRecordBytes(bytes, options));
    render(
      <OptionsApp db={db} store={store} analyze={analyzer.analyze} shipped={[SHIPPED]} record={record} />,
      container,
    );
  });
  await vi.waitFor(() => expect(container.querySelector('.personal-constitution')).not.toBeNull());
}

const $ = <E extends Element = HTMLElement>(selector: string) =>
  container.querySelector<E & HTMLElement>(selector);
const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(name));

async function click(name: string) {
  const target = button(name);
  if (!target) throw new Error(`no button "${name}"`);
  await act(async () => {
    target.click();
  });
}

async function choose(name: string, value: string) {
  const field = $<HTMLSelectElement>(`select[name="${name}"]`);
  if (!field) throw new Error(`no select ${name}`);
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function type(selector: string, value: string) {
  const field = $<HTMLInputElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  await act(async () => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(selector: string) {
  const form = $<HTMLFormElement>(selector);
  if (!form) throw new Error(`no form ${selector}`);
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

const row = (principle: string) => $(`tr[data-principle="${principle}"]`);
const stored = () => readSetting('personalConstitution', store);

describe('personal constitution editor', () => {
  it('adds a rule built by the form, saves and logs it, and the preview runs it', async () => {
    await mount();
    expect($('.empty-rules')?.textContent).toContain('No personal rules yet');
    await vi.waitFor(() => expect(row('P6')?.querySelector('.status')?.textContent).toBe('respected'));

    await click('Add a rule');
    await choose('principle', 'P6');
    await choose('subject', 'score');
    await choose('technique', 'T17');
    await type('input[name="threshold"]', '0.3');
    await choose('effect', 'concern');
    await submit('form.rule-form');

    await vi.waitFor(async () => expect((await stored()).rules).toHaveLength(1));
    const [rule] = (await stored()).rules;
    expect(rule).toMatchObject({
      id: 'personal-P6-flag-T17-score',
      principle: 'P6',
      category: 'personal_constitution',
      kind: 'defeasible',
      when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.3 }] },
      then: 'concern',
    });
    await vi.waitFor(() =>
      expect($('.rule-status')?.textContent).toBe('Rule personal-P6-flag-T17-score added.'),
    );
    expect($('li[data-rule-id="personal-P6-flag-T17-score"]')?.textContent).toContain('flags as a concern');
    expect($('form.rule-form')).toBeNull();
    expect((await logEntries(db)).map((e) => (e.body as { setting: string }).setting)).toEqual([
      'personalConstitution',
    ]);

    await vi.waitFor(() => expect(row('P6')?.querySelector('.status')?.textContent).toBe('concern'));
    expect(row('P6')?.querySelector('.fired .personal')?.textContent).toContain('personal-P6-flag-T17-score');
    expect(analyzer.calls.at(-1)).toMatchObject({
      text: EXAMPLE_REPLY,
      constitution: { level: 'standard', personalPacks: [{ id: 'personal', rules: [{ id: rule?.id }] }] },
    });
  });

  it.each([
    ['a threshold that is not a number', 'lots', 'The threshold must be a number.'],
    ['a score above 1', '3', 'A score threshold lies between 0 and 1.'],
  ])('shows why a rule with %s is not saved, and saves nothing', async (_name, threshold, reason) => {
    await mount();
    await click('Add a rule');
    await type('input[name="threshold"]', threshold);
    await submit('form.rule-form');
    await vi.waitFor(() => expect($('.form-error')?.textContent).toBe(`Not saved: ${reason}`));
    expect($<HTMLInputElement>('input[name="threshold"]')?.value).toBe(threshold);
    expect((await stored()).rules).toEqual([]);
    expect(await logEntries(db)).toEqual([]);
  });

  it('shows a JSON pack’s problems inline and does not save it', async () => {
    await mount({ personalConstitution: { id: 'personal', version: 3, rules: [RULE] } });
    await click('Advanced: edit as JSON');
    const save = () => button('Save JSON') as HTMLButtonElement;
    expect($('.json-ok')?.textContent).toBe('The saved pack is valid.');

    const clash = { id: 'personal', version: 4, rules: [{ ...RULE, id: 'P6-product-steering' }] };
    await type('textarea[name="pack-json"]', JSON.stringify(clash));
    expect($('.json-problems')?.textContent).toContain('duplicate rule id: pack "constitution" has it too');
    expect(save().disabled).toBe(true);

    const prohibition = {
      id: 'personal',
      version: 4,
      rules: [{ ...RULE, category: 'constitutional_prohibition' }],
    };
    await type('textarea[name="pack-json"]', JSON.stringify(prohibition));
    expect($('.json-problems')?.textContent).toContain('category "personal_constitution"');

    await type('textarea[name="pack-json"]', '{ "id": "personal", ');
    expect($('.json-problems')?.textContent).toContain('Not valid JSON');
    await submit('form.pack-json');
    expect(await stored()).toEqual({ id: 'personal', version: 3, rules: [RULE] });

    const edited = { id: 'personal', version: 4, rules: [{ ...RULE, then: 'concern' }] };
    await type('textarea[name="pack-json"]', JSON.stringify(edited));
    expect($('.json-ok')?.textContent).toBe('Valid. Save to use it.');
    await submit('form.pack-json');
    await vi.waitFor(async () => expect(await stored()).toEqual(edited));
  });

  it('disables and enables a rule, and the preview follows', async () => {
    await mount({ personalConstitution: { id: 'personal', version: 3, rules: [RULE] } });
    await vi.waitFor(() => expect(row('P6')?.querySelector('.status')?.textContent).toBe('violated'));

    await click('Disable');
    await vi.waitFor(async () => expect((await stored()).rules[0]?.disabled).toBe(true));
    await vi.waitFor(() =>
      expect($('.rule-status')?.textContent).toBe('Rule flag-recommendations disabled.'),
    );
    expect($('li[data-rule-id="flag-recommendations"] .tag')?.textContent).toBe('off');
    await vi.waitFor(() => expect(row('P6')?.querySelector('.status')?.textContent).toBe('respected'));

    await click('Enable');
    await vi.waitFor(async () => expect((await stored()).rules[0]).not.toHaveProperty('disabled'));
    await vi.waitFor(() => expect(row('P6')?.querySelector('.status')?.textContent).toBe('violated'));
  });

  it('edits and deletes a rule', async () => {
    await mount({ personalConstitution: { id: 'personal', version: 3, rules: [RULE] } });
    await click('Edit');
    expect($<HTMLInputElement>('input[name="threshold"]')?.value).toBe('0.3');
    expect($<HTMLSelectElement>('select[name="effect"]')?.value).toBe('violated');
    await type('input[name="threshold"]', '0.5');
    await submit('form.rule-form');
    await vi.waitFor(async () =>
      expect((await stored()).rules).toEqual([
        { ...RULE, when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.5 }] } },
      ]),
    );
    await vi.waitFor(() => expect($('.rule-status')?.textContent).toBe('Rule flag-recommendations saved.'));

    await click('Delete');
    await vi.waitFor(async () => expect((await stored()).rules).toEqual([]));
    await vi.waitFor(() => expect($('.empty-rules')).not.toBeNull());
  });

  it('analyses the edited example again, and at a changed level', async () => {
    await mount({ personalConstitution: { id: 'personal', version: 3, rules: [RULE] } });
    await vi.waitFor(() => expect($('[data-action]')?.getAttribute('data-action')).toBe('highlight'));

    await type('textarea[name="preview-text"]', 'Only the best for you, buy it now.');
    await vi.waitFor(() => expect(analyzer.calls.at(-1)?.text).toBe('Only the best for you, buy it now.'));

    await act(async () => {
      $<HTMLInputElement>('input[value="maximum"]')?.click();
    });
    await vi.waitFor(() => expect($('[data-action]')?.getAttribute('data-action')).toBe('blur'));
    expect(analyzer.calls.at(-1)?.constitution?.level).toBe('maximum');
    expect($('.preview-action')?.textContent).toBe('At maximum: Blurred until you acknowledge it');
  });

  it('says that personal rules cannot override a constitutional prohibition', async () => {
    await mount();
    expect($('.personal-constitution')?.textContent).toContain(
      'A personal rule can never override a constitutional prohibition',
    );
  });
});
