import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  inclusionProof,
  leafHash,
  merkleRoot,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import { naiveConsistency, naiveMth, naivePath } from './testing/naive-merkle.ts';

// The reference tree of the Certificate Transparency test suites (RFC 6962, reused by RFC 9162): eight
// leaves, the roots of every prefix, and published inclusion and consistency proofs.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hexToBytes);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
/** [leaf index (0-based), tree size, path]. */
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
/** [first size, second size, proof]. */
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const hexes = (hashes: Uint8Array[]) => hashes.map(bytesToHex);
const hashesOf = (n: number) => LEAVES.slice(0, n).map(leafHash);
const rootOf = (n: number) => hexToBytes(ROOTS[n - 1] as string);

describe('Merkle tree hash against the RFC 6962 reference vectors', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(bytesToHex(EMPTY_TREE_ROOT)).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(merkleRoot([])).toEqual(EMPTY_TREE_ROOT);
  });

  it('hashes each leaf with the 0x00 prefix', () => {
    expect(hexes(LEAVES.map(leafHash))).toEqual(LEAF_HASHES);
  });

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))('root of the first %i leaves is %s', (n, root) => {
    expect(bytesToHex(merkleRoot(LEAVES.slice(0, n)))).toBe(root);
  });

  it.each(INCLUSION)('inclusion proof of leaf %i in a tree of %i', (index, size, path) => {
    expect(hexes(inclusionProof(hashesOf(size), index))).toEqual(path);
    expect(
      verifyInclusion(index, size, leafHash(LEAVES[index] as Uint8Array), path.map(hexToBytes), rootOf(size)),
    ).toBe(true);
  });

  it.each(CONSISTENCY)('consistency proof from %i to %i leaves', (first, second, proof) => {
    expect(hexes(consistencyProof(hashesOf(second), first))).toEqual(proof);
    expect(verifyConsistency(first, second, proof.map(hexToBytes), rootOf(first), rootOf(second))).toBe(true);
  });
});

describe('Merkle proof verification refuses what does not prove', () => {
  const leaf5 = leafHash(LEAVES[5] as Uint8Array);
  const path5 = (INCLUSION[2]?.[2] ?? []).map(hexToBytes);
  const root8 = rootOf(8);
  const flipped = (hashes: Uint8Array[], i: number) =>
    hashes.map((h, j) => (j === i ? h.map((b, k) => (k === 0 ? b ^ 8 : b)) : h));

  it.each([
    ['the right proof', 5, 8, leaf5, path5, root8, true],
    ['a wrong index', 4, 8, leaf5, path5, root8, false],
    ['an index past the end', 8, 8, leaf5, path5, root8, false],
    ['a doubled tree size', 5, 16, leaf5, path5, root8, false],
    ['a halved tree size', 5, 4, leaf5, path5, root8, false],
    ['another leaf', 5, 8, leafHash(LEAVES[4] as Uint8Array), path5, root8, false],
    ['the empty root', 5, 8, leaf5, path5, EMPTY_TREE_ROOT, false],
    ['a trailing extra hash', 5, 8, leaf5, [...path5, root8], root8, false],
    ['a leading extra hash', 5, 8, leaf5, [root8, ...path5], root8, false],
    ['a dropped hash', 5, 8, leaf5, path5.slice(0, 2), root8, false],
    ['a flipped bit', 5, 8, leaf5, flipped(path5, 1), root8, false],
    ['a tree of size 0', 0, 0, leaf5, [], EMPTY_TREE_ROOT, false],
  ] as const)('inclusion with %s', (_, index, size, leaf, path, root, expected) => {
    expect(verifyInclusion(index, size, leaf, path, root)).toBe(expected);
  });

  const proof68 = (CONSISTENCY[2]?.[2] ?? []).map(hexToBytes);
  it.each([
    ['the right proof', 6, 8, proof68, rootOf(6), root8, true],
    ['a wrong first size', 5, 8, proof68, rootOf(6), root8, false],
    ['a doubled second size', 6, 16, proof68, rootOf(6), root8, false],
    ['a halved second size', 6, 4, proof68, rootOf(6), root8, false],
    ['swapped roots', 6, 8, proof68, root8, rootOf(6), false],
    ['an empty proof', 6, 8, [], rootOf(6), root8, false],
    ['a trailing extra hash', 6, 8, [...proof68, root8], rootOf(6), root8, false],
    ['a flipped bit', 6, 8, flipped(proof68, 0), rootOf(6), root8, false],
    ['a shrinking tree', 8, 6, proof68, root8, rootOf(6), false],
    ['equal sizes and roots', 3, 3, [], rootOf(3), rootOf(3), true],
    ['equal sizes, different roots', 3, 3, [], rootOf(3), rootOf(4), false],
    ['equal sizes with a proof', 3, 3, [root8], rootOf(3), rootOf(3), false],
    ['the empty tree as the first', 0, 3, [], EMPTY_TREE_ROOT, rootOf(3), false],
  ] as const)('consistency with %s', (_, first, second, proof, firstRoot, secondRoot, expected) => {
    expect(verifyConsistency(first, second, proof, firstRoot, secondRoot)).toBe(expected);
  });
});

describe('Merkle tree against the naive recursive definition', () => {
  // Each leaf starts with its index, so no two leaves (and no two subtrees) are equal and a proof can only
  // fit its own position.
  const leavesArb = fc
    .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 })
    .map((leaves) => leaves.map((leaf, i) => Uint8Array.of(i, ...leaf)));

  it('computes the same root for any leaves', () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        expect(bytesToHex(rootFromLeafHashes(leaves.map(leafHash)))).toBe(bytesToHex(naiveMth(leaves)));
      }),
      { numRuns: 300 },
    );
  });

  it('makes the same inclusion proofs, and they verify only at their own index', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, pick) => {
        const index = pick % leaves.length;
        const hashes = leaves.map(leafHash);
        const proof = inclusionProof(hashes, index);
        expect(hexes(proof)).toEqual(hexes(naivePath(index, leaves)));
        const root = naiveMth(leaves);
        expect(verifyInclusion(index, leaves.length, hashes[index] as Uint8Array, proof, root)).toBe(true);
        if (leaves.length > 1) {
          const other = (index + 1) % leaves.length;
          expect(verifyInclusion(other, leaves.length, hashes[index] as Uint8Array, proof, root)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes the same consistency proofs, and they verify between the two roots only', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, pick) => {
        const n = leaves.length;
        const m = 1 + (pick % n);
        const proof = consistencyProof(leaves.map(leafHash), m);
        expect(hexes(proof)).toEqual(hexes(naiveConsistency(m, leaves)));
        const first = naiveMth(leaves.slice(0, m));
        const second = naiveMth(leaves);
        expect(verifyConsistency(m, n, proof, first, second)).toBe(true);
        if (m < n) {
          const forged = naiveMth([...leaves.slice(0, m - 1), Uint8Array.of(0xff, ...(leaves[m - 1] ?? []))]);
          expect(verifyConsistency(m, n, proof, forged, second)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
