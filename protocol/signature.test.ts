import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  signedMessage,
  signingKeyFromSecret,
  signValue,
  verifySignature,
  verifyValue,
} from './signature.ts';

describe('signedMessage', () => {
  it('is the domain, a newline and the canonical JSON of the value', () => {
    expect(new TextDecoder().decode(signedMessage('cogfw/batch/v1', { b: 1, a: [true] }))).toBe(
      'cogfw/batch/v1\n{"a":[true],"b":1}',
    );
  });
});

describe('signatures over values', () => {
  const key = generateSigningKey();

  it('verify for the value, domain and key they were made with, and for nothing else', () => {
    const value = { first: 0, last: 99, root: 'ab' };
    const signature = signValue('cogfw/batch/v1', value, key.secretKey);
    expect(verifyValue('cogfw/batch/v1', value, signature, key.publicKey)).toBe(true);
    expect(verifyValue('cogfw/batch/v1', { ...value, last: 98 }, signature, key.publicKey)).toBe(false);
    expect(verifyValue('cogfw/log-trailer/v1', value, signature, key.publicKey)).toBe(false);
    expect(verifyValue('cogfw/batch/v1', value, signature, generateSigningKey().publicKey)).toBe(false);
    expect(verifyValue('cogfw/batch/v1', value, 'zz', key.publicKey)).toBe(false);
    expect(verifyValue('cogfw/batch/v1', value, signature, 'not a key')).toBe(false);
  });

  it('derives the public key from the seed (RFC 8032 test 1)', () => {
    const seed = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    expect(signingKeyFromSecret(seed).publicKey).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
  });
});

describe('verifySignature with a prepared key agrees with ed25519.verify (strict)', () => {
  const keys = [generateSigningKey(), generateSigningKey()];
  const reference = (message: Uint8Array, signature: string, publicKey: string) => {
    try {
      return ed25519.verify(hexToBytes(signature), message, hexToBytes(publicKey), { zip215: false });
    } catch {
      return false;
    }
  };

  it('on genuine, corrupted and misattributed signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(1),
        fc.nat(1),
        fc.option(fc.tuple(fc.nat(63), fc.integer({ min: 1, max: 255 })), { nil: undefined }),
        (message, signer, claimed, flip) => {
          const bytes = ed25519.sign(message, (keys[signer] as { secretKey: Uint8Array }).secretKey);
          if (flip) bytes[flip[0]] = (bytes[flip[0]] as number) ^ flip[1];
          const signature = bytesToHex(bytes);
          const publicKey = (keys[claimed] as { publicKey: string }).publicKey;
          expect(verifySignature(message, signature, publicKey)).toBe(
            reference(message, signature, publicKey),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an S at or above the group order and a small-order key', () => {
    const message = Uint8Array.of(1, 2, 3);
    const key = keys[0] as { secretKey: Uint8Array; publicKey: string };
    const bytes = ed25519.sign(message, key.secretKey);
    const order = ed25519.Point.Fn.ORDER;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(bytes[i] as number);
    let high = s + order;
    for (let i = 32; i < 64; i++) {
      bytes[i] = Number(high & 0xffn);
      high >>= 8n;
    }
    expect(verifySignature(message, bytesToHex(bytes), key.publicKey)).toBe(false);
    // The identity point (y = 1) has small order.
    const identity = `01${'00'.repeat(31)}`;
    expect(verifySignature(message, bytesToHex(ed25519.sign(message, key.secretKey)), identity)).toBe(false);
  });
});
