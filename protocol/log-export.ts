import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { LogBatch } from './batch.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_PREV, type LogEntry } from './log-entry.ts';
import { type SignatureDomain, type SigningKey, signValue } from './signature.ts';

/**
 * The export file (SPEC §7): JSON Lines, every line the RFC 8785 form of its value, every line ending in
 * "\n". In order:
 *
 *   1  header   { kind: "cogfw-log", format: 1, devicePublicKey, created, signature }
 *   2  only inside a passphrase envelope, optionally: { deviceSecretKey } (the device key, for import)
 *      then for each batch, in seq order:
 *        { batch: { v, first, last, size, root, ts, signer, signature } }
 *        { entry: { v, seq, ts, prev, type, body, bodyHash, hash } }   one line per entry first…last
 *   L  trailer  { trailer: { lines, entries, batches, lastHash, header, signature } }
 *
 * Anchor receipts travel as 'anchor_receipt' entries, so the chain covers them like any other event.
 *
 * Why every value is covered:
 * - the header by its signature (made with devicePublicKey; that key must also be the log's key in force
 *   at the end, which the verifier checks);
 * - an entry's fields by its `hash`, its body by `bodyHash` (which `hash` covers), each entry's `hash`
 *   by the next entry's `prev` and by the root of its batch;
 * - a batch by its signature, and its signer by the key entries of the chain;
 * - the secret key line by deriving it: it must be the private half of the header's key;
 * - the trailer by its signature, with the header key. The trailer states the number of lines, entries
 *   and batches, the last entry hash and the SHA-256 of the header line, so it binds the whole file: a
 *   truncated file has no trailer, or one whose counts do not match; a trailer from another export does
 *   not match this header.
 * Every entry is inside a batch (an export seals the pending entries first), and a batch line comes
 * before its entries, so the verifier always knows what the next line must be: the first line that is out
 * of place — removed, repeated, moved or cut short — is the one it names.
 */
export const EXPORT_KIND = 'cogfw-log';
export const EXPORT_FORMAT = 1;
export const HEADER_DOMAIN: SignatureDomain = 'cogfw/log-header/v1';
export const TRAILER_DOMAIN: SignatureDomain = 'cogfw/log-trailer/v1';

export interface ExportHeader {
  kind: typeof EXPORT_KIND;
  format: typeof EXPORT_FORMAT;
  /** The device key in force when the export was made (hex Ed25519). */
  devicePublicKey: string;
  /** Milliseconds since the epoch. */
  created: number;
  signature: string;
}

export interface ExportTrailer {
  /** Lines in the file, this one included. */
  lines: number;
  entries: number;
  batches: number;
  /** Hash of the last entry (the genesis value for an empty log). */
  lastHash: string;
  /** SHA-256 of the header line's bytes, hex. */
  header: string;
  signature: string;
}

export interface ExportInput {
  /** The key in force at the end of the log; it signs header and trailer. */
  key: SigningKey;
  created: number;
  /** All entries, seq 0…n−1 in order. */
  entries: readonly LogEntry[];
  /** Batches covering exactly those entries, in order. */
  batches: readonly LogBatch[];
  /** Include the device secret key (only inside a passphrase envelope). */
  includeSecretKey?: boolean;
}

export function headerLine(key: SigningKey, created: number): string {
  const fields = { kind: EXPORT_KIND, format: EXPORT_FORMAT, devicePublicKey: key.publicKey, created };
  return canonicalJson({ ...fields, signature: signValue(HEADER_DOMAIN, fields, key.secretKey) });
}

export function entryLine(entry: LogEntry): string {
  return canonicalJson({ entry });
}

export function batchLine(batch: LogBatch): string {
  return canonicalJson({ batch });
}

/** SHA-256 of a line's UTF-8 bytes, hex. */
export function lineHash(line: string): string {
  return bytesToHex(sha256(utf8ToBytes(line)));
}

export function trailerLine(fields: Omit<ExportTrailer, 'signature'>, key: SigningKey): string {
  const { lines, entries, batches, lastHash, header } = fields;
  const signed = { lines, entries, batches, lastHash, header };
  return canonicalJson({
    trailer: { ...signed, signature: signValue(TRAILER_DOMAIN, signed, key.secretKey) },
  });
}

/**
 * The export's lines, without their newlines, one at a time (a long log never has to exist as one
 * string). Throws when the batches do not cover the entries exactly.
 */
export function* exportLines(input: ExportInput): Generator<string> {
  const { key, created, entries, batches } = input;
  const header = headerLine(key, created);
  yield header;
  let lines = 1;
  if (input.includeSecretKey) {
    yield canonicalJson({ deviceSecretKey: bytesToHex(key.secretKey) });
    lines++;
  }
  let next = 0;
  for (const batch of batches) {
    if (batch.first !== next || batch.last < batch.first) {
      throw new RangeError(`batch ${batch.first}–${batch.last} does not follow seq ${next - 1}`);
    }
    yield batchLine(batch);
    lines++;
    for (let seq = batch.first; seq <= batch.last; seq++) {
      const entry = entries[seq];
      if (!entry || entry.seq !== seq) throw new RangeError(`entry ${seq} is missing`);
      yield entryLine(entry);
      lines++;
    }
    next = batch.last + 1;
  }
  if (next !== entries.length)
    throw new RangeError(`entries from seq ${next} on are in no batch; seal them first`);
  const lastHash = entries.at(-1)?.hash ?? GENESIS_PREV;
  yield trailerLine(
    {
      lines: lines + 1,
      entries: entries.length,
      batches: batches.length,
      lastHash,
      header: lineHash(header),
    },
    key,
  );
}

/** The whole export as bytes (each line followed by "\n"). */
export function exportBytes(input: ExportInput): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const line of exportLines(input)) {
    const bytes = encoder.encode(`${line}\n`);
    parts.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
