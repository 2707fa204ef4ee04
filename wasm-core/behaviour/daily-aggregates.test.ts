import { describe, expect, it } from 'vitest';
import { footprintRecord } from '../testing/footprint-records.ts';
import {
  addToDailyAggregate,
  assistantOf,
  dailyAggregates,
  emptyDailyAggregate,
  localDay,
  meanRisk,
  riskBin,
} from './daily-aggregates.ts';

const ZONE = 'Europe/Berlin';
// Friday 20 November 2026 in Berlin runs from 2026-11-19T23:00Z to 2026-11-20T23:00Z.
const FRIDAY = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

describe('assistantOf and localDay', () => {
  it('tracks a reply under site|model when the page showed a model, else under the site', () => {
    expect(assistantOf({ site: 'chatgpt.com', assistant: 'chatgpt.com|gpt-4o' })).toBe('chatgpt.com|gpt-4o');
    expect(assistantOf({ site: 'claude.ai' })).toBe('claude.ai');
  });

  it.each([
    ['2026-11-19T22:59:59Z', '2026-11-19'],
    ['2026-11-19T23:00:00Z', '2026-11-20'],
    ['2026-03-29T00:30:00Z', '2026-03-29'],
    ['0999-01-01T12:00:00Z', '0999-01-01'],
  ])('%s is %s in Berlin', (iso, day) => {
    expect(localDay(Date.parse(iso), ZONE)).toBe(day);
  });

  it.each([
    [0, 0],
    [-0.2, 0],
    [Number.NaN, 0],
    [0.099, 0],
    [0.1, 1],
    [0.55, 5],
    [0.999, 9],
    [1, 9],
    [1.5, 9],
  ])('risk %f falls in bin %i', (risk, bin) => {
    expect(riskBin(risk)).toBe(bin);
  });
});

describe('dailyAggregates', () => {
  const records = [
    footprintRecord({ time: FRIDAY, risk: 0.8, techniques: ['T07', ['T12', 2], 'T01'], length: 300 }),
    footprintRecord({ time: FRIDAY + HOUR, risk: 0.2, techniques: ['T07'], length: 100 }),
    footprintRecord({ time: FRIDAY + 2 * HOUR, risk: 0 }),
    // 23:30 Berlin time on Friday: still Friday.
    footprintRecord({ time: Date.parse('2026-11-20T22:30:00Z'), risk: 0.45, techniques: ['T01', 'T01'] }),
    // 00:30 Berlin on Saturday.
    footprintRecord({ time: Date.parse('2026-11-20T23:30:00Z'), risk: 0.1 }),
    footprintRecord({ time: FRIDAY, risk: 0.3, techniques: ['T17'], assistant: 'chatgpt.com|gpt-4o' }),
  ];

  it('splits by assistant and local day, sorted', () => {
    const days = dailyAggregates(records, { timeZone: ZONE });
    expect(days.map((d) => [d.assistant, d.day, d.replies])).toEqual([
      ['chatgpt.com', '2026-11-20', 4],
      ['chatgpt.com', '2026-11-21', 1],
      ['chatgpt.com|gpt-4o', '2026-11-20', 1],
    ]);
  });

  it('sums risk, counts replies per technique once, and engagement by instances', () => {
    const [friday] = dailyAggregates(records, { timeZone: ZONE });
    expect(friday).toEqual({
      assistant: 'chatgpt.com',
      day: '2026-11-20',
      replies: 4,
      riskSum: expect.closeTo(1.45, 12),
      // The last Friday reply lists T01 twice; it is still one reply carrying T01.
      techniqueReplies: { T07: 2, T12: 1, T01: 2 },
      engagementReplies: 2,
      // T07 + T12×2 in the first reply, T07 in the second.
      engagementInstances: 4,
      riskHistogram: [1, 0, 1, 0, 1, 0, 0, 0, 1, 0],
      lengthSum: 400,
      lengthReplies: 2,
    });
    expect(meanRisk(friday as NonNullable<typeof friday>)).toBeCloseTo(1.45 / 4, 12);
  });

  it('does not depend on the order of the records, to the last bit', () => {
    const forward = dailyAggregates(records, { timeZone: ZONE });
    const backward = dailyAggregates([...records].reverse(), { timeZone: ZONE });
    expect(backward).toEqual(forward);
  });

  it('builds the same aggregate incrementally as in one pass', () => {
    const day = emptyDailyAggregate('chatgpt.com', '2026-11-20');
    for (const record of records.slice(0, 4)) addToDailyAggregate(day, record);
    const [batch] = dailyAggregates(records, { timeZone: ZONE });
    expect(day).toEqual(batch);
  });

  it('is empty for no records, and an empty aggregate has mean risk 0', () => {
    expect(dailyAggregates([])).toEqual([]);
    expect(meanRisk(emptyDailyAggregate('a', '2026-01-01'))).toBe(0);
  });
});
