import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { useNativeEd25519Accept, verifySignature } from '../../protocol/signature.ts';
import { enableNativeSignatureChecks } from './native-ed25519.ts';

/** Both paths over the same inputs: noble alone, then with Node's check asked first. */
function verdicts(message: Uint8Array, signature: string, publicKey: string): [boolean, boolean] {
  useNativeEd25519Accept(null);
  const portable = verifySignature(message, signature, publicKey);
  enableNativeSignatureChecks();
  const withNative = verifySignature(message, signature, publicKey);
  return [portable, withNative];
}

afterEach(() => useNativeEd25519Accept(null));

describe('native Ed25519 accept', () => {
  it('gives the strict verdict on valid and altered signatures, keys and messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(63),
        fc.nat(7),
        fc.constantFrom('none', 'signature', 'message', 'key'),
        (seed, message, byte, bit, alter) => {
          const publicKey = bytesToHex(ed25519.getPublicKey(seed));
          const signature = ed25519.sign(message, seed);
          let key = publicKey;
          let msg = message;
          if (alter === 'signature') signature[byte] = (signature[byte] as number) ^ (1 << bit);
          if (alter === 'message') msg = Uint8Array.from([...message, byte]);
          if (alter === 'key') key = bytesToHex(ed25519.getPublicKey(Uint8Array.from(seed, (b) => b ^ 1)));
          const [portable, withNative] = verdicts(msg, bytesToHex(signature), key);
          expect(withNative).toBe(portable);
          if (alter === 'none') expect(withNative).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still refuses an R that is not canonically encoded, even if a lenient native check would take it', () => {
    const seed = new Uint8Array(32).fill(7);
    const publicKey = bytesToHex(ed25519.getPublicKey(seed));
    const message = new Uint8Array([1, 2, 3]);
    const signature = ed25519.sign(message, seed);
    // y = p + 1 (all ones but the low byte, top bit clear): not below the field prime.
    const nonCanonical = signature.slice();
    nonCanonical.set([0xee, ...new Array(30).fill(0xff), 0x7f], 0);
    useNativeEd25519Accept(() => true);
    expect(verifySignature(message, bytesToHex(nonCanonical), publicKey)).toBe(false);
    // x = 0 with the sign bit set (y = 1).
    const signedZero = signature.slice();
    signedZero.set([1, ...new Array(30).fill(0), 0x80], 0);
    expect(verifySignature(message, bytesToHex(signedZero), publicKey)).toBe(false);
    // A valid R passes through the accepting check.
    expect(verifySignature(message, bytesToHex(signature), publicKey)).toBe(true);
  });
});
