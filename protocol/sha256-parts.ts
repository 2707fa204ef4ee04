import { sha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 over up to three byte strings taken as one, on a reused hasher. Verification hashes a few
 * hundred thousand short inputs (entry hashes, Merkle leaves and nodes); a fresh `sha256()` allocates and
 * wipes a hasher each time, which costs as much as the compression itself. Resetting one instance from a
 * pristine copy (`_cloneInto`, part of noble's Hash interface) and feeding the parts in place avoids both
 * the allocations and the concatenation.
 */
const pristine = sha256.create();
const hasher = sha256.create();

export function sha256Parts(a: Uint8Array, b?: Uint8Array, c?: Uint8Array): Uint8Array {
  pristine._cloneInto(hasher);
  hasher.update(a);
  if (b) hasher.update(b);
  if (c) hasher.update(c);
  // digest() finishes in the hasher's own buffer (digestInto would wrap `out` in a new DataView) and
  // wipes the instance; the next call revives it from the pristine copy.
  return hasher.digest();
}
