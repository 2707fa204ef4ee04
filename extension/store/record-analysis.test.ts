import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_PREV } from '../../protocol/log-entry.ts';
import { CogfwDatabase } from './database.ts';
import { analysisLogBody } from './footprint-record.ts';
import { appendLogEntry, appendLogEntryInTransaction } from './log-append.ts';
import { logEntries, recordsBetween, verifyStoredChain } from './queries.ts';
import { recordAnalysis, recordedTurn } from './record-analysis.ts';
import { analysisResult, chatTurn, constitutionOutcome, finding } from './testing/analysis-fixtures.ts';

const open: CogfwDatabase[] = [];
function freshDatabase(name = `cogfw-test-${crypto.randomUUID()}`): CogfwDatabase {
  const db = new CogfwDatabase(name);
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

const NOW = Date.UTC(2026, 10, 20, 12);

describe('recordAnalysis', () => {
  it.each([
    {
      name: 'a reply with two findings',
      turn: chatTurn({ messageId: 'a' }),
      result: analysisResult(
        [
          finding('T01', [
            { start: 0, end: 7 },
            { start: 24, end: 30 },
          ]),
          finding('T03', [{ start: 32, end: 40 }], 0.6),
        ],
        'medium',
      ),
      keepExcerpts: true,
      expected: {
        key: 'chatgpt.com|c1|a',
        level: 'medium',
        findings: [
          { technique: 'T01', score: 0.8, count: 2, sources: ['lexicon', 'model'] },
          { technique: 'T03', score: 0.6, count: 1, sources: ['lexicon', 'model'] },
        ],
        excerptTechniques: ['T01', 'T03'],
      },
    },
    {
      name: 'excerpts turned off keeps no text at all',
      turn: chatTurn({ messageId: 'b' }),
      result: analysisResult([finding('T01', [{ start: 0, end: 7 }])], 'low'),
      keepExcerpts: false,
      expected: {
        key: 'chatgpt.com|c1|b',
        level: 'low',
        findings: [{ technique: 'T01', score: 0.8, count: 1, sources: ['lexicon', 'model'] }],
        excerptTechniques: [],
      },
    },
    {
      name: 'a model-only finding counts once and has no excerpt',
      turn: chatTurn({ site: 'claude.ai', conversationId: 'x', messageId: 'i3' }),
      result: analysisResult([finding('T18', [], 0.9)], 'high'),
      keepExcerpts: true,
      expected: {
        key: 'claude.ai|x|i3',
        level: 'high',
        findings: [{ technique: 'T18', score: 0.9, count: 1, sources: ['model'] }],
        excerptTechniques: [],
      },
    },
    {
      name: 'a clean reply is recorded with no findings',
      turn: chatTurn({ messageId: 'c', text: 'Paris is the capital of France.' }),
      result: analysisResult([]),
      keepExcerpts: true,
      expected: { key: 'chatgpt.com|c1|c', level: 'none', findings: [], excerptTechniques: [] },
    },
  ])('$name', async ({ turn, result, keepExcerpts, expected }) => {
    const db = freshDatabase();
    const outcome = await recordAnalysis(db, turn, result, { keepExcerpts, now: NOW });

    const stored = await db.footprint.get(expected.key);
    expect(stored).toEqual(outcome.record);
    expect(stored).toMatchObject({
      key: expected.key,
      site: turn.site,
      conversationId: turn.conversationId,
      turnIndex: turn.turnIndex,
      time: turn.time,
      level: expected.level,
      findings: expected.findings,
      engine: result.engine,
      truncated: false,
    });
    expect(stored?.excerpts.map((e) => e.technique)).toEqual(expected.excerptTechniques);
    // No raw text beyond excerpts anywhere in the row.
    expect(JSON.stringify({ ...stored, excerpts: [] })).not.toContain(turn.text);

    const log = await logEntries(db);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ seq: 0, prev: GENESIS_PREV, type: 'analysis', ts: NOW });
    expect(log[0]?.body).toEqual(analysisLogBody(outcome.record));
    expect(JSON.stringify(log[0]?.body)).not.toContain('excerpts');
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 1, redacted: 0 });
  });

  it('chains entries across writes and settings changes, and the chain verifies', async () => {
    const db = freshDatabase();
    await recordAnalysis(db, chatTurn({ messageId: '1' }), analysisResult([]), { keepExcerpts: true });
    await appendLogEntry(db, 'settings', { setting: 'protectionLevel', from: 'standard', to: 'enhanced' });
    await recordAnalysis(db, chatTurn({ messageId: '2' }), analysisResult([finding('T07', [])]), {
      keepExcerpts: true,
    });
    const log = await logEntries(db);
    expect(log.map((e) => [e.seq, e.type])).toEqual([
      [0, 'analysis'],
      [1, 'settings'],
      [2, 'analysis'],
    ]);
    expect(log[1]?.prev).toBe(log[0]?.hash);
    expect(log[2]?.prev).toBe(log[1]?.hash);
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 3, redacted: 0 });
  });

  it('records a turn once: a second write of the same key is a no-op', async () => {
    const db = freshDatabase();
    const turn = chatTurn({ messageId: 'same' });
    const first = await recordAnalysis(db, turn, analysisResult([finding('T01', [{ start: 0, end: 7 }])]), {
      keepExcerpts: true,
    });
    const second = await recordAnalysis(db, turn, analysisResult([], 'none'), { keepExcerpts: true });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ record: first.record, entry: null, duplicate: true });
    expect(await db.footprint.count()).toBe(1);
    expect(await db.log.count()).toBe(1);
    expect(await recordedTurn(db, turn)).toEqual(first.record);
  });

  it('keeps one chain when many appends run at once', async () => {
    const db = freshDatabase();
    const writes = Array.from({ length: 30 }, (_, i) =>
      i % 5 === 4
        ? appendLogEntry(db, 'settings', { setting: 'keepExcerpts', from: true, to: false })
        : recordAnalysis(db, chatTurn({ messageId: `m${i}` }), analysisResult([]), { keepExcerpts: true }),
    );
    // The same turn twice in the same burst is still recorded once.
    writes.push(
      recordAnalysis(db, chatTurn({ messageId: 'm0' }), analysisResult([]), { keepExcerpts: true }),
    );
    await Promise.all(writes);
    const log = await logEntries(db);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(await db.footprint.count()).toBe(24);
    expect(await verifyStoredChain(db)).toMatchObject({ ok: true, entries: 30 });
  });

  it('keeps one chain when two connections (two extension pages) append at once', async () => {
    const name = `cogfw-test-${crypto.randomUUID()}`;
    const offscreen = freshDatabase(name);
    const options = freshDatabase(name);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? recordAnalysis(offscreen, chatTurn({ messageId: `m${i}` }), analysisResult([]), {
              keepExcerpts: true,
            })
          : appendLogEntry(options, 'settings', {
              setting: 'protectionLevel',
              from: 'standard',
              to: 'maximum',
            }),
      ),
    );
    expect(await verifyStoredChain(offscreen)).toEqual({ ok: true, entries: 20, redacted: 0 });
  });

  it.each([{ failing: 'log' as const }, { failing: 'footprint' as const }])(
    'leaves nothing half-written when the $failing write fails',
    async ({ failing }) => {
      const db = freshDatabase();
      await recordAnalysis(db, chatTurn({ messageId: 'before' }), analysisResult([]), { keepExcerpts: true });
      const fail = () => {
        throw new Error('disk full');
      };
      db.table(failing).hook('creating', fail);
      await expect(
        recordAnalysis(db, chatTurn({ messageId: 'broken' }), analysisResult([]), { keepExcerpts: true }),
      ).rejects.toThrow('disk full');
      db.table(failing).hook('creating').unsubscribe(fail);

      expect(await db.footprint.count()).toBe(1);
      expect(await db.log.count()).toBe(1);
      expect(await recordedTurn(db, chatTurn({ messageId: 'broken' }))).toBeUndefined();
      // The queue goes on after a failure and the chain continues from the last good entry.
      await recordAnalysis(db, chatTurn({ messageId: 'after' }), analysisResult([]), { keepExcerpts: true });
      expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 2, redacted: 0 });
    },
  );

  it('refuses to append a log entry outside a transaction', async () => {
    const db = freshDatabase();
    await expect(appendLogEntryInTransaction(db, 'settings', {}, NOW)).rejects.toThrow(/transaction/);
  });

  it('detects a tampered body in the stored log', async () => {
    const db = freshDatabase();
    for (const id of ['1', '2', '3']) {
      await recordAnalysis(db, chatTurn({ messageId: id }), analysisResult([finding('T01', [])]), {
        keepExcerpts: true,
      });
    }
    await db.log
      .where('seq')
      .equals(1)
      .modify((entry) => {
        (entry.body as { level: string }).level = 'none';
      });
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      seq: 1,
      index: 1,
      reason: 'body does not match bodyHash',
    });
  });
});

