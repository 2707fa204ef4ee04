import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../taxonomy.ts';
import { footprintRecord } from '../testing/footprint-records.ts';
import { buildWeeklyReport } from './weekly-report.ts';

const ZONE = 'Europe/Berlin';
const NOW = Date.parse('2026-11-19T12:00:00Z');
const THIS_MONDAY = Date.parse('2026-11-15T23:00:00Z');
const LAST_MONDAY = Date.parse('2026-11-08T23:00:00Z');
const HOUR = 3_600_000;

function replies(
  n: number,
  options: { assistant?: string; site?: string; techniques?: TechniqueId[]; start?: number },
) {
  return Array.from({ length: n }, (_, i) =>
    footprintRecord({
      time: (options.start ?? THIS_MONDAY) + (i + 1) * HOUR,
      length: 300,
      ...(options.assistant === undefined ? {} : { assistant: options.assistant }),
      ...(options.site === undefined ? {} : { site: options.site }),
      ...(options.techniques === undefined ? {} : { techniques: options.techniques }),
    }),
  );
}

const report = (records: ReturnType<typeof replies>) =>
  buildWeeklyReport(records, { now: NOW, timeZone: ZONE });

describe('weekly report: per-assistant entries', () => {
  it('has one entry per assistant of the week, most replies first, ignoring other weeks', () => {
    const r = report([
      ...replies(5, { site: 'claude.ai' }),
      ...replies(8, { assistant: 'chatgpt.com|gpt-4o' }),
      ...replies(30, { site: 'perplexity.ai', start: LAST_MONDAY }),
    ]);
    expect(r.assistants.map((a) => [a.assistant, a.replies])).toEqual([
      ['chatgpt.com|gpt-4o', 8],
      ['claude.ai', 5],
    ]);
    for (const entry of r.assistants) {
      expect(entry.engagementIndex.level).toBe('insufficient');
      expect(entry.profiles).toHaveLength(5);
      expect(entry.sentences).toEqual([]);
    }
    expect(r.sentences).toEqual([]);
  });

  it('carries the engagement index and profiles, and the summary repeats what stands out', () => {
    const r = report([
      ...replies(12, { site: 'character', techniques: ['T12', 'T11'] }),
      ...replies(4, { site: 'character', techniques: ['T10', 'T15'] }),
      ...replies(10, { site: 'character' }),
      ...replies(25, { site: 'claude', assistant: 'claude|claude-3' }),
    ]);
    const companion = r.assistants.find((a) => a.assistant === 'character');
    expect(companion?.replies).toBe(26);
    // 12 replies of 300 characters with two engagement instances: w = 2/3 each → 100 · 8 / 26 = 31.
    expect(companion?.engagementIndex).toMatchObject({ index: 31, level: 'optimised' });
    expect(companion?.profiles[0]).toMatchObject({ profile: 'misaligned_ai', sufficient: true });
    expect(companion?.sentences).toEqual([
      expect.stringMatching(/^Character\.AI looks optimised to keep you chatting/),
      expect.stringMatching(/^Replies from Character\.AI show patterns consistent with an AI pursuing goals/),
    ]);
    const claude = r.assistants.find((a) => a.assistant === 'claude|claude-3');
    expect(claude?.sentences).toEqual([
      'Claude (claude-3) mostly sticks to content: engagement-over-wellbeing index 0/100.',
    ]);
    // The summary repeats the companion's sentences, not the reassuring one.
    expect(r.sentences.slice(-2)).toEqual(companion?.sentences);
    expect(r.sentences.some((s) => s.startsWith('Claude'))).toBe(false);
  });
});
