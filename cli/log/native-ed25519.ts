import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { useNativeEd25519Accept } from '../../protocol/signature.ts';

const keys = new Map<string, KeyObject>();

function keyObject(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey).toString('base64url');
  let key = keys.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (keys.size >= 16) keys.clear();
    keys.set(x, key);
  }
  return key;
}

/**
 * Node's OpenSSL Ed25519 as the first word on signatures (protocol/signature.ts explains why the verdicts
 * stay those of the strict check): a 100,000-entry export carries a thousand batch signatures, and the
 * native check is over ten times faster than the portable one.
 */
export function enableNativeSignatureChecks(): void {
  useNativeEd25519Accept((message, signature, publicKey) => {
    try {
      return verify(null, message, keyObject(publicKey), signature);
    } catch {
      return false;
    }
  });
}
