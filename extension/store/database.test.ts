import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEntry } from '../../protocol/log-entry.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import { CogfwDatabase } from './database.ts';
import { assistantRecordsBetween, logEntries, verifyStoredChain } from './queries.ts';

const open: Dexie[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

function v2Record(site: string, id: string, time: number): FootprintRecord {
  return {
    key: `${site}|c1|${id}`,
    site,
    conversationId: 'c1',
    turnIndex: 0,
    time,
    risk: 0.2,
    level: 'low',
    findings: [],
    excerpts: [],
    engine: 'test',
    truncated: false,
  };
}

describe('database upgrades', () => {
  it('gives records from v2 their site as assistant, indexes them by assistant and time, adds drift', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    open.push(v2);
    v2.version(2).stores({
      footprint: 'key, time, site, [site+time], [site+conversationId+turnIndex]',
      log: 'seq',
    });
    await v2
      .table('footprint')
      .bulkAdd([v2Record('chatgpt', 'a', 10), v2Record('chatgpt', 'b', 20), v2Record('claude', 'c', 15)]);
    const logRow = {
      v: 1,
      seq: 0,
      ts: 1,
      prev: 'x',
      type: 'analysis',
      body: { site: 'chatgpt' },
      bodyHash: 'h',
      hash: 'k',
    };
    await v2.table('log').add(logRow);
    v2.close();

    const db = new CogfwDatabase(name);
    open.push(db);
    expect(await db.footprint.get('chatgpt|c1|a')).toMatchObject({ assistant: 'chatgpt', site: 'chatgpt' });
    expect((await assistantRecordsBetween(db, 'chatgpt', 0, 100)).map((r) => r.key)).toEqual([
      'chatgpt|c1|a',
      'chatgpt|c1|b',
    ]);
    expect((await assistantRecordsBetween(db, 'claude', 0, 100)).map((r) => r.key)).toEqual(['claude|c1|c']);
    expect(await db.drift.count()).toBe(0);
    // The log is the record of what happened: the upgrade leaves it as written.
    expect(await logEntries(db)).toEqual([logRow]);
    expect(db.verno).toBe(4);
  });

  it('upgrades v3 to v4: entries untouched and indexed by type and conversation, empty batch and key tables', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    open.push(v3);
    v3.version(3).stores({
      footprint: 'key, time, site, [site+time], [site+conversationId+turnIndex], [assistant+time]',
      log: 'seq',
      drift: 'assistant',
    });
    const analysis = nextEntry(
      undefined,
      'analysis',
      { key: 'chatgpt|c1|a', site: 'chatgpt', conversationId: 'c1' },
      1,
    );
    const setting = nextEntry(analysis, 'settings', { setting: 'keepExcerpts', from: true, to: false }, 2);
    await v3.table('log').bulkAdd([analysis, setting]);
    await v3.table('footprint').add({ ...v2Record('chatgpt', 'a', 10), assistant: 'chatgpt' });
    await v3.table('drift').add({ assistant: 'chatgpt', drift: { state: 'NORMAL' } });
    v3.close();

    const db = new CogfwDatabase(name);
    open.push(db);
    expect(await logEntries(db)).toEqual([analysis, setting]);
    expect(await db.log.where('type').equals('settings').primaryKeys()).toEqual([1]);
    expect(
      await db.log.where('[body.site+body.conversationId]').equals(['chatgpt', 'c1']).primaryKeys(),
    ).toEqual([0]);
    expect(await db.footprint.count()).toBe(1);
    expect(await db.drift.count()).toBe(1);
    expect(await db.batches.count()).toBe(0);
    expect(await db.deviceKeys.count()).toBe(0);
    expect(db.verno).toBe(4);
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 2, redacted: 0 });
  });

  it('files a record written without an assistant under its site', async () => {
    const db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    open.push(db);
    await db.footprint.add(v2Record('gemini', 'x', 5));
    await db.footprint.add({ ...v2Record('gemini', 'y', 6), assistant: 'gemini|2.5 Pro' });
    expect((await assistantRecordsBetween(db, 'gemini', 0, 10)).map((r) => r.key)).toEqual(['gemini|c1|x']);
    expect((await assistantRecordsBetween(db, 'gemini|2.5 Pro', 0, 10)).map((r) => r.key)).toEqual([
      'gemini|c1|y',
    ]);
  });

  it.each([
    { from: 0, to: 100, expected: ['a', 'b'] },
    { from: 10, to: 20, expected: ['a'] },
    { from: 11, to: 20, expected: [] },
  ])('assistantRecordsBetween [$from, $to) → $expected', async ({ from, to, expected }) => {
    const db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    open.push(db);
    await db.footprint.bulkAdd([
      { ...v2Record('chatgpt', 'b', 20), assistant: 'chatgpt|gpt-5' },
      { ...v2Record('chatgpt', 'a', 10), assistant: 'chatgpt|gpt-5' },
      { ...v2Record('chatgpt', 'o', 15), assistant: 'chatgpt|gpt-4o' },
    ]);
    const records = await assistantRecordsBetween(db, 'chatgpt|gpt-5', from, to);
    expect(records.map((r) => r.key.split('|')[2])).toEqual(expected);
  });
});
