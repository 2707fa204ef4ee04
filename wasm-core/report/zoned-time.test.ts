import { describe, expect, it } from 'vitest';
import { localParts, shiftWeek, startOfLocalDay, weekStartOf } from './zoned-time.ts';

const at = (iso: string) => Date.parse(iso);

describe('weekStartOf', () => {
  it.each([
    // [instant, zone, Monday 00:00 local as UTC]
    ['2026-11-19T12:00:00Z', 'UTC', '2026-11-16T00:00:00.000Z'],
    ['2026-11-16T00:00:00Z', 'UTC', '2026-11-16T00:00:00.000Z'],
    ['2026-11-15T23:59:59.999Z', 'UTC', '2026-11-09T00:00:00.000Z'],
    ['2026-11-22T23:59:59Z', 'UTC', '2026-11-16T00:00:00.000Z'],
    // Berlin is UTC+1 in November: Monday 00:00 local is Sunday 23:00 UTC.
    ['2026-11-15T23:00:00Z', 'Europe/Berlin', '2026-11-15T23:00:00.000Z'],
    ['2026-11-15T22:59:59Z', 'Europe/Berlin', '2026-11-08T23:00:00.000Z'],
    // The week holding the spring-forward Sunday starts in winter time, the next one in summer time.
    ['2026-03-29T12:00:00Z', 'Europe/Berlin', '2026-03-22T23:00:00.000Z'],
    ['2026-03-30T12:00:00Z', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-26T00:30:00Z', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-11-22T23:30:00Z', 'Asia/Kolkata', '2026-11-22T18:30:00.000Z'],
    ['2026-11-16T04:59:00Z', 'America/New_York', '2026-11-09T05:00:00.000Z'],
    ['2026-11-16T05:00:00Z', 'America/New_York', '2026-11-16T05:00:00.000Z'],
    ['2026-11-16T10:00:00Z', 'Pacific/Auckland', '2026-11-15T11:00:00.000Z'],
  ])('%s in %s → %s', (instant, zone, expected) => {
    expect(new Date(weekStartOf(at(instant), zone)).toISOString()).toBe(expected);
  });

  it('uses the local zone when none is given', () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const t = at('2026-07-01T08:00:00Z');
    expect(weekStartOf(t)).toBe(weekStartOf(t, local));
  });
});

describe('startOfLocalDay around daylight-saving transitions at midnight', () => {
  it.each([
    // Cairo sprang forward at 00:00 on 28 April 2023: the day began at 01:00 local.
    [2023, 4, 28, 'Africa/Cairo', '2023-04-27T22:00:00.000Z'],
    // Havana fell back from 01:00 to 00:00 on 5 November 2023: midnight happened twice, the first counts.
    [2023, 11, 5, 'America/Havana', '2023-11-05T04:00:00.000Z'],
    [2023, 11, 6, 'America/Havana', '2023-11-06T05:00:00.000Z'],
    [2026, 1, 32, 'UTC', '2026-02-01T00:00:00.000Z'],
  ])('%i-%i-%i in %s → %s', (year, month, day, zone, expected) => {
    expect(new Date(startOfLocalDay(year, month, day, zone)).toISOString()).toBe(expected);
  });
});

describe('shiftWeek and localParts', () => {
  it.each([
    ['2026-03-22T23:00:00Z', 1, '2026-03-29T22:00:00.000Z'],
    ['2026-03-29T22:00:00Z', -1, '2026-03-22T23:00:00.000Z'],
    ['2026-10-18T22:00:00Z', 1, '2026-10-25T23:00:00.000Z'],
  ])('Berlin week %s shifted by %i → %s', (start, weeks, expected) => {
    expect(new Date(shiftWeek(at(start), weeks, 'Europe/Berlin')).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-19T19:30:00Z', 'Europe/Berlin', 3, 20],
    ['2026-11-22T23:30:00Z', 'Europe/Berlin', 0, 0],
    ['2026-11-22T23:30:00Z', 'UTC', 6, 23],
  ])('%s in %s is weekday %i hour %i', (instant, zone, weekday, hour) => {
    expect(localParts(at(instant), zone)).toMatchObject({ weekday, hour });
  });
});
