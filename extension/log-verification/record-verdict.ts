import {
  type EnvelopeProblem,
  ExportEnvelopeError,
  isSealedExport,
  openExport,
} from '../../protocol/export-envelope.ts';
import {
  createVerifierState,
  finishVerification,
  type VerifiedExport,
  type VerifyFailure,
  verifyLine,
} from '../../protocol/log-verify.ts';

/**
 * The outcome of verifying an export's bytes, as plain data (it crosses from the worker to the page).
 * A file that could not be opened at all (no passphrase, a wrong one, a damaged or unsupported envelope)
 * is a failure at line 0 that says which, so the page can ask again instead of calling the file broken.
 */
export type RecordVerdict = VerifiedExport | RecordFailure;

export interface RecordFailure extends VerifyFailure {
  /** Set when the passphrase envelope, not a line, is the problem. */
  envelope?: EnvelopeProblem;
  /** What the failing line holds, as far as it can be read; absent for line 0. */
  at?: FailingLine;
}

/** The record on the failing line, so the page can say "entry 17" rather than "line 20". */
export type FailingLine =
  | { kind: 'header' }
  | { kind: 'secret-key' }
  | { kind: 'batch'; first: number; last: number }
  | { kind: 'entry'; seq: number }
  | { kind: 'trailer' }
  /** The line is past the end of the file: the file is cut short. */
  | { kind: 'end' }
  /** The line cannot be read as any record. */
  | { kind: 'unreadable' };

export interface VerifyProgress {
  /** Bytes of the plain export verified so far. */
  done: number;
  total: number;
}

export interface VerifyRecordOptions {
  passphrase?: string;
  /** Called now and then during a long verification, and once at the end. */
  onProgress?: (progress: VerifyProgress) => void;
}

/** Report progress after roughly this many bytes, so a small record reports once and a large one often. */
const PROGRESS_STEP_BYTES = 256 * 1024;

/**
 * verifyExport (protocol/log-verify.ts) fed line by line through the incremental verifier, so a long
 * record reports how far it got. It reaches the same verdict as verifyExport on every input: a last line
 * without its newline is a cut-short file, and a damaged envelope fails the file as a whole.
 */
export function verifyRecordBytes(bytes: Uint8Array, options: VerifyRecordOptions = {}): RecordVerdict {
  const sealed = isSealedExport(bytes);
  let plain = bytes;
  if (sealed) {
    try {
      plain = openExport(bytes, options.passphrase);
    } catch (error) {
      if (error instanceof ExportEnvelopeError) {
        return { ok: false, line: 0, reason: error.message, envelope: error.problem };
      }
      throw error;
    }
  }
  const state = createVerifierState({ sealed });
  const report = (done: number) => options.onProgress?.({ done, total: plain.length });
  let start = 0;
  let reported = 0;
  let verdict: RecordVerdict | undefined;
  while (start < plain.length) {
    const end = plain.indexOf(0x0a, start);
    if (end < 0) {
      verdict = finishVerification(state, { cutShort: true });
      break;
    }
    const failure = verifyLine(state, plain.subarray(start, end));
    if (failure) {
      verdict = failure;
      break;
    }
    start = end + 1;
    if (start - reported >= PROGRESS_STEP_BYTES) {
      reported = start;
      report(start);
    }
  }
  verdict ??= finishVerification(state);
  report(plain.length);
  return verdict.ok ? verdict : { ...verdict, at: failingLine(plain, verdict.line) };
}

/** Reads what line `line` (1-based) of the plain export holds; only for naming it, nothing is trusted. */
export function failingLine(plain: Uint8Array, line: number): FailingLine {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const end = plain.indexOf(0x0a, start);
    if (end < 0) return { kind: 'end' };
    start = end + 1;
  }
  if (start >= plain.length) return { kind: 'end' };
  let end = plain.indexOf(0x0a, start);
  if (end < 0) end = plain.length;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(plain.subarray(start, end)));
  } catch {
    return { kind: 'unreadable' };
  }
  if (line === 1) return { kind: 'header' };
  if (typeof value !== 'object' || value === null) return { kind: 'unreadable' };
  const record = value as Record<string, Record<string, unknown> | undefined>;
  const seq = record.entry?.seq;
  if (Number.isSafeInteger(seq)) return { kind: 'entry', seq: seq as number };
  const { first, last } = record.batch ?? {};
  if (Number.isSafeInteger(first) && Number.isSafeInteger(last)) {
    return { kind: 'batch', first: first as number, last: last as number };
  }
  if ('trailer' in record) return { kind: 'trailer' };
  if ('deviceSecretKey' in record) return { kind: 'secret-key' };
  return { kind: 'unreadable' };
}
