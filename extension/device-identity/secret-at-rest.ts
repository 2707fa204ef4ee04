import { type SigningKey, signingKeyFromSecret } from '../../protocol/signature.ts';
import { DEVICE_KEY_ID, type StoredDeviceKey } from './stored-device-key.ts';

const ASSOCIATED_DATA_PREFIX = 'cogfw/device-key/v1\n';

function associatedData(publicKey: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${ASSOCIATED_DATA_PREFIX}${publicKey}`);
}

/**
 * Encrypts a key pair's secret half for storage under a fresh non-extractable AES-GCM key. Asynchronous
 * (WebCrypto): call it before opening the transaction that stores the record, never inside one — an
 * IndexedDB transaction commits as soon as it waits on anything but IndexedDB.
 */
export async function encryptDeviceKey(
  key: SigningKey,
  since: number,
  created: number,
): Promise<StoredDeviceKey> {
  const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const encrypted = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: associatedData(key.publicKey) },
    wrappingKey,
    Uint8Array.from(key.secretKey),
  );
  return {
    id: DEVICE_KEY_ID,
    publicKey: key.publicKey,
    since,
    created,
    wrappingKey,
    iv,
    encryptedSecret: new Uint8Array(encrypted),
  };
}

export class DeviceKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceKeyError';
  }
}

/** Decrypts a stored key and checks that its secret half really belongs to its public key. */
export async function decryptDeviceKey(record: StoredDeviceKey): Promise<SigningKey> {
  let secret: ArrayBuffer;
  try {
    secret = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: Uint8Array.from(record.iv),
        additionalData: associatedData(record.publicKey),
      },
      record.wrappingKey,
      Uint8Array.from(record.encryptedSecret),
    );
  } catch {
    throw new DeviceKeyError('the stored device key could not be decrypted (it was altered or damaged)');
  }
  const key = signingKeyFromSecret(new Uint8Array(secret));
  if (key.publicKey !== record.publicKey) {
    throw new DeviceKeyError('the stored device key does not match its public key');
  }
  return key;
}
