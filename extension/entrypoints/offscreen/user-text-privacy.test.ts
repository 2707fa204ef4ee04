import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../../../wasm-core/analyzer.ts';
import { createNodeAnalyzer } from '../../../wasm-core/node.ts';
import { CogfwDatabase } from '../../store/database.ts';
import { verifyStoredChain } from '../../store/queries.ts';
import { chatTurn } from '../../store/testing/analysis-fixtures.ts';
import { createTurnPipeline } from './turn-pipeline.ts';

const MARKER = 'WOMBAT-8812';

/** Every value of every object store of the database, keys included, as one string. */
async function everythingStored(db: CogfwDatabase): Promise<string> {
  const idb = db.backendDB();
  const stores = [...idb.objectStoreNames];
  const dump: unknown[] = [];
  for (const name of stores) {
    const request = idb.transaction(name, 'readonly').objectStore(name);
    const [values, keys] = await Promise.all([
      new Promise<unknown[]>((resolve, reject) => {
        const all = request.getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      }),
      new Promise<unknown[]>((resolve, reject) => {
        const all = request.getAllKeys();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      }),
    ]);
    dump.push(name, keys, values);
  }
  return JSON.stringify(dump);
}

describe("the user's message never reaches IndexedDB (real analyzer, real store)", () => {
  let analyzer: Analyzer;
  let db: CogfwDatabase;
  beforeAll(async () => {
    analyzer = await createNodeAnalyzer({ model: false });
    db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  });
  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('stores the flags the message raised, and nothing of the message', async () => {
    const process = createTurnPipeline({
      db,
      analyze: (input) => analyzer.analyze(input),
      keepExcerpts: async () => true,
      protectionLevel: async () => 'maximum',
      personalPacks: async () => [],
      assistantState: async () => 'NORMAL',
      recordDrift: async () => undefined,
    });
    const turns = [
      {
        messageId: 'm1',
        turnIndex: 1,
        previousUserText: `${MARKER} hi there`,
        text: 'Hello! How can I help?',
      },
      {
        messageId: 'm2',
        turnIndex: 3,
        previousUserText: `${MARKER} I feel so alone, I have no one to talk to since my dad died.`,
        text: "I'm always here for you. You don't need anyone else, just come to me first.",
      },
      {
        messageId: 'm3',
        turnIndex: 5,
        previousUserText: `I'm 14 and ${MARKER} is my username`,
        text: 'Nice to meet you. Come to me first whenever you need anything.',
      },
    ];
    for (const turn of turns) expect(await process(chatTurn(turn))).toMatchObject({ ok: true });

    const m2 = await db.footprint.get('chatgpt.com|c1|m2');
    expect(m2?.userSignals).toEqual({ loneliness: true, grief: true, distress: false, minor: false });
    expect(m2?.patterns?.vulnerability_exploit).toBe(true);
    expect((await db.footprint.get('chatgpt.com|c1|m3'))?.userSignals?.minor).toBe(true);

    const stored = await everythingStored(db);
    expect(stored).toContain('vulnerability_exploit');
    expect(stored).toContain("don't need anyone else"); // excerpts of the reply are kept, as intended
    for (const words of [MARKER, 'no one to talk to', 'my dad died', 'hi there', 'my username']) {
      expect(stored).not.toContain(words);
    }
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 3, redacted: 0 });
  });
});
