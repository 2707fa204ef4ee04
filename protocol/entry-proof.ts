import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { type LogBatch, verifyBatchSignature } from './batch.ts';
import { hashJson } from './hash.ts';
import { entryHash, LOG_ENTRY_TYPES, type LogEntry } from './log-entry.ts';
import { inclusionProof, leafHash, verifyInclusion } from './merkle.ts';
import { isHash, isPublicKeyHex, isSignatureHex } from './signature.ts';

/**
 * A self-contained proof that one log entry is in a signed batch: the entry (its body too, unless
 * redacted), the batch with its signature, and the RFC 9162 audit path from the entry's leaf to the batch
 * root. Anyone can check it offline; tying the signer to a person's device takes their export (or their
 * word for the key).
 */
export interface EntryProof {
  kind: 'cogfw-entry-proof';
  format: 1;
  entry: LogEntry;
  batch: LogBatch;
  /** Position of the entry in the batch: seq − first. */
  leafIndex: number;
  /** Audit path, leaf-upward, hex. */
  path: string[];
}

/** The proof for entry `seq`, given its batch and the batch's entries in order. */
export function proveEntry(batch: LogBatch, entries: readonly LogEntry[], seq: number): EntryProof {
  if (seq < batch.first || seq > batch.last)
    throw new RangeError(`seq ${seq} is not in batch ${batch.first}–${batch.last}`);
  if (entries.length !== batch.size || entries.some((e, i) => e.seq !== batch.first + i)) {
    throw new RangeError('the entries do not match the batch');
  }
  const hashes = entries.map((e) => leafHash(hexToBytes(e.hash)));
  const leafIndex = seq - batch.first;
  const path = inclusionProof(hashes, leafIndex).map(bytesToHex);
  return {
    kind: 'cogfw-entry-proof',
    format: 1,
    entry: entries[leafIndex] as LogEntry,
    batch,
    leafIndex,
    path,
  };
}

export type EntryProofVerdict =
  | { ok: true; seq: number; type: string; signer: string; first: number; last: number; redacted: boolean }
  | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function verifyEntryProof(proof: unknown): EntryProofVerdict {
  const fail = (reason: string): EntryProofVerdict => ({ ok: false, reason });
  if (!isRecord(proof) || proof.kind !== 'cogfw-entry-proof')
    return fail('not a Cognitive Firewall entry proof');
  if (proof.format !== 1) return fail(`proof format ${String(proof.format)} is not supported`);
  const { entry, batch, leafIndex, path } = proof;
  if (!isRecord(entry) || !isRecord(batch)) return fail('the proof needs an entry and a batch');
  const e = entry as unknown as LogEntry;
  const b = batch as unknown as LogBatch;
  if (
    e.v !== 1 ||
    !Number.isSafeInteger(e.seq) ||
    !Number.isSafeInteger(e.ts) ||
    !isHash(e.prev) ||
    !isHash(e.bodyHash) ||
    !isHash(e.hash) ||
    !LOG_ENTRY_TYPES.includes(e.type)
  ) {
    return fail('malformed entry');
  }
  if (
    b.v !== 1 ||
    !Number.isSafeInteger(b.first) ||
    !Number.isSafeInteger(b.last) ||
    !Number.isSafeInteger(b.size) ||
    !Number.isSafeInteger(b.ts) ||
    !isHash(b.root) ||
    !isPublicKeyHex(b.signer) ||
    !isSignatureHex(b.signature)
  ) {
    return fail('malformed batch');
  }
  if (!Array.isArray(path) || !path.every(isHash)) return fail('malformed audit path');
  if (e.hash !== entryHash(e)) return fail('the entry hash does not match its contents');
  const redacted = e.body === null || e.body === undefined;
  if (!redacted && hashJson(e.body) !== e.bodyHash) return fail('the body does not match bodyHash');
  if (e.seq < b.first || e.seq > b.last || leafIndex !== e.seq - b.first || b.size !== b.last - b.first + 1) {
    return fail(`entry ${e.seq} is not at position ${String(leafIndex)} of batch ${b.first}–${b.last}`);
  }
  const included = verifyInclusion(
    leafIndex,
    b.size,
    leafHash(hexToBytes(e.hash)),
    path.map((h) => hexToBytes(h)),
    hexToBytes(b.root),
  );
  if (!included) return fail('the audit path does not lead to the batch root');
  if (!verifyBatchSignature(b)) return fail('the batch signature does not verify');
  return { ok: true, seq: e.seq, type: e.type, signer: b.signer, first: b.first, last: b.last, redacted };
}
