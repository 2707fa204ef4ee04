import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { batchRoot, type LogBatch, verifyBatchSignature } from '../../protocol/batch.ts';
import { nextEntry } from '../../protocol/log-entry.ts';
import { verifyExport } from '../../protocol/log-verify.ts';
import { loadDeviceKey } from '../device-identity/device-key-store.ts';
import type { CogfwDatabase } from './database.ts';
import { appendLogEntry, appendLogEntryInTransaction } from './log-append.ts';
import { UnsealableLogError } from './log-batches.ts';
import { exportLog } from './log-export-store.ts';
import { sealDueBatches, sealPending } from './log-sealing.ts';
import { logEntries } from './queries.ts';
import { databasesForTests, HOUR, MINUTE, NOW, recordReplies } from './testing/log-fixtures.ts';

const database = databasesForTests();

async function spans(db: CogfwDatabase): Promise<[number, number][]> {
  return (await db.batches.orderBy('first').toArray()).map((b) => [b.first, b.last]);
}

/** Each batch is signed, and its root is the Merkle root of the stored entries it covers. */
async function expectSoundBatches(db: CogfwDatabase): Promise<LogBatch[]> {
  const batches = await db.batches.orderBy('first').toArray();
  const entries = await logEntries(db);
  for (const batch of batches) {
    expect(verifyBatchSignature(batch)).toBe(true);
    const covered = entries.slice(batch.first, batch.last + 1).map((e) => e.hash);
    expect(batch.root).toBe(batchRoot(covered));
    expect(batch.size).toBe(covered.length);
  }
  return batches;
}

describe('batches every 100 entries', () => {
  it('seals a batch in the transaction of the 100th entry, and again at 200', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 98);
    expect(await db.batches.count()).toBe(0);
    await recordReplies(db, 1, { prefix: 'x' });
    expect(await spans(db)).toEqual([[0, 99]]);
    await recordReplies(db, 150, { prefix: 'y' });
    expect(await spans(db)).toEqual([
      [0, 99],
      [100, 199],
    ]);
    await expectSoundBatches(db);
  });

  it('makes the device key in time on a profile that has none: its genesis entry ends the first batch', async () => {
    const db = database();
    await recordReplies(db, 99);
    expect(await db.deviceKeys.count()).toBe(0);
    expect(await db.log.count()).toBe(99);
    await recordReplies(db, 1, { prefix: 'x' });
    const log = await logEntries(db);
    expect(log[99]?.type).toBe('key');
    expect(log[100]?.type).toBe('analysis');
    expect(await spans(db)).toEqual([[0, 99]]);
    await expectSoundBatches(db);
  });

  it('seals in the transaction that writes the entry and its footprint row', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 98);
    const writers = new Map<string, unknown>();
    db.log.hook('creating', (_key, _entry, transaction) => void writers.set('log', transaction));
    db.batches.hook('creating', (_key, _batch, transaction) => void writers.set('batch', transaction));
    db.footprint.hook('creating', (_key, _record, transaction) => void writers.set('footprint', transaction));
    await recordReplies(db, 1, { prefix: 'x' });
    expect(writers.get('batch')).toBeDefined();
    expect(writers.get('batch')).toBe(writers.get('log'));
    expect(writers.get('batch')).toBe(writers.get('footprint'));
  });

  it('leaves neither the entry nor its batch when the write fails', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 98);
    const fail = () => {
      throw new Error('disk full');
    };
    db.footprint.hook('creating', fail);
    await expect(recordReplies(db, 1, { prefix: 'x' })).rejects.toThrow('disk full');
    db.footprint.hook('creating').unsubscribe(fail);
    expect(await db.log.count()).toBe(99);
    expect(await db.batches.count()).toBe(0);
    await recordReplies(db, 1, { prefix: 'y' });
    expect(await spans(db)).toEqual([[0, 99]]);
  });

  it('keeps one chain and consecutive batches when many appends and a settings change run at once', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const offscreen = database(name);
    const options = database(name);
    await loadDeviceKey(offscreen, NOW);
    await Promise.all([
      recordReplies(offscreen, 150),
      ...Array.from({ length: 60 }, (_, i) =>
        appendLogEntry(options, 'settings', { setting: 'keepExcerpts', from: true, to: i % 2 === 0 }, NOW),
      ),
    ]);
    expect(await spans(offscreen)).toEqual([
      [0, 99],
      [100, 199],
    ]);
    await expectSoundBatches(offscreen);
    expect(verifyExport(await exportLog(offscreen, { now: NOW }))).toMatchObject({ ok: true, entries: 211 });
  });
});

