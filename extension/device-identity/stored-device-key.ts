/** The one row of the `deviceKeys` table: the key in force. A rotation replaces it. */
export const DEVICE_KEY_ID = 'device';

/**
 * The device's Ed25519 key as stored. The secret half is only ever stored encrypted: AES-256-GCM under
 * `wrappingKey`, a WebCrypto key made non-extractable, so its bytes cannot be read back by any script —
 * IndexedDB keeps it as an opaque CryptoKey object and only `crypto.subtle` can use it. The ciphertext is
 * bound to the public key (associated data), so a record's halves cannot be mixed with another's.
 */
export interface StoredDeviceKey {
  id: typeof DEVICE_KEY_ID;
  /** Ed25519 public key, hex. */
  publicKey: string;
  /** seq of the log's key entry (genesis or rotation) that put this key in force. */
  since: number;
  /** When the key was made or restored, milliseconds since the epoch. */
  created: number;
  wrappingKey: CryptoKey;
  /** AES-GCM nonce, 12 bytes. */
  iv: Uint8Array;
  /** The 32-byte Ed25519 seed encrypted, with its 16-byte tag. */
  encryptedSecret: Uint8Array;
}
