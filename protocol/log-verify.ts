import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { anchorReceiptProblem } from './anchor-receipt.ts';
import { BATCH_MAX_ENTRIES, type LogBatch, verifyBatchSignature } from './batch.ts';
import { canonicalJson } from './canonical-json.ts';
import { applyKeyEntry } from './device-key.ts';
import { isSealedExport, openExport } from './export-envelope.ts';
import { GENESIS_PREV, LOG_ENTRY_TYPES, LOG_FORMAT_VERSION, type LogEntryType } from './log-entry.ts';
import {
  EXPORT_FORMAT,
  EXPORT_KIND,
  type ExportHeader,
  type ExportTrailer,
  HEADER_DOMAIN,
  TRAILER_DOMAIN,
} from './log-export.ts';
import { type Hash, leafHash, rootFromLeafHashes } from './merkle.ts';
import { redactionBodyProblem, UNREDACTABLE_TYPES } from './redaction.ts';
import { sha256Parts } from './sha256-parts.ts';
import { isHash, isPublicKeyHex, isSignatureHex, verifyValue } from './signature.ts';

/**
 * Verification of an export (format in log-export.ts), line by line.
 *
 * The verdict names the first line that cannot belong to a valid export given the lines before it, and
 * why. Every check is made at the earliest line that can decide it; three can only be finished later and
 * then blame the line that made the claim:
 * - a batch's signer is checked against the key in force after its last entry (a key entry inside the
 *   batch may hand over), and a mismatch names the batch line;
 * - the header's key is checked against the key in force at the end, and a mismatch names line 1;
 * - an entry without a body must be named by a later redaction entry; one that never is is named at the end.
 *
 * The state is plain data (structuredClone-able), so a caller can checkpoint it and go on later, e.g. to
 * verify only what was appended since.
 */
export type VerifyVerdict = VerifiedExport | VerifyFailure;

export interface VerifiedExport {
  ok: true;
  lines: number;
  entries: number;
  batches: number;
  /** Entries whose body was removed (each covered by a redaction entry). */
  redacted: number;
  /** Redaction entries. */
  redactions: number;
  /** 'anchor_receipt' entries whose receipts were checked. */
  receipts: number;
  keyRotations: number;
  devicePublicKey: string;
  created: number;
  /** The export carried the device secret key (inside a passphrase envelope). */
  secretKey: boolean;
}

export interface VerifyFailure {
  ok: false;
  /** 1-based line of the file; 0 when the file as a whole is unusable (e.g. a damaged envelope). */
  line: number;
  reason: string;
}

interface OpenBatch {
  first: number;
  last: number;
  root: string;
  signer: string;
  line: number;
  leaves: Hash[];
}

export interface VerifierState {
  /** Lines consumed so far. */
  line: number;
  failure: VerifyFailure | undefined;
  /** Inside a passphrase envelope, where line 2 may carry the secret key. */
  sealed: boolean;
  header: { key: string; created: number; hash: string } | undefined;
  expect: 'header' | 'batch-or-trailer' | 'entry' | 'end';
  nextSeq: number;
  /** Hash of the last entry verified (zeros before the first, i.e. GENESIS_PREV). */
  prevDigest: Uint8Array;
  batch: OpenBatch | undefined;
  /** Device key in force (from the key entries so far). */
  key: string | undefined;
  entries: number;
  batches: number;
  redacted: number;
  redactions: number;
  receipts: number;
  keyRotations: number;
  secretKey: boolean;
  /** Redacted entries no redaction entry has named yet: seq → line. */
  uncovered: Map<number, number>;
  /** Roots of the batches verified so far (receipts must anchor one of them). */
  batchRoots: Set<string>;
}

