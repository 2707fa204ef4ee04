import { hashJson } from './hash.ts';

/**
 * One entry of the tamper-evident log (SPEC §7).
 *
 * `hash` is SHA-256 over the RFC 8785 form of the entry without `hash` and without `body`; the body is
 * committed through `bodyHash` instead. That is what lets a redaction drop a body while every later
 * hash, and so the whole chain, still verifies — and the gap stays visible as `body: null`.
 */
export interface LogEntry<Body = unknown> {
  v: 1;
  seq: number;
  /** Milliseconds since the epoch. */
  ts: number;
  /** `hash` of the previous entry; GENESIS_PREV for the first. */
  prev: string;
  type: LogEntryType;
  /** null once redacted. */
  body: Body | null;
  bodyHash: string;
  hash: string;
}

export const LOG_FORMAT_VERSION = 1 as const;
export const GENESIS_PREV = '0'.repeat(64);

export const LOG_ENTRY_TYPES = [
  'analysis',
  'feedback',
  'settings',
  'federated_submission',
  'anchor_receipt',
  'redaction',
  'key',
] as const;
export type LogEntryType = (typeof LOG_ENTRY_TYPES)[number];

export function entryHash(entry: Omit<LogEntry, 'hash' | 'body'>): string {
  const { v, seq, ts, prev, type, bodyHash } = entry;
  return hashJson({ v, seq, ts, prev, type, bodyHash });
}

/** Builds the entry that follows `previous` (or the first entry when `previous` is undefined). */
export function nextEntry<Body>(
  previous: Pick<LogEntry, 'seq' | 'hash'> | undefined,
  type: LogEntryType,
  body: Body,
  ts: number,
): LogEntry<Body> {
  const seq = previous ? previous.seq + 1 : 0;
  const prev = previous ? previous.hash : GENESIS_PREV;
  const bodyHash = hashJson(body);
  const hash = entryHash({ v: LOG_FORMAT_VERSION, seq, ts, prev, type, bodyHash });
  return { v: LOG_FORMAT_VERSION, seq, ts, prev, type, body, bodyHash, hash };
}

export type ChainVerdict =
  | { ok: true; entries: number; redacted: number }
  | { ok: false; seq: number; index: number; reason: string };

/** Checks sequence numbers, links, entry hashes and (for unredacted entries) body hashes, in order. */
export function verifyChain(entries: readonly LogEntry[]): ChainVerdict {
  let redacted = 0;
  let previous: LogEntry | undefined;
  for (const [index, entry] of entries.entries()) {
    const fail = (reason: string): ChainVerdict => ({ ok: false, seq: entry.seq, index, reason });
    if (entry.v !== LOG_FORMAT_VERSION) return fail(`unknown format version ${String(entry.v)}`);
    const expectedSeq = previous ? previous.seq + 1 : 0;
    if (entry.seq !== expectedSeq) return fail(`sequence number ${entry.seq}, expected ${expectedSeq}`);
    const expectedPrev = previous ? previous.hash : GENESIS_PREV;
    if (entry.prev !== expectedPrev) return fail('prev does not match the previous entry hash');
    if (entry.hash !== entryHash(entry)) return fail('entry hash does not match its contents');
    if (entry.body === null) redacted++;
    else if (entry.bodyHash !== hashJson(entry.body)) return fail('body does not match bodyHash');
    previous = entry;
  }
  return { ok: true, entries: entries.length, redacted };
}
