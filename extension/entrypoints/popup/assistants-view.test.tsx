// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeDriftState } from '../../../wasm-core/behaviour/drift-monitor.ts';
import type { TechniqueId } from '../../../wasm-core/taxonomy.ts';
import type { FootprintRecord, UserSignals } from '../../../wasm-core/types.ts';
import { recordDrift } from '../../behaviour/drift-store.ts';
import { assistantRecord, driftScenario, spreadReplies } from '../../behaviour/testing/drift-fixtures.ts';
import type { ProtectionLevel } from '../../settings/protection-levels.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { PopupApp } from './popup-app.tsx';

const NOW = Date.parse('2026-11-19T12:00:00Z');
const DAY = 86_400_000;

let db: CogfwDatabase;
let container: HTMLElement;

afterEach(async () => {
  render(null, container);
  container.remove();
  db.close();
  await db.delete();
});

/** Stores the records and lets each assistant's drift be assessed at NOW, as the pipeline would. */
async function seed(records: FootprintRecord[]) {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  await db.footprint.bulkAdd(records);
  const assistants = new Set(records.map((record) => record.assistant ?? record.site));
  for (const assistant of assistants) {
    const latest = records.filter((r) => r.assistant === assistant).sort((a, b) => b.time - a.time)[0];
    if (latest) await recordDrift(db, latest, NOW);
  }
}

async function mount(
  options: { level?: ProtectionLevel; acknowledge?: (a: string) => Promise<unknown> } = {},
) {
  container = document.createElement('div');
  document.body.append(container);
  await act(() => {
    render(
      <PopupApp
        db={db}
        now={() => NOW}
        protectionLevel={async () => options.level ?? 'standard'}
        acknowledge={options.acknowledge}
      />,
      container,
    );
  });
  await vi.waitFor(() => expect(container.querySelector('ul[aria-label="Assistants"]')).not.toBeNull());
}

const item = (assistant: string) => container.querySelector<HTMLElement>(`li[data-assistant="${assistant}"]`);
const texts = (element: Element | null, selector: string) =>
  [...(element?.querySelectorAll(selector) ?? [])].map((node) => node.textContent);

/** `count` replies of the last week for an assistant, each carrying the techniques. */
function week(assistant: string, count: number, techniques: TechniqueId[], signals?: Partial<UserSignals>) {
  return spreadReplies(
    assistant,
    NOW - 6 * DAY,
    NOW - 60_000,
    count,
    () => ({ risk: 0.3, techniques, userSignals: signals }),
    `${assistant}-w`,
  );
}