const ENTRY_PREFIX = '{"entry":{"body":';
const ENTRY_KEYS = ['body', 'bodyHash', 'hash', 'prev', 'seq', 'ts', 'type', 'v'];
const BATCH_KEYS = ['first', 'last', 'root', 'signature', 'signer', 'size', 'ts', 'v'];
const HEADER_KEYS = ['created', 'devicePublicKey', 'format', 'kind', 'signature'];
const TRAILER_KEYS = ['batches', 'entries', 'header', 'lastHash', 'lines', 'signature'];
const ENTRY_TYPES: ReadonlySet<string> = new Set(LOG_ENTRY_TYPES);
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` is an object whose keys are exactly `keys`. */
function hasKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const own = Object.keys(value);
  if (own.length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function short(key: string): string {
  return `${key.slice(0, 16)}…`;
}

export function createVerifierState(options: { sealed?: boolean } = {}): VerifierState {
  return {
    line: 0,
    failure: undefined,
    sealed: options.sealed === true,
    header: undefined,
    expect: 'header',
    nextSeq: 0,
    prevDigest: hexToBytes(GENESIS_PREV),
    batch: undefined,
    key: undefined,
    entries: 0,
    batches: 0,
    redacted: 0,
    redactions: 0,
    receipts: 0,
    keyRotations: 0,
    secretKey: false,
    uncovered: new Map(),
    batchRoots: new Set(),
  };
}

/** Feeds one line (its bytes, without the newline). Returns the failure once there is one. */
export function verifyLine(state: VerifierState, bytes: Uint8Array): VerifyFailure | undefined {
  if (state.failure) return state.failure;
  state.line++;
  const reason = lineProblem(state, bytes);
  if (reason !== undefined)
    state.failure = { ok: false, line: reason.line ?? state.line, reason: reason.text };
  return state.failure;
}

type Problem = { text: string; line?: number } | undefined;

function lineProblem(state: VerifierState, bytes: Uint8Array): Problem {
  if (state.expect === 'end') return { text: 'a line after the trailer' };
  if (state.expect !== 'header' && startsWith(bytes, ENTRY_PREFIX_BYTES)) return entryProblem(state, bytes);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { text: 'not valid UTF-8' };
  }
  if (state.expect === 'header') return headerProblem(state, text, bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { text: 'not valid JSON' };
  }
  if (!isRecord(value)) return { text: 'not a JSON object' };
  const [tag, ...others] = Object.keys(value);
  if (others.length > 0) return { text: 'a line holds exactly one tagged record' };
  switch (tag) {
    case 'entry':
      if (state.expect !== 'entry') return { text: `found an entry, expected ${expectedWhat(state)}` };
      return entryFallbackProblem(bytes);
    case 'batch':
      return batchProblem(state, value.batch, text);
    case 'trailer':
      return trailerProblem(state, value.trailer, text);
    case 'deviceSecretKey':
      return secretKeyProblem(state, value.deviceSecretKey, text);
    default:
      return { text: `unknown line kind ${JSON.stringify(tag ?? '')}` };
  }
}

function expectedWhat(state: VerifierState): string {
  switch (state.expect) {
    case 'entry':
      return `entry seq ${state.nextSeq}`;
    case 'batch-or-trailer':
      return `a batch starting at seq ${state.nextSeq} or the trailer`;
    default:
      return state.expect;
  }
}

function headerProblem(state: VerifierState, text: string, bytes: Uint8Array): Problem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { text: 'not valid JSON (expected the export header)' };
  }
  if (!hasKeys(value, HEADER_KEYS) || value.kind !== EXPORT_KIND) {
    return { text: 'not a Cognitive Firewall log export (no header)' };
  }
  const header = value as unknown as ExportHeader;
  if (header.format !== EXPORT_FORMAT)
    return { text: `export format ${String(header.format)} is not supported` };
  if (!isPublicKeyHex(header.devicePublicKey) || !isSignatureHex(header.signature)) {
    return { text: 'malformed header key or signature' };
  }
  if (!Number.isSafeInteger(header.created)) return { text: 'header "created" must be an integer' };
  if (canonicalJson(value) !== text) return { text: 'the header is not in canonical form (RFC 8785)' };
  const { kind, format, devicePublicKey, created, signature } = header;
  if (!verifyValue(HEADER_DOMAIN, { kind, format, devicePublicKey, created }, signature, devicePublicKey)) {
    return { text: 'the header signature does not verify' };
  }
  state.header = { key: devicePublicKey, created, hash: bytesToHex(sha256(bytes)) };
  state.expect = 'batch-or-trailer';
  return undefined;
}

function secretKeyProblem(state: VerifierState, secret: unknown, text: string): Problem {
  if (!state.sealed) return { text: 'a device secret key in an export without a passphrase' };
  if (state.line !== 2) return { text: 'the device secret key belongs on line 2' };
  if (typeof secret !== 'string' || !/^[0-9a-f]{64}$/.test(secret))
    return { text: 'malformed device secret key' };
  if (canonicalJson({ deviceSecretKey: secret }) !== text)
    return { text: 'the line is not in canonical form' };
  if (bytesToHex(ed25519.getPublicKey(hexToBytes(secret))) !== state.header?.key) {
    return { text: 'the device secret key does not belong to the header key' };
  }
  state.secretKey = true;
  return undefined;
}

function batchProblem(state: VerifierState, value: unknown, text: string): Problem {
  if (state.expect !== 'batch-or-trailer') return { text: `found a batch, expected ${expectedWhat(state)}` };
  if (!hasKeys(value, BATCH_KEYS)) return { text: 'malformed batch' };
  const batch = value as unknown as LogBatch;
  if (batch.v !== 1) return { text: `batch version ${String(batch.v)} is not supported` };
  if (
    !isCount(batch.first) ||
    !isCount(batch.last) ||
    !isCount(batch.size) ||
    !Number.isSafeInteger(batch.ts)
  ) {
    return { text: 'batch first, last, size and ts must be integers' };
  }
  if (!isHash(batch.root) || !isPublicKeyHex(batch.signer) || !isSignatureHex(batch.signature)) {
    return { text: 'malformed batch root, signer or signature' };
  }
  if (canonicalJson({ batch }) !== text) return { text: 'the batch is not in canonical form (RFC 8785)' };
  if (!verifyBatchSignature(batch)) return { text: 'the batch signature does not verify' };
  if (batch.first !== state.nextSeq)
    return { text: `the batch starts at seq ${batch.first}, expected ${state.nextSeq}` };
  if (batch.size !== batch.last - batch.first + 1 || batch.size < 1 || batch.size > BATCH_MAX_ENTRIES) {
    return { text: `a batch covers 1 to ${BATCH_MAX_ENTRIES} entries and states their number` };
  }
  state.batch = {
    first: batch.first,
    last: batch.last,
    root: batch.root,
    signer: batch.signer,
    line: state.line,
    leaves: [],
  };
  state.batches++;
  state.expect = 'entry';
  return undefined;
}

const ENTRY_PREFIX_BYTES = encoder.encode(ENTRY_PREFIX);
const OPEN_BRACE = encoder.encode('{');
const NULL_BODY = encoder.encode('null');
const HEX_CODES = encoder.encode('0123456789abcdef');
const QUOTE = 0x22;
const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** bytes[at…at+text.length) spells `text` (ASCII). */
function spellsAt(bytes: Uint8Array, at: number, text: Uint8Array): boolean {
  if (at < 0 || at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text[i]) return false;
  return true;
}

/** The 64 hex digits at bytes[at…] are the lowercase hex of `digest`. */
function hexAtEquals(bytes: Uint8Array, at: number, digest: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const b = digest[i] as number;
    if (bytes[at + 2 * i] !== HEX_CODES[b >> 4] || bytes[at + 2 * i + 1] !== HEX_CODES[b & 15]) return false;
  }
  return true;
}

function equalsHex(digest: Uint8Array, hex: string): boolean {
  return hex.length === 64 && hexAtEquals(encoder.encode(hex), 0, digest);
}

const TAIL_V = encoder.encode('","v":1}}');
const TAIL_TYPE = encoder.encode(',"type":"');
const TAIL_TS = encoder.encode(',"ts":');
const TAIL_SEQ = encoder.encode(',"seq":');
const TAIL_PREV = encoder.encode(',"prev":"');
const TAIL_HASH = encoder.encode(',"hash":"');
const TAIL_BODY_HASH = encoder.encode(',"bodyHash":"');

/** Where the fields of an entry line's tail are, read backwards from the end of the line. */
interface EntryTail {
  /** Offset of ',"bodyHash":"', where the body ends. */
  start: number;
  bodyHashAt: number;
  hashAt: number;
  prevAt: number;
  seq: number;
  ts: number;
  type: string;
}

/** The shortest-form integer ending just before `end`; [start, value] or undefined. */
function integerBefore(bytes: Uint8Array, end: number, signed: boolean): [number, number] | undefined {
  let at = end;
  while (at > 0 && (bytes[at - 1] as number) >= ZERO && (bytes[at - 1] as number) <= NINE) at--;
  const digits = end - at;
  if (digits === 0 || digits > 16 || (digits > 1 && bytes[at] === ZERO)) return undefined;
  let value = 0;
  for (let i = at; i < end; i++) value = value * 10 + ((bytes[i] as number) - ZERO);
  if (signed && bytes[at - 1] === MINUS) {
    if (value === 0) return undefined;
    at--;
    value = -value;
  }
  return Number.isSafeInteger(value) ? [at, value] : undefined;
}

/**
 * Reads the tail ',"bodyHash":"…","hash":"…","prev":"…","seq":N,"ts":N,"type":"…","v":1}}' from the end
 * of the line, byte by byte: every field but "body" has a fixed shape, so the tail can be located and
 * checked without decoding or parsing the line. Hex digits are not checked here: each hex field must
 * equal a digest's lowercase hex further on, which no other spelling can.
 */
function readEntryTail(bytes: Uint8Array): EntryTail | undefined {
  let p = bytes.length - TAIL_V.length;
  if (!spellsAt(bytes, p, TAIL_V)) return undefined;
  const typeEnd = p;
  while (p > typeEnd - 32 && isTypeLetter(bytes[p - 1] as number)) p--;
  if (p === typeEnd) return undefined;
  const type = String.fromCharCode(...bytes.subarray(p, typeEnd));
  p -= TAIL_TYPE.length;
  if (!spellsAt(bytes, p, TAIL_TYPE)) return undefined;
  const ts = integerBefore(bytes, p, true);
  if (!ts) return undefined;
  p = ts[0] - TAIL_TS.length;
  if (!spellsAt(bytes, p, TAIL_TS)) return undefined;
  const seq = integerBefore(bytes, p, false);
  if (!seq) return undefined;
  p = seq[0] - TAIL_SEQ.length;
  if (!spellsAt(bytes, p, TAIL_SEQ) || bytes[p - 1] !== QUOTE) return undefined;
  const prevAt = p - 1 - 64;
  p = prevAt - TAIL_PREV.length;
  if (!spellsAt(bytes, p, TAIL_PREV) || bytes[p - 1] !== QUOTE) return undefined;
  const hashAt = p - 1 - 64;
  p = hashAt - TAIL_HASH.length;
  if (!spellsAt(bytes, p, TAIL_HASH) || bytes[p - 1] !== QUOTE) return undefined;
  const bodyHashAt = p - 1 - 64;
  const start = bodyHashAt - TAIL_BODY_HASH.length;
  if (start < ENTRY_PREFIX.length || !spellsAt(bytes, start, TAIL_BODY_HASH)) return undefined;
  return { start, bodyHashAt, hashAt, prevAt, seq: seq[1], ts: ts[1], type };
}

function isTypeLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function hexAt(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 64));
}

function isNullBody(bytes: Uint8Array): boolean {
  return bytes.length === 4 && startsWith(bytes, NULL_BODY);
}

/**
 * An entry line, read without parsing it: the line must be the RFC 8785 form of the entry, i.e. the
 * prefix '{"entry":{"body":', the body's canonical JSON, then the fixed fields in key order. The tail is
 * matched exactly; the body's bytes are hashed as they stand and must give bodyHash, which proves they
 * are the canonical JSON the device committed to. Only bodies the verifier must read (key events,
 * redactions, receipts) are parsed.
 */
function entryProblem(state: VerifierState, bytes: Uint8Array): Problem {
  if (state.expect !== 'entry') return { text: `found an entry, expected ${expectedWhat(state)}` };
  const tail = readEntryTail(bytes);
  if (!tail) return entryFallbackProblem(bytes);
  const { seq, type } = tail;
  if (seq !== state.nextSeq) return { text: `entry seq ${seq}, expected ${state.nextSeq}` };
  if (!ENTRY_TYPES.has(type)) return { text: `unknown entry type "${type}"` };
  if (!hexAtEquals(bytes, tail.prevAt, state.prevDigest)) {
    return { text: 'prev does not match the hash of the entry before' };
  }

  // `hash` covers the entry without hash and body: the canonical JSON of { bodyHash, prev, seq, ts, type,
  // v }, as entryHash() in log-entry.ts computes it. Those are the tail's members minus "hash", in the
  // same order, so the hashed bytes are '{', the tail's bodyHash member and the tail from "prev" on
  // without the line's closing brace, all taken from the line in place.
  const digest = sha256Parts(
    OPEN_BRACE,
    bytes.subarray(tail.start + 1, tail.hashAt - TAIL_HASH.length),
    bytes.subarray(tail.prevAt - TAIL_PREV.length, bytes.length - 1),
  );
  if (!hexAtEquals(bytes, tail.hashAt, digest)) return { text: 'the entry hash does not match its contents' };

  const bodyBytes = bytes.subarray(ENTRY_PREFIX.length, tail.start);
  if (isNullBody(bodyBytes)) {
    if (UNREDACTABLE_TYPES.includes(type as LogEntryType))
      return { text: `a ${type} entry cannot be redacted` };
    state.redacted++;
    state.uncovered.set(seq, state.line);
  } else {
    if (!hexAtEquals(bytes, tail.bodyHashAt, sha256Parts(bodyBytes))) {
      return { text: 'the body does not match bodyHash' };
    }
    if (type === 'key' || type === 'redaction' || type === 'anchor_receipt') {
      let body: unknown;
      try {
        body = JSON.parse(decoder.decode(bodyBytes));
      } catch {
        return { text: 'the body is not valid JSON' };
      }
      const problem = bodyProblem(state, type, body, seq, hexAt(bytes, tail.prevAt));
      if (problem) return problem;
    }
  }

  const batch = state.batch as OpenBatch;
  batch.leaves.push(leafHash(digest));
  state.entries++;
  state.nextSeq++;
  state.prevDigest = digest;
  if (seq === batch.last) return closeBatch(state, batch, seq);
  return undefined;
}

/** Why a line that starts like an entry is not a canonical one, in the most useful words available. */
function entryFallbackProblem(bytes: Uint8Array): Problem {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return { text: 'not valid JSON' };
  }
  if (!isRecord(value)) return { text: 'not a JSON object' };
  if (Object.keys(value).length !== 1) return { text: 'a line holds exactly one tagged record' };
  if (!hasKeys(value.entry, ENTRY_KEYS)) return { text: 'malformed entry' };
  const entry = value.entry;
  if (entry.v !== LOG_FORMAT_VERSION) return { text: `entry version ${String(entry.v)} is not supported` };
  if (!isCount(entry.seq) || !Number.isSafeInteger(entry.ts))
    return { text: 'entry seq and ts must be integers' };
  if (!isHash(entry.prev) || !isHash(entry.hash) || !isHash(entry.bodyHash))
    return { text: 'malformed entry hashes' };
  return { text: 'the entry is not in canonical form (RFC 8785)' };
}

function closeBatch(state: VerifierState, batch: OpenBatch, seq: number): Problem {
  if (bytesToHex(rootFromLeafHashes(batch.leaves)) !== batch.root) {
    return {
      text: `entries ${batch.first}–${batch.last} do not match the root of the batch on line ${batch.line}`,
    };
  }
  if (state.key === undefined) {
    return { text: 'the batch is signed, but no key entry precedes its end', line: batch.line };
  }
  if (state.key !== batch.signer) {
    return {
      text: `the batch is signed by ${short(batch.signer)}, but the key in force at seq ${seq} is ${short(state.key)}`,
      line: batch.line,
    };
  }
  state.batchRoots.add(batch.root);
  state.batch = undefined;
  state.expect = 'batch-or-trailer';
  return undefined;
}

function bodyProblem(
  state: VerifierState,
  type: LogEntryType,
  body: unknown,
  seq: number,
  prev: string,
): Problem {
  if (type === 'key') {
    const applied = applyKeyEntry(state.key, body, prev);
    if ('error' in applied) return { text: applied.error };
    if (state.key !== undefined) state.keyRotations++;
    state.key = applied.key;
  } else if (type === 'redaction') {
    const problem = redactionBodyProblem(body, seq);
    if (problem) return { text: problem };
    for (const redactedSeq of (body as { seqs: number[] }).seqs) state.uncovered.delete(redactedSeq);
    state.redactions++;
  } else if (type === 'anchor_receipt') {
    const problem = anchorReceiptProblem(body);
    if (problem) return { text: problem };
    if (!state.batchRoots.has((body as { root: string }).root)) {
      return { text: 'the receipt anchors a root that is not an earlier batch of this log' };
    }
    state.receipts++;
  }
  return undefined;
}

function trailerProblem(state: VerifierState, value: unknown, text: string): Problem {
  if (state.expect !== 'batch-or-trailer')
    return { text: `found the trailer, expected ${expectedWhat(state)}` };
  if (!hasKeys(value, TRAILER_KEYS)) return { text: 'malformed trailer' };
  const trailer = value as unknown as ExportTrailer;
  const { lines, entries, batches, lastHash, header, signature } = trailer;
  if (!isCount(lines) || !isCount(entries) || !isCount(batches))
    return { text: 'trailer counts must be integers' };
  if (!isHash(lastHash) || !isHash(header) || !isSignatureHex(signature))
    return { text: 'malformed trailer' };
  if (canonicalJson({ trailer }) !== text) return { text: 'the trailer is not in canonical form (RFC 8785)' };
  const headerKey = state.header?.key as string;
  if (!verifyValue(TRAILER_DOMAIN, { lines, entries, batches, lastHash, header }, signature, headerKey)) {
    return { text: 'the trailer signature does not verify with the header key' };
  }
  if (header !== state.header?.hash) return { text: 'the trailer belongs to another header' };
  if (lines !== state.line)
    return { text: `the trailer counts ${lines} lines, the file has ${state.line} so far` };
  if (entries !== state.entries || batches !== state.batches || !equalsHex(state.prevDigest, lastHash)) {
    return { text: 'the trailer does not match the entries and batches before it' };
  }
  if (state.key !== undefined && state.key !== headerKey) {
    return {
      text: `the header names key ${short(headerKey)}, but the log's key in force is ${short(state.key)}`,
      line: 1,
    };
  }
  state.expect = 'end';
  return undefined;
}

