import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isSealedExport, type ScryptParams } from '../../protocol/export-envelope.ts';
import { verifyExport } from '../../protocol/log-verify.ts';
import { cachedDeviceKey, loadDeviceKey } from '../device-identity/device-key-store.ts';
import { DEVICE_KEY_ID } from '../device-identity/stored-device-key.ts';
import { analysisLogBody } from './footprint-record.ts';
import { appendLogEntry } from './log-append.ts';
import { exportLog, importLog, LogImportError } from './log-export-store.ts';
import { logEntries } from './queries.ts';
import { redactConversation } from './redaction-store.ts';
import { databasesForTests, MINUTE, NOW, recordReplies } from './testing/log-fixtures.ts';

const database = databasesForTests();
/** Cheap scrypt for tests; the file names its parameters, so import reads it the same way. */
const scrypt: ScryptParams = { log2N: 10, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

describe('exportLog', () => {
  it('seals the pending tail and writes an export that verifies', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 130);
    await appendLogEntry(db, 'settings', { setting: 'keepExcerpts', from: true, to: false }, NOW);
    expect(await db.batches.count()).toBe(1);
    const bytes = await exportLog(db, { now: NOW + MINUTE });
    expect(isSealedExport(bytes)).toBe(false);
    expect(verifyExport(bytes)).toMatchObject({
      ok: true,
      entries: 132,
      batches: 2,
      redacted: 0,
      secretKey: false,
      created: NOW + MINUTE,
      devicePublicKey: cachedDeviceKey(db)?.publicKey,
    });
    expect((await db.batches.orderBy('first').toArray()).map((b) => [b.first, b.last])).toEqual([
      [0, 99],
      [100, 131],
    ]);
    // No excerpt, and so none of the replies' words, is in the file.
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('Act now');
    expect(text).not.toContain('excerpts');
  });

  it('carries the secret key only inside the passphrase envelope', async () => {
    const db = database();
    await recordReplies(db, 3);
    const sealed = await exportLog(db, { passphrase: PASSPHRASE, now: NOW, scrypt });
    expect(isSealedExport(sealed)).toBe(true);
    expect(verifyExport(sealed, { passphrase: PASSPHRASE })).toMatchObject({ ok: true, secretKey: true });
    expect(verifyExport(await exportLog(db, { passphrase: '', now: NOW }))).toMatchObject({
      ok: true,
      secretKey: false,
    });
  });

  it('exports an empty profile as its key entry alone', async () => {
    const db = database();
    expect(verifyExport(await exportLog(db, { now: NOW }))).toMatchObject({
      ok: true,
      entries: 1,
      batches: 1,
    });
  });
});

