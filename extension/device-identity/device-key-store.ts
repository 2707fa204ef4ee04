import { genesisKeyBody, rotationKeyBody } from '../../protocol/device-key.ts';
import { GENESIS_PREV, nextEntry } from '../../protocol/log-entry.ts';
import { generateSigningKey, type SigningKey } from '../../protocol/signature.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { sealPendingInTransaction } from '../store/log-batches.ts';
import { DeviceKeyError, decryptDeviceKey, encryptDeviceKey } from './secret-at-rest.ts';
import { DEVICE_KEY_ID } from './stored-device-key.ts';

/**
 * The device's signing key (SPEC §7, issue 5): made on first use, stored encrypted at rest, decrypted once
 * per extension context and kept in memory there. Every context checks the stored record before signing
 * with its copy, so a rotation or an import made in another context is noticed.
 */
const decrypted = new WeakMap<CogfwDatabase, SigningKey>();
const loading = new WeakMap<CogfwDatabase, Promise<SigningKey>>();

/** The key this context has decrypted, if any; synchronous, for use inside a transaction. */
export function cachedDeviceKey(db: CogfwDatabase): SigningKey | undefined {
  return decrypted.get(db);
}

export function rememberDeviceKey(db: CogfwDatabase, key: SigningKey): void {
  decrypted.set(db, key);
}

export function forgetDeviceKey(db: CogfwDatabase): void {
  decrypted.delete(db);
}

/**
 * The device key in force. On first use it makes an Ed25519 key pair and appends the log's genesis key
 * entry in the same transaction as the encrypted key, so a log never names a key the device does not hold
 * and the device never holds a key its log does not name.
 */
export function loadDeviceKey(db: CogfwDatabase, now: number = Date.now()): Promise<SigningKey> {
  const running = loading.get(db);
  if (running) return running;
  const task = loadOrMake(db, now).finally(() => loading.delete(db));
  loading.set(db, task);
  return task;
}

const ATTEMPTS = 3;

async function loadOrMake(db: CogfwDatabase, now: number): Promise<SigningKey> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await db.deviceKeys.get(DEVICE_KEY_ID);
    if (stored) {
      const known = decrypted.get(db);
      if (known?.publicKey === stored.publicKey) return known;
      const key = await decryptDeviceKey(stored);
      decrypted.set(db, key);
      return key;
    }
    const key = generateSigningKey();
    // WebCrypto first: the transaction below must wait on nothing but IndexedDB.
    const record = await encryptDeviceKey(key, 0, now);
    const made = await db.transaction('rw', db.log, db.deviceKeys, async () => {
      // Another context may have made the key meanwhile; then its key is the one.
      if (await db.deviceKeys.get(DEVICE_KEY_ID)) return false;
      if ((await db.log.where('type').equals('key').count()) > 0) {
        throw new DeviceKeyError(
          'the log names a device key this profile does not hold; the record can no longer be signed',
        );
      }
      const last = await db.log.orderBy('seq').last();
      const entry = nextEntry(last, 'key', genesisKeyBody(last?.hash ?? GENESIS_PREV, key), now);
      await db.log.add(entry);
      await db.deviceKeys.add({ ...record, since: entry.seq });
      return true;
    });
    if (made) {
      decrypted.set(db, key);
      return key;
    }
  }
  throw new DeviceKeyError('the device key kept changing while it was being loaded');
}

export interface KeyRotation {
  previousKey: string;
  publicKey: string;
  /** seq of the rotation entry. */
  seq: number;
}

/**
 * Replaces the device key. The entries written so far are sealed with the old key first (a batch is
 * signed by the key in force after its last entry), then a rotation entry signed by the old key hands
 * over to the new one; both in one transaction with the new key's encrypted record.
 */
export async function rotateDeviceKey(db: CogfwDatabase, now: number = Date.now()): Promise<KeyRotation> {
  const current = await loadDeviceKey(db, now);
  const next = generateSigningKey();
  const record = await encryptDeviceKey(next, 0, now);
  const rotation = await db.transaction('rw', db.log, db.batches, db.deviceKeys, async () => {
    const stored = await db.deviceKeys.get(DEVICE_KEY_ID);
    if (stored?.publicKey !== current.publicKey) {
      throw new DeviceKeyError('the device key changed while it was being rotated; try again');
    }
    await sealPendingInTransaction(db, async () => ({ key: current, since: stored.since }), now, 'all');
    const last = await db.log.orderBy('seq').last();
    const prev = last?.hash ?? GENESIS_PREV;
    const entry = nextEntry(last, 'key', rotationKeyBody(prev, current, next.publicKey), now);
    await db.log.add(entry);
    await db.deviceKeys.put({ ...record, since: entry.seq });
    return { previousKey: current.publicKey, publicKey: next.publicKey, seq: entry.seq };
  });
  decrypted.set(db, next);
  return rotation;
}