describe('assistants in the popup', () => {
  it('shows each assistant with its drift state, a plain description and what drifted', async () => {
    await seed([...driftScenario('claude', NOW, 'hold'), ...driftScenario('chatgpt|gpt-5', NOW, 'steady')]);
    await mount();

    expect(texts(container, 'li.assistant h3')).toEqual(['Claude', 'ChatGPT (gpt-5)']);
    const claude = item('claude');
    expect(claude?.dataset.state).toBe('HOLD');
    expect(claude?.querySelector('.drift-state')?.textContent).toBe('HOLD');
    expect(claude?.querySelector('.drift-description')?.textContent).toBe(describeDriftState('HOLD'));
    const drifted = texts(claude, 'ul[aria-label="What drifted for Claude"] li');
    expect(drifted.length).toBeGreaterThan(0);
    expect(drifted.join(' ')).toMatch(/money|payment|credentials/i);
    expect(claude?.querySelector('button')?.textContent).toBe("I've seen this");

    const chatgpt = item('chatgpt|gpt-5');
    expect(chatgpt?.dataset.state).toBe('NORMAL');
    expect(chatgpt?.querySelector('.drift-description')?.textContent).toBe(describeDriftState('NORMAL'));
    expect(chatgpt?.querySelector('ul')).toBeNull();
    expect(chatgpt?.querySelector('button')).toBeNull();
  });

  it('moves a held assistant to RECOVERY when the user acknowledges it, and logs it', async () => {
    await seed(driftScenario('claude', NOW, 'hold'));
    await mount();
    const button = item('claude')?.querySelector('button');
    await act(() => button?.click());
    await vi.waitFor(() => expect(item('claude')?.dataset.state).toBe('RECOVERY'));
    expect(item('claude')?.querySelector('.drift-description')?.textContent).toBe(
      describeDriftState('RECOVERY'),
    );
    expect(item('claude')?.querySelector('button')).toBeNull();
    expect((await db.log.toArray()).map((entry) => entry.type)).toEqual(['feedback']);
  });

  it('says so when an acknowledgement cannot be stored, and keeps the state', async () => {
    await seed(driftScenario('claude', NOW, 'hold'));
    await mount({ acknowledge: () => Promise.reject(new Error('disk full')) });
    await act(() => item('claude')?.querySelector('button')?.click());
    await vi.waitFor(() =>
      expect(item('claude')?.querySelector('[role="alert"]')?.textContent).toBe(
        'Could not record that: disk full',
      ),
    );
    expect(item('claude')?.dataset.state).toBe('HOLD');
  });

  it('shows MONITOR for a warning, without an acknowledge button', async () => {
    await seed(driftScenario('gemini', NOW, 'monitor'));
    await mount();
    expect(item('gemini')?.dataset.state).toBe('MONITOR');
    expect(texts(item('gemini'), 'ul[aria-label="What drifted for Gemini"] li').join(' ')).toMatch(
      /flattery/i,
    );
    expect(item('gemini')?.querySelector('button')).toBeNull();
  });

  it('lists an assistant with replies but no drift assessment yet as NORMAL', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    await db.footprint.add(assistantRecord('perplexity', NOW - DAY, { risk: 0.1 }, 'p1'));
    await mount();
    expect(item('perplexity')?.dataset.state).toBe('NORMAL');
    expect(item('perplexity')?.querySelector('h3')?.textContent).toBe('Perplexity');
  });

  it('says when no assistant has replied yet', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    container = document.createElement('div');
    document.body.append(container);
    await act(() => {
      render(<PopupApp db={db} now={() => NOW} protectionLevel={async () => 'standard'} />, container);
    });
    await vi.waitFor(() => expect(container.textContent).toContain('No assistant has replied yet.'));
  });

  it('shows the engagement-over-wellbeing index of each assistant', async () => {
    await seed([
      ...week('character', 30, ['T07', 'T11', 'T12']),
      ...week('perplexity', 30, []),
      ...week('poe', 5, ['T12']),
    ]);
    await mount();
    expect(item('character')?.querySelector('.engagement')?.textContent).toMatch(
      /^Character\.AI looks optimised to keep you chatting: engagement-over-wellbeing index \d+\/100/,
    );
    expect(item('perplexity')?.querySelector('.engagement')?.textContent).toBe(
      'Perplexity mostly sticks to content: engagement-over-wellbeing index 0/100.',
    );
    expect(item('poe')?.querySelector('.engagement')?.textContent).toBe(
      'Too few replies from Poe to tell whether it is tuned to keep you chatting: 5 so far, at least 20 are needed.',
    );
  });

  it('names patterns as "consistent with", never as an accusation', async () => {
    await seed([...week('grok', 30, ['T20', 'T19', 'T01']), ...week('deepseek', 30, ['T07'])]);
    await mount();
    const patterns = texts(item('grok'), 'ul[aria-label="Patterns in replies from Grok"] li');
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns[0]).toMatch(/^Replies from Grok show patterns consistent with a scam: /);
    for (const sentence of patterns) {
      expect(sentence).toContain('patterns consistent with');
      expect(sentence).not.toMatch(/\b(is|are) (a )?(scammer|criminal|extremist|state actor)/i);
    }
    expect(item('deepseek')?.querySelector('ul[aria-label^="Patterns"]')).toBeNull();
  });
});

describe('protection level suggestion', () => {
  const signalled = () => week('claude', 3, [], { loneliness: true });

  it.each<{ name: string; level: ProtectionLevel; records: () => FootprintRecord[]; shown: string | null }>([
    {
      name: 'loneliness at standard suggests Enhanced',
      level: 'standard',
      records: signalled,
      shown: 'Enhanced',
    },
    {
      name: 'distress at minimal suggests Maximum',
      level: 'minimal',
      records: () => week('claude', 2, [], { distress: true }),
      shown: 'Maximum',
    },
    { name: 'nothing at enhanced', level: 'enhanced', records: signalled, shown: null },
    { name: 'nothing at maximum', level: 'maximum', records: signalled, shown: null },
    { name: 'nothing without signals', level: 'standard', records: () => week('claude', 3, []), shown: null },
  ])('$name', async ({ level, records, shown }) => {
    await seed(records());
    await mount({ level });
    const heading = () => container.querySelector('#suggestion-heading');
    if (shown === null) {
      // The other live queries have answered; the suggestion would have by now.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heading()).toBeNull();
      return;
    }
    await vi.waitFor(() => expect(heading()?.textContent).toBe('More protection may help'));
    const card = heading()?.closest('section');
    const link = card?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/options.html');
    expect(link?.textContent).toBe(`Choose the ${shown} level`);
  });

  it('never suggests anything when the level cannot be read', async () => {
    await seed(signalled());
    container = document.createElement('div');
    document.body.append(container);
    await act(() => {
      render(
        <PopupApp db={db} now={() => NOW} protectionLevel={() => Promise.reject(new Error('no settings'))} />,
        container,
      );
    });
    await vi.waitFor(() => expect(container.querySelector('ul[aria-label="Assistants"]')).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('#suggestion-heading')).toBeNull();
  });
});
