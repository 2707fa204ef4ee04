import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_WINDOW } from '../../wasm-core/context/history.ts';
import type { TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import { conversationHistory } from './conversation-history.ts';
import { CogfwDatabase } from './database.ts';

const open: Dexie[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

function record(site: string, conversationId: string, turnIndex: number, techniques: TechniqueId[] = []) {
  return {
    key: `${site}|${conversationId}|m${turnIndex}`,
    site,
    conversationId,
    turnIndex,
    time: 1_800_000_000_000 + turnIndex,
    risk: turnIndex / 100,
    level: 'low',
    findings: techniques.map((technique) => ({ technique, score: 0.7, count: 1, sources: ['lexicon'] })),
    excerpts: [],
    engine: 'test',
    truncated: false,
  } satisfies FootprintRecord;
}

describe('conversationHistory', () => {
  it('returns the earlier replies of the same conversation on the same site, oldest first', async () => {
    const db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    open.push(db);
    await db.footprint.bulkAdd([
      record('chatgpt.com', 'c1', 5, ['T07']),
      record('chatgpt.com', 'c1', 1),
      record('chatgpt.com', 'c1', 3, ['T09', 'T17']),
      record('chatgpt.com', 'c1', 7),
      record('chatgpt.com', 'c1', 9),
      record('chatgpt.com', 'c2', 2),
      record('claude.ai', 'c1', 4),
    ]);
    const history = await conversationHistory(db, {
      site: 'chatgpt.com',
      conversationId: 'c1',
      turnIndex: 7,
    });
    expect(history).toEqual([
      { turnIndex: 1, time: 1_800_000_000_001, risk: 0.01, techniques: [] },
      { turnIndex: 3, time: 1_800_000_000_003, risk: 0.03, techniques: ['T09', 'T17'] },
      { turnIndex: 5, time: 1_800_000_000_005, risk: 0.05, techniques: ['T07'] },
    ]);
    expect(
      await conversationHistory(db, { site: 'chatgpt.com', conversationId: 'c3', turnIndex: 7 }),
    ).toEqual([]);
    expect(
      await conversationHistory(db, { site: 'chatgpt.com', conversationId: 'c1', turnIndex: 0 }),
    ).toEqual([]);
  });

  it(`keeps only the last ${HISTORY_WINDOW} replies of a long conversation`, async () => {
    const db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
    open.push(db);
    await db.footprint.bulkAdd(Array.from({ length: 40 }, (_, i) => record('chatgpt.com', 'long', i)));
    const history = await conversationHistory(db, {
      site: 'chatgpt.com',
      conversationId: 'long',
      turnIndex: 35,
    });
    expect(history.map((t) => t.turnIndex)).toEqual(Array.from({ length: HISTORY_WINDOW }, (_, i) => 25 + i));
  });

  it('finds records written before the history index existed (schema v1 → v2)', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ footprint: 'key, time, site, [site+time]', log: 'seq' });
    await v1
      .table('footprint')
      .bulkAdd([record('chatgpt.com', 'c1', 1, ['T07']), record('chatgpt.com', 'c1', 3)]);
    v1.close();

    const db = new CogfwDatabase(name);
    open.push(db);
    const history = await conversationHistory(db, {
      site: 'chatgpt.com',
      conversationId: 'c1',
      turnIndex: 5,
    });
    expect(history.map((t) => [t.turnIndex, t.techniques])).toEqual([
      [1, ['T07']],
      [3, []],
    ]);
    expect(db.verno).toBe(4);
    expect((await db.footprint.get('chatgpt.com|c1|m1'))?.patterns).toBeUndefined();
  });
});
