import { sha256 } from '@noble/hashes/sha2.js';
import { sha256Parts } from './sha256-parts.ts';

/**
 * RFC 9162 §2.1 Merkle tree hashing (the same tree as RFC 6962), shared by the device's signed log
 * batches and the aggregator's anchor log.
 *
 *   MTH({})      = SHA-256()
 *   MTH({d0})    = SHA-256(0x00 ‖ d0)
 *   MTH(D[n])    = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))   k = the largest power of two < n
 *
 * The 0x00/0x01 prefixes keep a leaf from ever being read as an inner node (second-preimage safety).
 * Everything here works on leaf HASHES once they are computed, so callers hash each leaf once.
 */

export type Hash = Uint8Array;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_TREE_ROOT: Hash = sha256(new Uint8Array(0));

export function leafHash(data: Uint8Array): Hash {
  return sha256Parts(LEAF_PREFIX, data);
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256Parts(NODE_PREFIX, left, right);
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH over leaf hashes, level by level: pair neighbours, carry an odd last node up unchanged. That builds
 * exactly the RFC's left-balanced tree (the split at the largest power of two puts every carried node at
 * the right edge), in n − 1 node hashes and without recursion.
 */
export function rootFromLeafHashes(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  let level: Hash[] = leafHashes.slice();
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i] as Hash, level[i + 1] as Hash));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Hash);
    level = next;
  }
  return level[0] as Hash;
}

/** MTH over leaf data. */
export function merkleRoot(leaves: readonly Uint8Array[]): Hash {
  return rootFromLeafHashes(leaves.map(leafHash));
}

function subtreeRoot(leafHashes: readonly Hash[], start: number, end: number): Hash {
  return rootFromLeafHashes(leafHashes.slice(start, end));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1, leaf-upward: the audit path for leaf `index`. */
export function inclusionProof(leafHashes: readonly Hash[], index: number): Hash[] {
  const n = leafHashes.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${n} leaves`);
  }
  // Walk down from the whole tree to the leaf, noting the sibling subtree at each split.
  let start = 0;
  let end = n;
  let m = index;
  const siblings: Hash[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      siblings.push(subtreeRoot(leafHashes, start + k, end));
      end = start + k;
    } else {
      siblings.push(subtreeRoot(leafHashes, start, start + k));
      start += k;
      m -= k;
    }
  }
  return siblings.reverse();
}

/** Constant-time comparison of two byte strings of possibly different lengths. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path. Returns undefined when the
 * path cannot belong to a tree of `treeSize` leaves at `index` (wrong length, index out of range).
 */
export function rootFromInclusionProof(
  index: number,
  treeSize: number,
  leaf: Hash,
  proof: readonly Hash[],
): Hash | undefined {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    return undefined;
  }
  // Plain numbers stay exact up to 2^53; the halving below never leaves that range.
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  const computed = rootFromInclusionProof(index, treeSize, leaf, proof);
  return computed !== undefined && equalBytes(computed, root);
}

/**
 * PROOF(m, D[n]) of RFC 9162 §2.1.4.1: the nodes that show the tree of the first m leaves is a prefix of
 * the tree of all n. Defined for 0 < m ≤ n; for m = n the proof is empty.
 */
export function consistencyProof(leafHashes: readonly Hash[], m: number): Hash[] {
  const n = leafHashes.length;
  if (!Number.isInteger(m) || m < 1 || m > n) {
    throw new RangeError(`cannot prove consistency from ${m} leaves to ${n}`);
  }
  // SUBPROOF(m, D[start:end], b), unrolled: each step either descends left (recording the right
  // subtree) or right (recording the left subtree), until the old tree is a complete subtree.
  let start = 0;
  let end = n;
  let mm = m;
  let isOriginal = true;
  const descent: Hash[] = [];
  for (;;) {
    const size = end - start;
    if (mm === size) {
      if (!isOriginal) descent.push(subtreeRoot(leafHashes, start, end));
      break;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      descent.push(subtreeRoot(leafHashes, start + k, end));
      end = start + k;
    } else {
      descent.push(subtreeRoot(leafHashes, start, start + k));
      start += k;
      mm -= k;
      isOriginal = false;
    }
  }
  return descent.reverse();
}

/**
 * RFC 9162 §2.1.4.2: checks that `secondRoot` (a tree of `secondSize` leaves) extends `firstRoot` (a tree
 * of `firstSize` leaves). Equal sizes need equal roots and an empty proof; a proof from the empty tree is
 * refused, as it would prove nothing.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  proof: readonly Hash[],
  firstRoot: Hash,
  secondRoot: Hash,
): boolean {
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize)) return false;
  if (firstSize < 0 || firstSize > secondSize) return false;
  if (firstSize === secondSize) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (firstSize === 0 || proof.length === 0) return false;
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Hash;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}
