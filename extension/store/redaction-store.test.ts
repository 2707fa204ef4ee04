import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../protocol/log-verify.ts';
import { loadDeviceKey } from '../device-identity/device-key-store.ts';
import { appendLogEntry } from './log-append.ts';
import { exportLog } from './log-export-store.ts';
import { logEntries, verifyStoredChain } from './queries.ts';
import { redactConversation } from './redaction-store.ts';
import { databasesForTests, MINUTE, NOW, recordReplies } from './testing/log-fixtures.ts';

const database = databasesForTests();

describe('redactConversation', () => {
  it('deletes the rows and excerpts, removes the bodies, keeps the hashes; everything still verifies', async () => {
    const db = database();
    await loadDeviceKey(db, NOW);
    await recordReplies(db, 70, { conversationId: 'keep' });
    const gone = await recordReplies(db, 45, { conversationId: 'gone', prefix: 'g' });
    await recordReplies(db, 3, { site: 'claude.ai', conversationId: 'gone', prefix: 'c' });
    await appendLogEntry(db, 'settings', { setting: 'keepExcerpts', from: true, to: false }, NOW);
    const before = await logEntries(db);
    expect(await db.batches.count()).toBe(1);

    const redaction = await redactConversation(db, 'chatgpt.com', 'gone', NOW + MINUTE);
    expect(redaction).toMatchObject({ records: 45, redacted: 45 });
    const seqs = gone.map((outcome) => outcome.entry?.seq);
    expect(redaction.entry).toMatchObject({
      type: 'redaction',
      body: { seqs, reason: 'conversation_deleted' },
    });

    expect(await db.footprint.filter((r) => r.conversationId === 'gone').count()).toBe(3);
    expect(await db.footprint.count()).toBe(73);
    const after = await logEntries(db);
    expect(after).toHaveLength(before.length + 1);
    for (const [i, entry] of before.entries()) {
      const now = after[i];
      if (seqs.includes(entry.seq)) expect(now).toEqual({ ...entry, body: null });
      else expect(now).toEqual(entry);
    }
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: after.length, redacted: 45 });
    // Some redacted entries were already in a signed batch: the batch still verifies, as hashes stay.
    expect(verifyExport(await exportLog(db, { now: NOW + 2 * MINUTE }))).toMatchObject({
      ok: true,
      entries: after.length,
      redacted: 45,
      redactions: 1,
    });
  });

  it('writes nothing to the log for a conversation it never recorded', async () => {
    const db = database();
    await recordReplies(db, 3);
    expect(await redactConversation(db, 'chatgpt.com', 'other', NOW)).toEqual({
      records: 0,
      redacted: 0,
      entry: null,
    });
    expect(await db.log.count()).toBe(3);
  });

  it('redacts a conversation once: a second deletion finds nothing left', async () => {
    const db = database();
    await recordReplies(db, 4);
    expect(await redactConversation(db, 'chatgpt.com', 'c1', NOW)).toMatchObject({ records: 4, redacted: 4 });
    expect(await redactConversation(db, 'chatgpt.com', 'c1', NOW)).toMatchObject({ records: 0, redacted: 0 });
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 5, redacted: 4 });
  });
});