describe('importLog', () => {
  async function exportedRecord() {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 60, { conversationId: 'keep' });
    await recordReplies(db, 60, { conversationId: 'gone', prefix: 'g', from: NOW + MINUTE });
    await redactConversation(db, 'chatgpt.com', 'gone', NOW + 2 * MINUTE);
    const bytes = await exportLog(db, { passphrase: PASSPHRASE, now: NOW + 3 * MINUTE, scrypt });
    return { db, bytes };
  }

  it('restores identical entries, batches, key and footprint, and the chain continues from it', async () => {
    const { db: source, bytes } = await exportedRecord();
    const target = database();
    const outcome = await importLog(target, bytes, { passphrase: PASSPHRASE, now: NOW + 4 * MINUTE });
    const entries = await logEntries(source);
    expect(outcome).toEqual({ entries: entries.length, batches: 2, redacted: 60, records: 60 });
    expect(await logEntries(target)).toEqual(entries);
    expect(await target.batches.orderBy('first').toArray()).toEqual(
      await source.batches.orderBy('first').toArray(),
    );
    expect((await target.deviceKeys.get(DEVICE_KEY_ID))?.publicKey).toBe(cachedDeviceKey(source)?.publicKey);
    // The footprint comes back from the analysis bodies: every field but the excerpts.
    const restored = await target.footprint.orderBy('key').toArray();
    const original = await source.footprint.orderBy('key').toArray();
    expect(restored).toEqual(original.map((record) => ({ ...analysisLogBody(record), excerpts: [] })));

    // The chain goes on: the next entry links to the last imported one, the next batch follows the last.
    const last = entries.at(-1);
    const [next] = await recordReplies(target, 1, { conversationId: 'new', from: NOW + 5 * MINUTE });
    expect(next?.entry).toMatchObject({ seq: (last?.seq ?? 0) + 1, prev: last?.hash });
    await recordReplies(target, 120, { conversationId: 'new', prefix: 'n', from: NOW + 6 * MINUTE });
    const again = await exportLog(target, { now: NOW + 7 * MINUTE });
    expect(verifyExport(again)).toMatchObject({
      ok: true,
      entries: entries.length + 121,
      redacted: 60,
      redactions: 1,
      devicePublicKey: cachedDeviceKey(source)?.publicKey,
    });
  });

  it('a second context sees the imported key, not the key the fresh profile made at install', async () => {
    const { bytes } = await exportedRecord();
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const offscreen = database(name);
    const installKey = await loadDeviceKey(offscreen, NOW);
    await importLog(database(name), bytes, { passphrase: PASSPHRASE, now: NOW });
    await recordReplies(offscreen, 150, { conversationId: 'new', from: NOW + 5 * MINUTE });
    const batches = await offscreen.batches.orderBy('first').toArray();
    expect(batches.some((batch) => batch.signer === installKey.publicKey)).toBe(false);
    expect(verifyExport(await exportLog(offscreen, { now: NOW + 6 * MINUTE }))).toMatchObject({ ok: true });
  });

  it.each([
    {
      name: 'a profile that has recorded something',
      prepare: (db: Parameters<typeof recordReplies>[0]) => recordReplies(db, 1),
      problem: 'not-fresh',
    },
    {
      name: 'a profile with a settings change',
      prepare: (db: Parameters<typeof recordReplies>[0]) =>
        appendLogEntry(db, 'settings', { setting: 'keepExcerpts', from: true, to: false }),
      problem: 'not-fresh',
    },
  ])('refuses $name and leaves it as it was', async ({ prepare, problem }) => {
    const { bytes } = await exportedRecord();
    const db = database();
    await prepare(db);
    const before = await logEntries(db);
    await expect(importLog(db, bytes, { passphrase: PASSPHRASE })).rejects.toMatchObject({ problem });
    expect(await logEntries(db)).toEqual(before);
  });

  it.each([
    { name: 'no passphrase', passphrase: undefined, problem: 'passphrase-required' },
    { name: 'a wrong passphrase', passphrase: 'wrong', problem: 'wrong-passphrase' },
  ])('refuses a protected export with $name', async ({ passphrase, problem }) => {
    const { bytes } = await exportedRecord();
    const db = database();
    await expect(importLog(db, bytes, { passphrase })).rejects.toMatchObject({ problem });
    expect(await db.log.count()).toBe(0);
  });

  it('refuses a plain export: it holds no device key, so the record could not go on', async () => {
    const source = database();
    await recordReplies(source, 5);
    const db = database();
    const error = await importLog(db, await exportLog(source, { now: NOW })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogImportError);
    expect(error).toMatchObject({ problem: 'no-device-key', message: expect.stringMatching(/passphrase/) });
    expect(await db.log.count()).toBe(0);
  });

  it('refuses a file that does not verify, naming the line, and writes nothing', async () => {
    const source = database();
    await recordReplies(source, 5);
    const plain = new TextDecoder().decode(await exportLog(source, { now: NOW }));
    const lines = plain.split('\n');
    const original = lines[2] as string;
    lines[2] = original.replace('"level":"medium"', '"level":"none"');
    expect(lines[2]).not.toBe(original);
    const db = database();
    await expect(importLog(db, new TextEncoder().encode(lines.join('\n')))).rejects.toMatchObject({
      problem: 'invalid',
      message: expect.stringMatching(/^The file does not verify \(line 3: /),
    });
    expect(await db.log.count()).toBe(0);
    expect(await db.footprint.count()).toBe(0);
  });
});