/** Ends verification after the last line. */
export function finishVerification(
  state: VerifierState,
  options: { cutShort?: boolean } = {},
): VerifyVerdict {
  if (state.failure) return state.failure;
  const fail = (line: number, reason: string): VerifyFailure => {
    state.failure = { ok: false, line, reason };
    return state.failure;
  };
  if (options.cutShort) return fail(state.line + 1, 'the last line has no newline: the file is cut short');
  if (state.expect !== 'end') {
    if (state.line === 0) return fail(1, 'the file is empty');
    return fail(state.line + 1, `the file ends before ${expectedWhat(state)}: it is cut short`);
  }
  let first: [number, number] | undefined;
  for (const [seq, line] of state.uncovered) if (!first || line < first[1]) first = [seq, line];
  if (first) return fail(first[1], `entry seq ${first[0]} has no body, but no redaction entry names it`);
  const header = state.header as NonNullable<VerifierState['header']>;
  return {
    ok: true,
    lines: state.line,
    entries: state.entries,
    batches: state.batches,
    redacted: state.redacted,
    redactions: state.redactions,
    receipts: state.receipts,
    keyRotations: state.keyRotations,
    devicePublicKey: header.key,
    created: header.created,
    secretKey: state.secretKey,
  };
}

/** Verifies the lines of a plain (unencrypted) export held in memory. */
export function verifyExportLines(bytes: Uint8Array, options: { sealed?: boolean } = {}): VerifyVerdict {
  const state = createVerifierState(options);
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    // A last line without its newline is cut short, whatever it holds.
    if (end < 0) return finishVerification(state, { cutShort: true });
    if (verifyLine(state, bytes.subarray(start, end))) return state.failure as VerifyFailure;
    start = end + 1;
  }
  return finishVerification(state);
}

/**
 * Verifies an export file's bytes, opening the passphrase envelope first when there is one. Throws
 * ExportEnvelopeError when a sealed export cannot be opened (no or wrong passphrase, unsupported
 * parameters); a damaged envelope is a failed verification of the file as a whole.
 */
export function verifyExport(bytes: Uint8Array, options: { passphrase?: string } = {}): VerifyVerdict {
  if (!isSealedExport(bytes)) return verifyExportLines(bytes);
  let plain: Uint8Array;
  try {
    plain = openExport(bytes, options.passphrase);
  } catch (error) {
    if (error instanceof Error && 'problem' in error && error.problem === 'damaged') {
      return { ok: false, line: 0, reason: error.message };
    }
    throw error;
  }
  return verifyExportLines(plain, { sealed: true });
}
