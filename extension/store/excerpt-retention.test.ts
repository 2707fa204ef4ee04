import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CogfwDatabase } from './database.ts';
import { deleteAllExcerpts, deleteExpiredExcerpts, EXCERPT_RETENTION_MS } from './excerpt-retention.ts';
import { verifyStoredChain } from './queries.ts';
import { recordAnalysis } from './record-analysis.ts';
import { analysisResult, chatTurn, finding } from './testing/analysis-fixtures.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);
let db: CogfwDatabase;

afterEach(async () => {
  db.close();
  await db.delete();
});

async function seed(ages: number[]): Promise<void> {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  for (const age of ages) {
    await recordAnalysis(
      db,
      chatTurn({ messageId: `age${age}`, time: NOW - age }),
      analysisResult([finding('T01', [{ start: 0, end: 7 }])]),
      { keepExcerpts: true },
    );
  }
}

async function excerptCounts(): Promise<Record<string, number>> {
  const rows = await db.footprint.toArray();
  return Object.fromEntries(rows.map((r) => [r.key.split('|')[2], r.excerpts.length]));
}

describe('excerpt retention', () => {
  it.each([
    {
      ages: [DAY, 29 * DAY, 31 * DAY],
      cleared: 1,
      expected: { [`age${DAY}`]: 1, [`age${29 * DAY}`]: 1, [`age${31 * DAY}`]: 0 },
    },
    {
      ages: [EXCERPT_RETENTION_MS - 1, EXCERPT_RETENTION_MS + 1],
      cleared: 1,
      expected: { [`age${EXCERPT_RETENTION_MS - 1}`]: 1, [`age${EXCERPT_RETENTION_MS + 1}`]: 0 },
    },
    { ages: [], cleared: 0, expected: {} },
  ])('deletes excerpts older than 30 days ($cleared cleared)', async ({ ages, cleared, expected }) => {
    await seed(ages);
    expect(await deleteExpiredExcerpts(db, NOW)).toBe(cleared);
    expect(await excerptCounts()).toEqual(expected);
    // Running it again finds nothing more to do.
    expect(await deleteExpiredExcerpts(db, NOW)).toBe(0);
  });

  it('keeps the records and the chain intact', async () => {
    await seed([40 * DAY, 50 * DAY]);
    await deleteExpiredExcerpts(db, NOW);
    expect(await db.footprint.count()).toBe(2);
    expect((await db.footprint.toArray()).every((r) => r.findings.length === 1)).toBe(true);
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 2, redacted: 0 });
  });

  it('deletes every excerpt when the user turns them off', async () => {
    await seed([DAY, 2 * DAY]);
    expect(await deleteAllExcerpts(db)).toBe(2);
    expect(Object.values(await excerptCounts())).toEqual([0, 0]);
  });
});