describe('batches after an hour', () => {
  it('seals the tail when an append comes more than an hour after the oldest unsealed entry', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 3, { from: NOW, step: 10 * MINUTE });
    expect(await db.batches.count()).toBe(0);
    await recordReplies(db, 1, { from: NOW + HOUR, prefix: 'late' });
    expect(await spans(db)).toEqual([[0, 4]]);
    const [batch] = await expectSoundBatches(db);
    expect(batch?.ts).toBe(NOW + HOUR);
  });

  it.each([
    { name: 'nothing is due before the hour', at: NOW + HOUR - 1, expected: [] },
    { name: 'the timer seals the tail after the hour', at: NOW + HOUR, expected: [[0, 5]] },
  ])('$name', async ({ at, expected }) => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 5, { from: NOW, step: MINUTE });
    expect(await sealDueBatches(db, at)).toBe(expected.length);
    expect(await spans(db)).toEqual(expected);
    await expectSoundBatches(db);
  });

  it('makes no key and writes nothing when the timer finds nothing due', async () => {
    const db = database();
    await recordReplies(db, 3);
    expect(await sealDueBatches(db, NOW + MINUTE)).toBe(0);
    expect(await db.deviceKeys.count()).toBe(0);
    expect(await db.log.count()).toBe(3);
  });

  it('makes the key when the timer finds an old tail on a profile without one', async () => {
    const db = database();
    await recordReplies(db, 3);
    expect(await sealDueBatches(db, NOW + 2 * HOUR)).toBe(1);
    const log = await logEntries(db);
    expect(log.map((e) => e.type)).toEqual(['analysis', 'analysis', 'analysis', 'key']);
    expect(await spans(db)).toEqual([[0, 3]]);
  });
});

describe('a backlog', () => {
  it('is sealed 100 at a time by the timer, leaving a recent remainder for later', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    // Appends in a transaction that does not cover the batches (as the drift store's) seal nothing.
    for (let i = 0; i < 250; i++) {
      await db.transaction('rw', db.log, () => appendLogEntryInTransaction(db, 'feedback', { i }, NOW));
    }
    expect(await db.batches.count()).toBe(0);
    expect(await sealDueBatches(db, NOW + MINUTE)).toBe(2);
    expect(await spans(db)).toEqual([
      [0, 99],
      [100, 199],
    ]);
    expect(await sealDueBatches(db, NOW + HOUR)).toBe(1);
    expect(await spans(db)).toEqual([
      [0, 99],
      [100, 199],
      [200, 250],
    ]);
    await expectSoundBatches(db);
  });

  it('written before the device had a key is left unsealed when it cannot verify, and export says why', async () => {
    // A log of 120 entries from before v4: a batch must end at or after the key's genesis entry (seq 120),
    // so entries 0–99 cannot be put into any batch that verifies.
    const db = database();
    let last: ReturnType<typeof nextEntry> | undefined;
    for (let i = 0; i < 120; i++) {
      last = nextEntry(last, 'settings', { i }, NOW);
      await db.log.add(last);
    }
    expect(await sealDueBatches(db, NOW + MINUTE)).toBe(0);
    expect(await db.batches.count()).toBe(0);
    await expect(sealPending(db, NOW, 'all')).rejects.toThrow(UnsealableLogError);
    await expect(exportLog(db, { now: NOW })).rejects.toThrow(/before the device key's entry/);
  });
});
