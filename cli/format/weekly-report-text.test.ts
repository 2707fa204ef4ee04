import { describe, expect, it } from 'vitest';
import { buildWeeklyReport } from '../../wasm-core/report/weekly-report.ts';
import type { TechniqueId } from '../../wasm-core/taxonomy.ts';
import { footprintRecord } from '../../wasm-core/testing/footprint-records.ts';
import { formatWeeklyReport } from './weekly-report-text.ts';

const ZONE = 'Europe/Berlin';
const MONDAY = Date.parse('2026-11-15T23:00:00Z');
const HOUR = 3_600_000;

const replies = (n: number, site: string, techniques: TechniqueId[] = [], assistant?: string) =>
  Array.from({ length: n }, (_, i) =>
    footprintRecord({
      time: MONDAY + (i + 1) * HOUR,
      site,
      techniques,
      length: 300,
      ...(assistant === undefined ? {} : { assistant }),
    }),
  );

describe('formatWeeklyReport: assistants', () => {
  it('lists each assistant with its engagement index and the profiles its replies are consistent with', () => {
    const report = buildWeeklyReport(
      [
        ...replies(12, 'companion.app', ['T12', 'T11']),
        ...replies(4, 'companion.app', ['T10', 'T15']),
        ...replies(10, 'companion.app'),
        ...replies(3, 'claude.ai'),
      ],
      { now: MONDAY + HOUR, timeZone: ZONE },
    );
    const text = formatWeeklyReport(report, { timeZone: ZONE });
    expect(text).toContain('  • companion.app looks optimised to keep you chatting');
    expect(text).toMatch(/ {2}Assistant +Replies +Engagement index +Patterns consistent with\n/);
    expect(text).toMatch(/ {2}companion\.app +26 +31\/100 +misaligned_ai 0\.70\n/);
    expect(text).toMatch(/ {2}claude\.ai +3 +– +–/);
  });

  it('names assistants, sites and examples as people know them, not by their ids', () => {
    const report = buildWeeklyReport(
      [
        ...replies(20, 'chatgpt', ['T12'], 'chatgpt|gpt-5'),
        ...replies(2, 'claude', ['T07']),
        ...replies(1, 'mistral'),
      ],
      { now: MONDAY + HOUR, timeZone: ZONE },
    );
    const text = formatWeeklyReport(report, { timeZone: ZONE });
    expect(text).toContain('  • ChatGPT (gpt-5) looks optimised to keep you chatting');
    expect(text).toContain('  • Most influence attempts came from ChatGPT (20 of 22 instances).');
    expect(text).toMatch(/ {2}ChatGPT \(gpt-5\) +20 +50\/100 +–\n/);
    expect(text).toMatch(/ {2}Claude +2 +– +–/);
    expect(text).toMatch(/ {2}ChatGPT +20 +20\n/);
    expect(text).toMatch(/ {2}Le Chat +1 +0/);
    expect(text).not.toMatch(/chatgpt|claude|mistral/);
  });

  it('leaves the table out while no assistant has enough replies', () => {
    const report = buildWeeklyReport(replies(5, 'claude.ai', ['T12']), {
      now: MONDAY + HOUR,
      timeZone: ZONE,
    });
    expect(formatWeeklyReport(report, { timeZone: ZONE })).not.toContain('Engagement index');
  });
});
