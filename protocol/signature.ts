import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.ts';

/**
 * Ed25519 signatures over domain-separated canonical JSON.
 *
 * The signed message is  UTF-8(domain) ‖ 0x0A ‖ UTF-8(RFC 8785 JSON of the value without `signature`).
 * The domain names what the signature is for (e.g. "cogfw/batch/v1"), so a signature made for one kind of
 * record can never be replayed as another, even if the JSON happened to coincide.
 */

export type SignatureDomain =
  | 'cogfw/log-header/v1'
  | 'cogfw/batch/v1'
  | 'cogfw/log-trailer/v1'
  | 'cogfw/key-genesis/v1'
  | 'cogfw/key-rotation/v1'
  | 'cogfw/anchor-tree-head/v1';

const HEX_64 = /^[0-9a-f]{64}$/;
const HEX_128 = /^[0-9a-f]{128}$/;

export function isHash(value: unknown): value is string {
  return typeof value === 'string' && HEX_64.test(value);
}

export function isPublicKeyHex(value: unknown): value is string {
  return typeof value === 'string' && HEX_64.test(value);
}

export function isSignatureHex(value: unknown): value is string {
  return typeof value === 'string' && HEX_128.test(value);
}

export function signedMessage(domain: SignatureDomain, value: unknown): Uint8Array {
  return utf8ToBytes(`${domain}\n${canonicalJson(value)}`);
}

export function signValue(domain: SignatureDomain, value: unknown, secretKey: Uint8Array): string {
  return bytesToHex(ed25519.sign(signedMessage(domain, value), secretKey));
}

export function verifyValue(
  domain: SignatureDomain,
  value: unknown,
  signature: string,
  publicKey: string,
): boolean {
  return verifySignature(signedMessage(domain, value), signature, publicKey);
}

type Point = InstanceType<typeof ed25519.Point>;

/** A public key decoded once, with a wide multiplication table for it. */
interface PreparedKey {
  bytes: Uint8Array;
  point: Point;
}

const PREPARED_LIMIT = 16;
const prepared = new Map<string, PreparedKey | null>();

/**
 * Decodes a public key and precomputes multiples of it. A log is signed by one key (or a few, across
 * rotations) thousands of times; with the table, checking a signature costs about a third of
 * `ed25519.verify`, which decodes the key and multiplies by it from scratch every time. Keys that are not
 * valid points, or have small order, are remembered as null.
 */
function prepare(publicKey: string): PreparedKey | null {
  const known = prepared.get(publicKey);
  if (known !== undefined) return known;
  let key: PreparedKey | null = null;
  if (isPublicKeyHex(publicKey)) {
    try {
      const bytes = hexToBytes(publicKey);
      const point = ed25519.Point.fromBytes(bytes, false);
      if (!point.isSmallOrder()) key = { bytes, point: point.precompute(8, false) };
    } catch {
      key = null;
    }
  }
  if (prepared.size >= PREPARED_LIMIT) prepared.delete(prepared.keys().next().value as string);
  prepared.set(publicKey, key);
  return key;
}

/**
 * A platform's own Ed25519 check (Node's OpenSSL, say), far faster than the arithmetic here. It is trusted
 * only to ACCEPT, and only after the strict encoding checks below have passed: a signature it accepts
 * satisfies [S]B = R + [k]A, which implies the cofactored equation the strict check tests, so the verdict
 * is the same. Whatever it rejects is decided by the strict check, so a platform that is stricter (or
 * cofactorless where this is cofactored) cannot turn a valid signature into an invalid one.
 */
export type NativeEd25519Accept = (
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

let nativeAccept: NativeEd25519Accept | null = null;

/** Lets verifySignature() ask the platform first (see NativeEd25519Accept); null goes back to noble alone. */
export function useNativeEd25519Accept(accept: NativeEd25519Accept | null): void {
  nativeAccept = accept;
}

const FIELD_PRIME = 2n ** 255n - 19n;

/**
 * Whether 32 bytes are the canonical encoding RFC 8032 demands of R in strict verification: y below the
 * field prime, and no sign bit on x = 0 (y = ±1). The strict decoding does the same before it can find a
 * point; a native check might not.
 */
function isCanonicalPointEncoding(bytes: Uint8Array): boolean {
  const sign = ((bytes[31] as number) & 0x80) !== 0;
  const masked = bytes.slice();
  masked[31] = (masked[31] as number) & 0x7f;
  const y = littleEndianNumber(masked);
  if (y >= FIELD_PRIME) return false;
  return !(sign && (y === 1n || y === FIELD_PRIME - 1n));
}

function littleEndianNumber(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

/**
 * RFC 8032 §5.1.7 verification, strict: canonical encodings of A and R, S < L, A not of small order, and
 * the cofactored equation [8][S]B = [8]R + [8][k]A with k = SHA-512(R ‖ A ‖ M) mod L. This is
 * `ed25519.verify(…, { zip215: false })` with the public key's table reused; signature.test.ts holds the
 * two to the same answers.
 */
export function verifySignature(message: Uint8Array, signature: string, publicKey: string): boolean {
  if (!isSignatureHex(signature)) return false;
  const key = prepare(publicKey);
  if (!key) return false;
  const { Point } = ed25519;
  const order = Point.Fn.ORDER;
  const sig = hexToBytes(signature);
  const rBytes = sig.subarray(0, 32);
  const s = littleEndianNumber(sig.subarray(32));
  if (s >= order) return false;
  if (nativeAccept && isCanonicalPointEncoding(rBytes) && nativeAccept(message, sig, key.bytes)) return true;
  let r: Point;
  try {
    r = Point.fromBytes(rBytes, false);
  } catch {
    return false;
  }
  const k =
    littleEndianNumber(sha512.create().update(rBytes).update(key.bytes).update(message).digest()) % order;
  const sb = Point.BASE.multiplyUnsafe(s);
  const rka = k === 0n ? r : r.add(key.point.multiplyUnsafe(k));
  return rka.subtract(sb).clearCofactor().is0();
}

/** An Ed25519 key pair; the secret key is the 32-byte seed of RFC 8032. */
export interface SigningKey {
  secretKey: Uint8Array;
  publicKey: string;
}

export function generateSigningKey(): SigningKey {
  return signingKeyFromSecret(ed25519.utils.randomSecretKey());
}

export function signingKeyFromSecret(secretKey: Uint8Array): SigningKey {
  if (secretKey.length !== 32) throw new RangeError('an Ed25519 secret key is 32 bytes');
  return { secretKey, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) };
}
