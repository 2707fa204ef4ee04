import 'fake-indexeddb/auto';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { verifyBatchSignature } from '../../protocol/batch.ts';
import { GENESIS_PREV } from '../../protocol/log-entry.ts';
import { verifyExport } from '../../protocol/log-verify.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { appendLogEntry } from '../store/log-append.ts';
import { exportLog } from '../store/log-export-store.ts';
import { logEntries } from '../store/queries.ts';
import { databasesForTests, MINUTE, NOW, recordReplies } from '../store/testing/log-fixtures.ts';
import { cachedDeviceKey, forgetDeviceKey, loadDeviceKey, rotateDeviceKey } from './device-key-store.ts';
import { DeviceKeyError } from './secret-at-rest.ts';
import { DEVICE_KEY_ID } from './stored-device-key.ts';

const database = databasesForTests();

/** Every byte sequence and string anywhere in `value` (CryptoKey objects are opaque and yield nothing). */
function* storedValues(value: unknown): Generator<Uint8Array | string> {
  if (typeof value === 'string') yield value;
  else if (value instanceof Uint8Array) yield value;
  else if (value instanceof ArrayBuffer) yield new Uint8Array(value);
  else if (ArrayBuffer.isView(value)) yield new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else if (value instanceof CryptoKey) return;
  else if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) yield* storedValues(inner);
  }
}

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function everyStoredRow(db: CogfwDatabase): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (const table of db.tables) rows.push(...(await table.toArray()));
  return rows;
}

describe('loadDeviceKey', () => {
  it('makes the key once, opens the log with its genesis entry, and reuses it', async () => {
    const db = database();
    const key = await loadDeviceKey(db, NOW);
    expect(key.secretKey).toHaveLength(32);
    const [genesis, ...rest] = await logEntries(db);
    expect(rest).toEqual([]);
    expect(genesis).toMatchObject({ seq: 0, prev: GENESIS_PREV, type: 'key', ts: NOW });
    expect(genesis?.body).toMatchObject({ kind: 'genesis', publicKey: key.publicKey });
    expect(await db.deviceKeys.get(DEVICE_KEY_ID)).toMatchObject({ publicKey: key.publicKey, since: 0 });

    expect(await loadDeviceKey(db, NOW + 1)).toBe(key);
    expect(await db.log.count()).toBe(1);
  });

  it('reads the same key back in another context (a second connection), decrypting it', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const made = await loadDeviceKey(database(name), NOW);
    const other = database(name);
    expect(cachedDeviceKey(other)).toBeUndefined();
    const read = await loadDeviceKey(other, NOW);
    expect(read).not.toBe(made);
    expect(read.publicKey).toBe(made.publicKey);
    expect(bytesToHex(read.secretKey)).toBe(bytesToHex(made.secretKey));
    expect(await other.log.count()).toBe(1);
  });

  it('makes one key when two contexts ask at once', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const [a, b] = await Promise.all([
      loadDeviceKey(database(name), NOW),
      loadDeviceKey(database(name), NOW),
    ]);
    expect(a.publicKey).toBe(b.publicKey);
    const db = database(name);
    expect(await db.log.count()).toBe(1);
    expect(await db.deviceKeys.count()).toBe(1);
  });

  it('puts the genesis entry after what the log already holds', async () => {
    const db = database();
    await appendLogEntry(db, 'settings', { setting: 'keepExcerpts', from: true, to: false }, NOW);
    const key = await loadDeviceKey(db, NOW);
    const log = await logEntries(db);
    expect(log.map((entry) => entry.type)).toEqual(['settings', 'key']);
    expect(log[1]?.prev).toBe(log[0]?.hash);
    expect(await db.deviceKeys.get(DEVICE_KEY_ID)).toMatchObject({ publicKey: key.publicKey, since: 1 });
  });

  it('stores the secret key only encrypted, under a key no script can read', async () => {
    const db = database();
    const key = await loadDeviceKey(db, NOW);
    await recordReplies(db, 5);
    await rotateDeviceKey(db, NOW + MINUTE);
    const current = cachedDeviceKey(db);
    if (!current) throw new Error('no key after rotation');
    const secrets = [key.secretKey, current.secretKey];
    const rows = await everyStoredRow(db);
    let checked = 0;
    for (const value of storedValues(rows)) {
      checked++;
      for (const secret of secrets) {
        if (typeof value === 'string') expect(value.toLowerCase()).not.toContain(bytesToHex(secret));
        else expect(containsBytes(value, secret)).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(50);
    const stored = await db.deviceKeys.get(DEVICE_KEY_ID);
    expect(stored?.wrappingKey).toBeInstanceOf(CryptoKey);
    expect(stored?.wrappingKey.extractable).toBe(false);
    expect(stored?.wrappingKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', stored?.wrappingKey as CryptoKey)).rejects.toThrow();
    expect(stored?.encryptedSecret).toHaveLength(32 + 16);
  });

  it.each([
    { name: 'a changed ciphertext', field: 'encryptedSecret' as const },
    { name: 'a changed nonce', field: 'iv' as const },
  ])('refuses a stored key with $name', async ({ field }) => {
    const db = database();
    await loadDeviceKey(db, NOW);
    const stored = await db.deviceKeys.get(DEVICE_KEY_ID);
    if (!stored) throw new Error('no stored key');
    stored[field] = stored[field].map((byte, i) => (i === 0 ? byte ^ 1 : byte));
    await db.deviceKeys.put(stored);
    forgetDeviceKey(db);
    await expect(loadDeviceKey(db, NOW)).rejects.toThrow(DeviceKeyError);
  });

  it('refuses a stored key whose public half was swapped for another', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    const stored = await db.deviceKeys.get(DEVICE_KEY_ID);
    await db.deviceKeys.put({ ...(stored as NonNullable<typeof stored>), publicKey: 'ab'.repeat(32) });
    forgetDeviceKey(db);
    await expect(loadDeviceKey(db, NOW)).rejects.toThrow(/could not be decrypted/);
  });

  it('refuses to make a second genesis when the log already names a key the profile lost', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await db.deviceKeys.clear();
    forgetDeviceKey(db);
    await expect(loadDeviceKey(db, NOW)).rejects.toThrow(/does not hold/);
    expect(await db.log.count()).toBe(1);
  });
});

