import { hexToBytes } from '@noble/hashes/utils.js';
import { leafHash, verifyInclusion } from './merkle.ts';
import {
  isHash,
  isPublicKeyHex,
  isSignatureHex,
  type SignatureDomain,
  type SigningKey,
  signValue,
  verifyValue,
} from './signature.ts';

/**
 * An anchor receipt (SPEC §10): the aggregator appended a device's signed batch root as a leaf of its own
 * RFC 9162 tree (the leaf's data is the 32-byte root) and signed the resulting tree head.
 *
 * Tree head signature: "cogfw/anchor-tree-head/v1\n" + JCS({ v, treeSize, treeRoot, timestamp }).
 * A receipt is kept in the log as the body of an 'anchor_receipt' entry, so the chain covers it too.
 */
export interface AnchorReceipt {
  v: 1;
  /** The anchored batch root, hex. */
  root: string;
  leafIndex: number;
  treeSize: number;
  treeRoot: string;
  /** When the tree head was signed, milliseconds since the epoch. */
  timestamp: number;
  /** Audit path from the leaf to treeRoot, leaf-upward, hex. */
  inclusion: string[];
  /** The aggregator's Ed25519 public key, hex. */
  server: string;
  signature: string;
}

export interface TreeHead {
  v: 1;
  treeSize: number;
  treeRoot: string;
  timestamp: number;
}

export const TREE_HEAD_DOMAIN: SignatureDomain = 'cogfw/anchor-tree-head/v1';

export function signTreeHead(head: TreeHead, key: SigningKey): string {
  return signValue(TREE_HEAD_DOMAIN, head, key.secretKey);
}

const RECEIPT_KEYS = [
  'v',
  'root',
  'leafIndex',
  'treeSize',
  'treeRoot',
  'timestamp',
  'inclusion',
  'server',
  'signature',
] as const;

/** Why `receipt` does not hold up on its own (shape, inclusion proof, tree head signature), or undefined. */
export function anchorReceiptProblem(receipt: unknown): string | undefined {
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt))
    return 'a receipt is an object';
  const keys = Object.keys(receipt);
  if (keys.length !== RECEIPT_KEYS.length || !RECEIPT_KEYS.every((k) => Object.hasOwn(receipt, k))) {
    return `a receipt has exactly ${RECEIPT_KEYS.join(', ')}`;
  }
  const r = receipt as Record<(typeof RECEIPT_KEYS)[number], unknown>;
  if (r.v !== 1) return `receipt version ${JSON.stringify(r.v)} is not supported`;
  if (!isHash(r.root) || !isHash(r.treeRoot)) return 'receipt roots must be 64 hex digits';
  if (!Number.isSafeInteger(r.treeSize) || (r.treeSize as number) < 1) return 'receipt tree size must be ≥ 1';
  if (!Number.isSafeInteger(r.leafIndex) || (r.leafIndex as number) < 0)
    return 'receipt leaf index must be ≥ 0';
  if (!Number.isSafeInteger(r.timestamp)) return 'receipt timestamp must be an integer';
  if (!Array.isArray(r.inclusion) || !r.inclusion.every(isHash))
    return 'receipt inclusion path must be hashes';
  if (!isPublicKeyHex(r.server) || !isSignatureHex(r.signature)) return 'malformed receipt key or signature';
  const proved = verifyInclusion(
    r.leafIndex as number,
    r.treeSize as number,
    leafHash(hexToBytes(r.root)),
    (r.inclusion as string[]).map((h) => hexToBytes(h)),
    hexToBytes(r.treeRoot),
  );
  if (!proved) return 'the receipt inclusion proof does not lead to its tree root';
  const head: TreeHead = {
    v: 1,
    treeSize: r.treeSize as number,
    treeRoot: r.treeRoot,
    timestamp: r.timestamp as number,
  };
  if (!verifyValue(TREE_HEAD_DOMAIN, head, r.signature, r.server)) {
    return 'the receipt tree head signature does not verify';
  }
  return undefined;
}
