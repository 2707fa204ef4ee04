import { afterEach } from 'vitest';
import { CogfwDatabase } from '../database.ts';
import { type RecordOutcome, recordAnalysis } from '../record-analysis.ts';
import { analysisResult, chatTurn, finding } from './analysis-fixtures.ts';

export const NOW = Date.UTC(2026, 10, 20, 12);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Databases opened by a test file, closed and deleted after each test. */
export function databasesForTests(): (name?: string) => CogfwDatabase {
  const open: CogfwDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return (name = `cogfw-test-${crypto.randomUUID()}`) => {
    const db = new CogfwDatabase(name);
    open.push(db);
    return db;
  };
}

/** Records `count` analysed replies in one conversation, one write each, `step` ms apart from `from`. */
export async function recordReplies(
  db: CogfwDatabase,
  count: number,
  options: { conversationId?: string; site?: string; from?: number; step?: number; prefix?: string } = {},
): Promise<RecordOutcome[]> {
  const { conversationId = 'c1', site = 'chatgpt.com', from = NOW, step = 1, prefix = 'm' } = options;
  const outcomes: RecordOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const turn = chatTurn({
      site,
      conversationId,
      messageId: `${prefix}${i}`,
      turnIndex: i,
      time: from + i * step,
    });
    const result = analysisResult(i % 3 === 0 ? [finding('T01', [{ start: 0, end: 7 }])] : []);
    outcomes.push(await recordAnalysis(db, turn, result, { keepExcerpts: true, now: from + i * step }));
  }
  return outcomes;
}
