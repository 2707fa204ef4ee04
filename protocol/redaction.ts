import type { LogEntry, LogEntryType } from './log-entry.ts';

/**
 * Redaction (SPEC §7): deleting data removes entry bodies but keeps every `bodyHash`, so the chain and
 * the batch roots still verify and the gap stays visible. Each removal is accounted for by a 'redaction'
 * entry, appended after the entries it redacts, naming their seqs and a reason code (never free text:
 * the reason must not itself carry what was deleted).
 */
export const REDACTION_REASONS = ['conversation_deleted', 'user_request', 'retention'] as const;
export type RedactionReason = (typeof REDACTION_REASONS)[number];

export interface RedactionBody {
  /** Ascending, without repeats; all earlier than the redaction entry itself. */
  seqs: number[];
  reason: RedactionReason;
}

/** Their bodies are what verification reads, so they are never redacted. */
export const UNREDACTABLE_TYPES: readonly LogEntryType[] = ['key', 'redaction'];

export interface RedactionPlan<Body> {
  /** The body of the redaction entry to append. */
  body: RedactionBody;
  /** The targeted entries with `body: null` and everything else unchanged, to store in their place. */
  redacted: LogEntry<Body>[];
}

/**
 * Plans the redaction of `entries` (those to remove, as stored). Append `nextEntry(last, 'redaction',
 * plan.body, now)` and store `plan.redacted` in one transaction.
 */
export function planRedaction<Body>(
  entries: readonly LogEntry<Body>[],
  reason: RedactionReason,
): RedactionPlan<Body> {
  if (!REDACTION_REASONS.includes(reason)) throw new TypeError(`unknown redaction reason ${String(reason)}`);
  if (entries.length === 0) throw new RangeError('nothing to redact');
  for (const entry of entries) {
    if (UNREDACTABLE_TYPES.includes(entry.type))
      throw new TypeError(`a ${entry.type} entry cannot be redacted`);
  }
  const seqs = [...new Set(entries.map((e) => e.seq))].sort((a, b) => a - b);
  return { body: { seqs, reason }, redacted: entries.map((entry) => ({ ...entry, body: null })) };
}

/** Why a redaction entry's body (at `ownSeq`) is malformed, or undefined when it is well formed. */
export function redactionBodyProblem(body: unknown, ownSeq: number): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'a redaction body is an object';
  const keys = Object.keys(body);
  if (keys.length !== 2 || !Object.hasOwn(body, 'seqs') || !Object.hasOwn(body, 'reason')) {
    return 'a redaction body has exactly "seqs" and "reason"';
  }
  const { seqs, reason } = body as { seqs: unknown; reason: unknown };
  if (!REDACTION_REASONS.includes(reason as RedactionReason))
    return `unknown redaction reason ${JSON.stringify(reason)}`;
  if (!Array.isArray(seqs) || seqs.length === 0) return 'a redaction names at least one seq';
  let previous = -1;
  for (const seq of seqs) {
    if (!Number.isSafeInteger(seq) || seq <= previous) return 'redacted seqs must be ascending integers';
    if (seq >= ownSeq) return `a redaction can only name earlier entries (seq ${seq})`;
    previous = seq;
  }
  return undefined;
}
