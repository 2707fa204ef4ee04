import { describe, expect, it } from 'vitest';
import { parseTimeValue } from './time-value.ts';

describe('parseTimeValue', () => {
  it.each<[unknown, number]>([
    ['2026-11-19T20:15:00Z', Date.UTC(2026, 10, 19, 20, 15)],
    ['2026-11-19T20:15:00.250Z', Date.UTC(2026, 10, 19, 20, 15, 0, 250)],
    ['2026-11-19T21:15:00+01:00', Date.UTC(2026, 10, 19, 20, 15)],
    ['2026-11-17T09:00:30.123456Z', Date.UTC(2026, 10, 17, 9, 0, 30, 123)],
    ['2026-11-19', Date.UTC(2026, 10, 19)],
    [1795119300, 1795119300000],
    [1795119300.5, 1795119300500],
    [1795119300000, 1795119300000],
    ['1795119300', 1795119300000],
    ['1795119300000', 1795119300000],
    [0, 0],
  ])('%j → %i', (value, expected) => {
    expect(parseTimeValue(value)).toEqual({ ok: true, time: expected });
  });

  it.each<[unknown, string]>([
    ['yesterday', 'is not an ISO 8601'],
    ['19/11/2026', 'is not an ISO 8601'],
    ['2026-13-45T99:00:00Z', 'is not an ISO 8601'],
    [-5, 'out of range'],
    [Number.POSITIVE_INFINITY, 'out of range'],
    [true, 'not boolean'],
    [{}, 'not object'],
  ])('rejects %j', (value, message) => {
    const result = parseTimeValue(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
