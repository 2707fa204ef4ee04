import {
  isPublicKeyHex,
  isSignatureHex,
  type SignatureDomain,
  type SigningKey,
  signValue,
  verifyValue,
} from './signature.ts';

/**
 * Key events of the log (entries of type 'key'). A device's log names its key in a 'genesis' entry before
 * its first batch; a later key takes over only through a 'rotation' entry signed by the key it replaces.
 * A verifier therefore follows the signer from the genesis entry through every rotation, and a batch must
 * be signed by the key in force after its last entry.
 *
 * Both signatures also cover the entry's `prev` (the hash of the entry before), so a key event is bound to
 * its place in this log and cannot be replayed into another.
 *
 *   genesis:  { kind: 'genesis', publicKey, signature }  signed by publicKey
 *             over "cogfw/key-genesis/v1\n" + JCS({ after: prev, publicKey })
 *   rotation: { kind: 'rotation', previousKey, publicKey, signature }  signed by previousKey
 *             over "cogfw/key-rotation/v1\n" + JCS({ after: prev, previousKey, publicKey })
 */
export type KeyEntryBody =
  | { kind: 'genesis'; publicKey: string; signature: string }
  | { kind: 'rotation'; previousKey: string; publicKey: string; signature: string };

const GENESIS_DOMAIN: SignatureDomain = 'cogfw/key-genesis/v1';
const ROTATION_DOMAIN: SignatureDomain = 'cogfw/key-rotation/v1';

/** The body of the entry that introduces the device key; `prev` is the hash the entry will link to. */
export function genesisKeyBody(prev: string, key: SigningKey): KeyEntryBody {
  const signature = signValue(GENESIS_DOMAIN, { after: prev, publicKey: key.publicKey }, key.secretKey);
  return { kind: 'genesis', publicKey: key.publicKey, signature };
}

/** The body of the entry that hands over from `current` to `next`, signed by `current`. */
export function rotationKeyBody(prev: string, current: SigningKey, nextPublicKey: string): KeyEntryBody {
  if (!isPublicKeyHex(nextPublicKey)) throw new TypeError('the new public key must be 64 hex digits');
  const fields = { after: prev, previousKey: current.publicKey, publicKey: nextPublicKey };
  return {
    kind: 'rotation',
    previousKey: current.publicKey,
    publicKey: nextPublicKey,
    signature: signValue(ROTATION_DOMAIN, fields, current.secretKey),
  };
}

function hasExactKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

/**
 * Applies a key entry's body to the key in force (undefined before the genesis entry): the new key in
 * force, or why the entry is not acceptable.
 */
export function applyKeyEntry(
  current: string | undefined,
  body: unknown,
  prev: string,
): { key: string } | { error: string } {
  if (hasExactKeys(body, ['kind', 'publicKey', 'signature']) && body.kind === 'genesis') {
    if (current !== undefined) return { error: 'a second genesis key entry; a new key needs a rotation' };
    const { publicKey, signature } = body;
    if (!isPublicKeyHex(publicKey) || !isSignatureHex(signature))
      return { error: 'malformed genesis key entry' };
    if (!verifyValue(GENESIS_DOMAIN, { after: prev, publicKey }, signature, publicKey)) {
      return { error: 'the genesis key entry is not signed by its key' };
    }
    return { key: publicKey };
  }
  if (hasExactKeys(body, ['kind', 'previousKey', 'publicKey', 'signature']) && body.kind === 'rotation') {
    const { previousKey, publicKey, signature } = body;
    if (!isPublicKeyHex(previousKey) || !isPublicKeyHex(publicKey) || !isSignatureHex(signature)) {
      return { error: 'malformed key rotation entry' };
    }
    if (current === undefined) return { error: 'a key rotation before any genesis key entry' };
    if (previousKey !== current)
      return { error: 'the key rotation names a previous key that is not in force' };
    if (!verifyValue(ROTATION_DOMAIN, { after: prev, previousKey, publicKey }, signature, previousKey)) {
      return { error: 'the key rotation is not signed by the previous key' };
    }
    return { key: publicKey };
  }
  return { error: 'a key entry must be a genesis or a rotation' };
}