describe('what the behavioural layer and the report read per reply', () => {
  it.each([
    {
      name: 'a page that names no model: the site is the assistant',
      turn: chatTurn({ messageId: 'n1', text: 'Twelve chars' }),
      result: analysisResult([]),
      expected: { assistant: 'chatgpt.com', length: 12, principles: [], action: 'record' },
    },
    {
      name: 'a named model: site|model',
      turn: chatTurn({ messageId: 'n2', model: 'gpt-5-1-thinking' }),
      result: analysisResult([finding('T01', [{ start: 0, end: 7 }])], 'medium', {
        constitution: constitutionOutcome({ P1: 'violated', P5: 'concern' }),
        action: 'warn',
      }),
      expected: {
        assistant: 'chatgpt.com|gpt-5-1-thinking',
        length: 61,
        principles: [
          { principle: 'P1', status: 'violated' },
          { principle: 'P5', status: 'concern' },
        ],
        action: 'warn',
      },
    },
    {
      name: 'a model name that would break the id is cleaned; principles in principle order',
      turn: chatTurn({ messageId: 'n3', model: '  Fable|5\n Max ', text: '' }),
      result: analysisResult([], 'none', {
        constitution: constitutionOutcome({ P10: 'concern', P2: 'violated' }),
        action: 'blur',
      }),
      expected: {
        assistant: 'chatgpt.com|Fable 5 Max',
        length: 0,
        principles: [
          { principle: 'P2', status: 'violated' },
          { principle: 'P10', status: 'concern' },
        ],
        action: 'blur',
      },
    },
    {
      name: 'an empty model name counts as none',
      turn: chatTurn({ messageId: 'n4', model: '   ' }),
      result: analysisResult([]),
      expected: { assistant: 'chatgpt.com', length: 61, principles: [], action: 'record' },
    },
  ])('$name', async ({ turn, result, expected }) => {
    const db = freshDatabase();
    const outcome = await recordAnalysis(db, turn, result, { keepExcerpts: true, now: NOW });
    expect(outcome.record).toMatchObject(expected);
    expect(await db.footprint.get(outcome.record.key)).toEqual(outcome.record);
    // The log body carries them too: it is the footprint without excerpts.
    const [entry] = await logEntries(db);
    expect(entry?.body).toMatchObject(expected);
    expect(await verifyStoredChain(db)).toMatchObject({ ok: true });
  });

  it('keeps no principles and no action from an analyzer that evaluated no rules', async () => {
    const db = freshDatabase();
    const { constitution: _c, action: _a, ...withoutRules } = analysisResult([]);
    const outcome = await recordAnalysis(
      db,
      chatTurn({ messageId: 'old' }),
      withoutRules as ReturnType<typeof analysisResult>,
      { keepExcerpts: true },
    );
    expect(outcome.record).not.toHaveProperty('principles');
    expect(outcome.record).not.toHaveProperty('action');
    expect(outcome.record.assistant).toBe('chatgpt.com');
  });
});

describe('recordsBetween', () => {
  it.each([
    { from: 0, to: 100, expected: ['t10', 't50'] },
    { from: 10, to: 50, expected: ['t10'] },
    { from: 50, to: 51, expected: ['t50'] },
    { from: 200, to: 300, expected: [] },
  ])('[$from, $to) → $expected', async ({ from, to, expected }) => {
    const db = freshDatabase();
    for (const time of [10, 50, 100]) {
      await recordAnalysis(db, chatTurn({ messageId: `t${time}`, time }), analysisResult([]), {
        keepExcerpts: false,
      });
    }
    const records = await recordsBetween(db, from, to);
    expect(records.map((r) => r.key.split('|')[2]).sort()).toEqual(expected);
  });
});
