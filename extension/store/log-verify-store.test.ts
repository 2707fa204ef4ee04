import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../protocol/log-entry.ts';
import { loadDeviceKey } from '../device-identity/device-key-store.ts';
import type { CogfwDatabase } from './database.ts';
import { sealPending } from './log-sealing.ts';
import { storedLogExport, verifyStoredLog } from './log-verify-store.ts';
import { databasesForTests, NOW, recordReplies } from './testing/log-fixtures.ts';

const database = databasesForTests();

/** The export line of entry `seq`: a header, then a batch line before each batch's entries. */
function lineOf(seq: number): number {
  return 1 + Math.floor(seq / 100) + 1 + seq + 1;
}

async function recorded(): Promise<CogfwDatabase> {
  const db = database();
  await loadDeviceKey(db, NOW);
  await recordReplies(db, 150);
  await sealPending(db, NOW, 'all');
  return db;
}

function changeEntry(db: CogfwDatabase, seq: number, change: (entry: LogEntry) => void): Promise<number> {
  return db.log.where('seq').equals(seq).modify(change);
}

describe('verifying the stored record', () => {
  it('verifies the untouched record, as a third party would from its export', async () => {
    const db = await recorded();
    expect(await verifyStoredLog(db, NOW)).toMatchObject({ ok: true, entries: 151, batches: 2, redacted: 0 });
    expect(new TextDecoder().decode(await storedLogExport(db, NOW))).not.toContain('deviceSecretKey');
  });

  it.each([
    {
      name: 'a softened verdict in a body',
      seq: 40,
      change: (e: LogEntry) => void Object.assign(e.body as object, { level: 'none' }),
      reason: /body does not match bodyHash/,
    },
    {
      name: 'a moved timestamp',
      seq: 120,
      change: (e: LogEntry) => {
        e.ts += 1;
      },
      reason: /entry hash does not match/,
    },
    {
      name: 'a body removed without a redaction entry',
      seq: 7,
      change: (e: LogEntry) => {
        e.body = null;
      },
      reason: /no redaction entry names it/,
    },
    {
      name: 'a replaced entry hash',
      seq: 130,
      change: (e: LogEntry) => {
        e.hash = 'f'.repeat(64);
      },
      reason: /entry hash does not match/,
    },
  ])('fails on $name, naming the entry', async ({ seq, change, reason }) => {
    const db = await recorded();
    expect(await changeEntry(db, seq, change)).toBe(1);
    expect(await verifyStoredLog(db, NOW)).toEqual({
      ok: false,
      line: lineOf(seq),
      reason: expect.stringMatching(reason),
    });
  });

  it('fails when an entry is deleted from the store', async () => {
    const db = await recorded();
    await db.log.delete(60);
    expect(await verifyStoredLog(db, NOW)).toEqual({
      ok: false,
      line: 0,
      reason: 'entry 60 is missing from the stored log',
    });
  });

  it('fails when an entry not yet in a batch is deleted', async () => {
    const db = await recorded();
    await recordReplies(db, 5, { prefix: 'late' });
    await db.log.delete(153);
    expect(await verifyStoredLog(db, NOW)).toEqual({
      ok: false,
      line: 0,
      reason: 'entry 153 is missing from the stored log',
    });
  });

  it('fails when a stored batch signature is changed', async () => {
    const db = await recorded();
    await db.batches
      .where('first')
      .equals(100)
      .modify((batch) => {
        batch.signature = batch.signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      });
    expect(await verifyStoredLog(db, NOW)).toMatchObject({
      ok: false,
      line: lineOf(100) - 1,
      reason: 'the batch signature does not verify',
    });
  });
});
