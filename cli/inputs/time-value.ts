/**
 * Epoch values below this are read as seconds, at or above it as milliseconds. 1e11 seconds is the year
 * 5138 and 1e11 milliseconds is March 1973, so no real chat time is ambiguous.
 */
const SECONDS_LIMIT = 1e11;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC = /^\d+(?:\.\d+)?$/;

export type TimeParse = { ok: true; time: number } | { ok: false; message: string };

/**
 * A message time as found in chat files: an ISO 8601 string, or epoch seconds or milliseconds (as a number
 * or a string of digits). ISO dates follow JavaScript's rules: a date alone is UTC midnight, a date-time
 * without an offset is local time.
 */
export function parseTimeValue(value: unknown): TimeParse {
  let numeric: number | undefined;
  if (typeof value === 'number') numeric = value;
  else if (typeof value === 'string' && NUMERIC.test(value.trim())) numeric = Number(value.trim());

  if (numeric !== undefined) {
    if (!Number.isFinite(numeric) || numeric < 0)
      return { ok: false, message: `time ${value} is out of range` };
    return { ok: true, time: Math.round(numeric < SECONDS_LIMIT ? numeric * 1000 : numeric) };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const time = ISO_8601.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isFinite(time)) return { ok: true, time };
    return {
      ok: false,
      message: `time "${value}" is not an ISO 8601 date-time or epoch seconds/milliseconds`,
    };
  }
  return {
    ok: false,
    message: `time must be an ISO 8601 string or epoch seconds/milliseconds, not ${typeof value}`,
  };
}