describe('rotateDeviceKey', () => {
  it('seals the old key’s entries, hands over with an entry signed by the old key, and the export verifies', async () => {
    const db = database();
    const old = await loadDeviceKey(db, NOW);
    await recordReplies(db, 130, { prefix: 'a' });
    const rotation = await rotateDeviceKey(db, NOW + MINUTE);
    expect(rotation.previousKey).toBe(old.publicKey);
    expect(rotation.publicKey).not.toBe(old.publicKey);
    expect(rotation.seq).toBe(131);
    const batchesBefore = await db.batches.orderBy('first').toArray();
    // Everything up to the rotation was sealed by the old key.
    expect(batchesBefore.map((b) => [b.first, b.last, b.signer])).toEqual([
      [0, 99, old.publicKey],
      [100, 130, old.publicKey],
    ]);
    const entry = await db.log.get(rotation.seq);
    expect(entry?.body).toMatchObject({
      kind: 'rotation',
      previousKey: old.publicKey,
      publicKey: rotation.publicKey,
    });

    await recordReplies(db, 100, { prefix: 'b', from: NOW + 2 * MINUTE });
    const after = await db.batches.where('first').above(130).toArray();
    expect(after.map((b) => [b.first, b.last, b.signer])).toEqual([[131, 230, rotation.publicKey]]);
    expect(after.every(verifyBatchSignature)).toBe(true);

    const verdict = verifyExport(await exportLog(db, { now: NOW + 3 * MINUTE }));
    expect(verdict).toMatchObject({
      ok: true,
      entries: 232,
      keyRotations: 1,
      devicePublicKey: rotation.publicKey,
    });
  });

  it('lets another context notice the rotation before it signs again', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const offscreen = database(name);
    const options = database(name);
    const old = await loadDeviceKey(offscreen, NOW);
    await recordReplies(offscreen, 10, { prefix: 'a' });
    const rotation = await rotateDeviceKey(options, NOW + MINUTE);
    // The offscreen document still holds the old key; its next batch must be signed by the new one.
    expect(cachedDeviceKey(offscreen)?.publicKey).toBe(old.publicKey);
    await recordReplies(offscreen, 120, { prefix: 'b', from: NOW + 2 * MINUTE });
    const batches = await offscreen.batches.orderBy('first').toArray();
    expect(batches.map((b) => b.signer)).toEqual([old.publicKey, rotation.publicKey]);
    expect(verifyExport(await exportLog(offscreen, { now: NOW + 3 * MINUTE }))).toMatchObject({ ok: true });
  });
});
