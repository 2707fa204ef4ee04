// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildWeeklyReport } from '../../../wasm-core/report/weekly-report.ts';
import { shiftWeek, weekStartOf } from '../../../wasm-core/report/zoned-time.ts';
import type { TechniqueId } from '../../../wasm-core/taxonomy.ts';
import type { Span } from '../../../wasm-core/types.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { recordAnalysis } from '../../store/record-analysis.ts';
import { analysisResult, chatTurn, finding } from '../../store/testing/analysis-fixtures.ts';
import { PopupApp } from './popup-app.tsx';
import { weekOverWeek } from './technique-bars.tsx';
import { WeeklyReportView } from './weekly-report-view.tsx';

const NOW = Date.parse('2026-11-19T12:00:00Z');
const HOUR = 3_600_000;
const thisWeek = (hours: number) => weekStartOf(NOW) + hours * HOUR;
const lastWeek = (hours: number) => shiftWeek(weekStartOf(NOW), -1) + hours * HOUR;

let db: CogfwDatabase;
let container: HTMLElement;

afterEach(async () => {
  render(null, container);
  container.remove();
  db.close();
  await db.delete();
});

/** Stores replies through the real write path; each reply is [time, technique → span count]. */
async function store(replies: [number, Partial<Record<TechniqueId, number>>][]) {
  let n = 0;
  for (const [time, techniques] of replies) {
    const text = 'Act now, this offer ends today. Vote for them, everyone is. '.repeat(4);
    const findings = Object.entries(techniques).map(([id, spans]) =>
      finding(
        id as TechniqueId,
        Array.from({ length: spans ?? 0 }, (_, i): Span => ({ start: i * 60, end: i * 60 + 7 })),
      ),
    );
    await recordAnalysis(db, chatTurn({ messageId: `m${n++}`, time, text }), analysisResult(findings), {
      keepExcerpts: true,
    });
  }
}

async function mount() {
  container = document.createElement('div');
  document.body.append(container);
  await act(() => {
    render(<PopupApp db={db} now={() => NOW} />, container);
  });
  await vi.waitFor(() => expect(container.querySelector('main')?.getAttribute('aria-busy')).toBe('false'));
}

const list = (label: string) => container.querySelector(`ul[aria-label="${label}"]`);
const items = (label: string) =>
  [...(list(label)?.querySelectorAll(':scope > li') ?? [])].map((li) => li.textContent);

describe('popup', () => {
  it('says plainly that nothing was seen yet, and shows no numbers', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    await mount();
    expect(container.querySelector('h2')?.textContent).toBe('Nothing seen yet this week');
    expect(list('Influence report')).toBeNull();
    expect(list('Techniques this week')).toBeNull();
    expect(container.querySelector('#replies-analysed')).toBeNull();
    expect(container.querySelector('a[href="/options.html"]')?.textContent).toBe(
      'Protection level and record',
    );
  });

  it('shows the week from stored records: sentences, replies analysed, techniques with change', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    await store([
      [thisWeek(10), { T01: 2, T18: 1 }],
      [thisWeek(30), { T01: 1, T18: 2 }],
      [thisWeek(50), {}],
      [lastWeek(10), { T01: 1 }],
      [lastWeek(20), { T07: 2 }],
      [shiftWeek(weekStartOf(NOW), -3), { T20: 5 }], // too old to count
    ]);
    await mount();

    expect(container.querySelector('#replies-analysed')?.textContent).toBe('3');
    expect(container.querySelector('#replies-flagged')?.textContent).toBe('2');
    const sentences = items('Influence report');
    expect(sentences).toContain('3 instances of urgency-inducing language detected.');
    expect(sentences).toContain('This week, the AI encouraged you to view political content 3 times.');
    expect(sentences).toContain('Urgency-inducing language increased by 200% this week.');
    expect(sentences).toEqual(buildWeeklyReport(await db.footprint.toArray(), { now: NOW }).sentences);

    const rows = [...(list('Techniques this week')?.querySelectorAll('li') ?? [])].map((li) => [
      li.getAttribute('data-technique'),
      li.querySelector('.technique-count')?.textContent,
      li.querySelector('.technique-change')?.textContent,
    ]);
    expect(rows).toEqual([
      ['T01', '3 this week, up 2 from last week', '+2'],
      ['T18', '3 this week, none last week', 'new'],
      ['T07', '0 this week, down 2 from last week', '−2'],
    ]);
    expect(items('Examples').length).toBeGreaterThan(0);
    expect(list('Examples')?.querySelector('mark')?.textContent).toBe('Act now');
  });

  it('updates while open when a new reply is stored', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    await mount();
    expect(list('Influence report')).toBeNull();
    await act(() => store([[thisWeek(5), { T01: 1 }]]));
    await vi.waitFor(() =>
      expect(items('Influence report')).toContain('1 instance of urgency-inducing language detected.'),
    );
    expect(container.querySelector('#replies-analysed')?.textContent).toBe('1');
  });

  it('tells a week of clean replies apart from an empty one', async () => {
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    await store([
      [thisWeek(1), {}],
      [thisWeek(2), {}],
    ]);
    await mount();
    expect(container.querySelector('#replies-analysed')?.textContent).toBe('2');
    expect(container.textContent).toContain("No influence techniques were detected in this week's replies.");
    expect(list('Influence report')).toBeNull();
  });
});

describe('week-over-week change', () => {
  it.each([
    { count: 3, previous: 0, shown: 'new' },
    { count: 3, previous: 3, shown: '=' },
    { count: 5, previous: 2, shown: '+3' },
    { count: 0, previous: 4, shown: '−4' },
  ])('$previous → $count shows "$shown"', ({ count, previous, shown }) => {
    expect(weekOverWeek({ count, previous }).shown).toBe(shown);
  });

  it('renders a report without examples or techniques', () => {
    const report = buildWeeklyReport([], { now: NOW });
    const host = document.createElement('div');
    render(<WeeklyReportView report={report} />, host);
    expect(host.querySelector('#empty-heading')?.textContent).toBe('Nothing seen yet this week');
  });
});
