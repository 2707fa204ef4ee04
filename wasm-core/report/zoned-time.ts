/**
 * Calendar arithmetic in an IANA time zone, through Intl only (no time-zone database of our own).
 * `timeZone` undefined means the runtime's local zone. Weeks start on Monday, as in most of the world
 * and in ISO 8601.
 */

const DAY_MS = 86_400_000;

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = timeZone ?? '';
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/** Throws a RangeError naming the zone when the runtime does not know it. */
export function assertTimeZone(timeZone: string | undefined): void {
  formatterFor(timeZone);
}

export function localParts(time: number, timeZone?: string): LocalParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(time)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const year = values.year ?? 1970;
  const month = values.month ?? 1;
  const day = values.day ?? 1;
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return {
    year,
    month,
    day,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
    weekday,
  };
}

/** Local wall-clock time minus UTC at `time`, in milliseconds (whole seconds). */
function offsetAt(time: number, timeZone: string | undefined): number {
  const p = localParts(time, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(time / 1000) * 1000;
}

/**
 * The first instant of a local calendar day. Month and day may overflow (day 0, day 32) as in Date.UTC.
 * When midnight falls in a daylight-saving gap the day starts at the transition; when it occurs twice the
 * earlier one counts.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone?: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const valid = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wall - offset)
    .filter((candidate) => offsetAt(candidate, timeZone) === wall - candidate);
  if (valid.length > 0) return Math.min(...valid);
  return wall - offsetBefore;
}

/** Monday 00:00 local time of the week containing `time`, in ms since the epoch. */
export function weekStartOf(time: number, timeZone?: string): number {
  const p = localParts(time, timeZone);
  return startOfLocalDay(p.year, p.month, p.day - p.weekday, timeZone);
}

/** Monday 00:00 local time `weeks` weeks after (or before, when negative) the week of `weekStart`. */
export function shiftWeek(weekStart: number, weeks: number, timeZone?: string): number {
  // Noon keeps the lookup clear of any daylight-saving transition around midnight.
  const p = localParts(weekStart + DAY_MS / 2, timeZone);
  return startOfLocalDay(p.year, p.month, p.day - p.weekday + 7 * weeks, timeZone);
}
