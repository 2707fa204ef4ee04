import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { type AnchorReceipt, signTreeHead } from '../anchor-receipt.ts';
import { type LogBatch, sealBatch } from '../batch.ts';
import { genesisKeyBody, rotationKeyBody } from '../device-key.ts';
import { GENESIS_PREV, type LogEntry, type LogEntryType, nextEntry } from '../log-entry.ts';
import { type ExportInput, exportBytes } from '../log-export.ts';
import { inclusionProof, leafHash, rootFromLeafHashes } from '../merkle.ts';
import { planRedaction } from '../redaction.ts';
import { type SigningKey, signingKeyFromSecret } from '../signature.ts';

/** Deterministic keys for tests: the secret is a fixed byte pattern. */
export function testKey(n: number): SigningKey {
  return signingKeyFromSecret(new Uint8Array(32).fill(n));
}

const SITES = ['chatgpt.com', 'claude.ai', 'gemini.google.com', 'perplexity.ai'];
const TECHNIQUES = ['T01', 'T02', 'T05', 'T10', 'T17', 'T18'];

/** A deterministic stand-in for the UUIDs chat sites use as conversation and message ids. */
function sampleId(n: number): string {
  const hex = ((n + 1) * 2654435761).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(1, 4)}-8${hex.slice(5, 8)}-${hex}`;
}

/** A model score as the analyzer reports it: an unrounded float. */
function sampleScore(n: number): number {
  return ((n * 2654435761) % 1_000_003) / 1_000_003;
}

/** A body shaped like the extension's analysis log body (a footprint record without excerpts). */
export function sampleAnalysisBody(i: number): Record<string, unknown> {
  const findings = TECHNIQUES.filter((_, t) => (i * 7 + t * 3) % 5 === 0).map((technique, t) => ({
    technique,
    score: sampleScore(i * 31 + t),
    count: 1 + ((i + t) % 3),
    sources: t % 2 === 0 ? ['lexicon', 'model'] : ['model'],
  }));
  const site = SITES[i % SITES.length] as string;
  const conversationId = sampleId(Math.floor(i / 7));
  return {
    key: `${site}|${conversationId}|${sampleId(1_000_000 + i)}`,
    site,
    conversationId,
    turnIndex: i % 7,
    time: 1_763_000_000_000 + i * 61_000,
    risk: sampleScore(i),
    level: ['low', 'medium', 'high'][i % 3],
    findings,
    engine: 'lexicon cogfw-lexicon@3 + model cogfw-linear@2',
    truncated: false,
    patterns: {
      trust_before_recommendation: i % 11 === 0,
      escalation: i % 13 === 0,
      vulnerability_exploit: false,
    },
    userSignals: { loneliness: i % 17 === 0, grief: false, distress: false, minor: false },
  };
}

export interface SampleLog extends ExportInput {
  /** The key that signed each batch, in order. */
  keys: SigningKey[];
}

export interface SampleLogOptions {
  /** Analysis entries besides the key and redaction entries. */
  analyses: number;
  /** Entry indices (counting analyses from 0) after which the key is rotated. */
  rotateAfter?: number[];
  /** Batches (by index) to anchor: an 'anchor_receipt' entry follows the batch's sealing. */
  anchor?: number[];
  /** Analyses to redact at the end, by index, with one redaction entry per group. */
  redact?: number[][];
  startTs?: number;
}

/**
 * A log as the extension would write it: a genesis key entry, analyses, key rotations, redactions, sealed
 * into batches of up to 100 as it goes, with the pending tail sealed at the end (as an export does).
 */
export function sampleLog(options: SampleLogOptions): SampleLog {
  let key = testKey(1);
  const keys: SigningKey[] = [];
  const entries: LogEntry[] = [];
  const batches: LogBatch[] = [];
  let ts = options.startTs ?? 1_763_000_000_000;
  let pendingFrom = 0;
  const append = (type: LogEntryType, body: unknown) => {
    entries.push(nextEntry(entries.at(-1), type, body, ts++) as LogEntry);
    if (entries.length - pendingFrom === 100) seal();
  };
  const toAnchor: string[] = [];
  const seal = () => {
    if (entries.length === pendingFrom) return;
    batches.push(sealBatch(entries.slice(pendingFrom), ts++, key));
    keys.push(key);
    pendingFrom = entries.length;
    if (options.anchor?.includes(batches.length - 1)) toAnchor.push((batches.at(-1) as LogBatch).root);
  };
  const flushReceipts = () => {
    for (const root of toAnchor.splice(0)) append('anchor_receipt', sampleReceipt(root, ts));
  };
  append('key', genesisKeyBody(GENESIS_PREV, key));
  const analysisSeqs: number[] = [];
  const rotations = new Set(options.rotateAfter ?? []);
  for (let i = 0; i < options.analyses; i++) {
    append('analysis', sampleAnalysisBody(i));
    flushReceipts();
    analysisSeqs.push(entries.length - 1);
    if (rotations.has(i)) {
      const next = testKey(2 + keys.length + i);
      append('key', rotationKeyBody((entries.at(-1) as LogEntry).hash, key, next.publicKey));
      key = next;
    }
  }
  for (const group of options.redact ?? []) {
    const targets = group.map((i) => entries[analysisSeqs[i] as number] as LogEntry);
    const plan = planRedaction(targets, 'conversation_deleted');
    for (const redacted of plan.redacted) entries[redacted.seq] = redacted;
    append('redaction', plan.body);
  }
  seal();
  return { key, keys, created: ts, entries, batches };
}

/** A receipt from a test aggregator whose tree holds the root among a few other leaves. */
export function sampleReceipt(root: string, timestamp: number): AnchorReceipt {
  const server = testKey(99);
  const leaves = [0, 1, 2, 3, 4, 5].map((i) => (i === 3 ? hexToBytes(root) : new Uint8Array(32).fill(i)));
  const hashes = leaves.map(leafHash);
  const treeRoot = bytesToHex(rootFromLeafHashes(hashes));
  const head = { v: 1 as const, treeSize: leaves.length, treeRoot, timestamp };
  return {
    ...head,
    root,
    leafIndex: 3,
    inclusion: inclusionProof(hashes, 3).map(bytesToHex),
    server: server.publicKey,
    signature: signTreeHead(head, server),
  };
}

export function sampleExport(options: SampleLogOptions): Uint8Array {
  return exportBytes(sampleLog(options));
}
