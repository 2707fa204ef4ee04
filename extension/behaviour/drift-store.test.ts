import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HOLD_TIMEOUT_MS } from '../../wasm-core/behaviour/drift-monitor.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import { CogfwDatabase } from '../store/database.ts';
import { logEntries, verifyStoredChain } from '../store/queries.ts';
import {
  acknowledgeAssistantDrift,
  assistantDriftRows,
  assistantStateOf,
  REASSESS_INTERVAL_MS,
  recordDrift,
} from './drift-store.ts';
import { assistantRecord, driftScenario } from './testing/drift-fixtures.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;

const open: CogfwDatabase[] = [];
async function databaseWith(records: FootprintRecord[]): Promise<CogfwDatabase> {
  const db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  open.push(db);
  await db.footprint.bulkAdd(records);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** Records a new reply for the assistant at `now` and updates its drift, as the turn pipeline does. */
async function reply(db: CogfwDatabase, assistant: string, now: number, id: string, risk = 0.1) {
  const record = assistantRecord(assistant, now - 1000, { risk }, id);
  await db.footprint.add(record);
  await recordDrift(db, record, now);
}

describe('recordDrift', () => {
  it('starts an assistant at NORMAL with an insufficient first assessment', async () => {
    const db = await databaseWith([]);
    await reply(db, 'chatgpt|gpt-5', NOW, 'first');
    const row = await db.drift.get('chatgpt|gpt-5');
    expect(row?.drift).toMatchObject({ state: 'NORMAL', lastAssessed: NOW, lastLevel: 'insufficient' });
    expect(row?.assessment).toMatchObject({
      at: NOW,
      level: 'insufficient',
      recentReplies: 1,
      baselineReplies: 0,
    });
    expect(await assistantStateOf(db, 'chatgpt|gpt-5', NOW)).toBe('NORMAL');
  });

  it.each([
    { recent: 'steady' as const, state: 'NORMAL', level: 'ok', rising: [] },
    { recent: 'monitor' as const, state: 'MONITOR', level: 'warning', rising: ['T07'] },
    { recent: 'hold' as const, state: 'HOLD', level: 'critical', rising: ['T20', 'T01'] },
  ])('a $recent last week puts the assistant in $state', async ({ recent, state, level, rising }) => {
    const db = await databaseWith(driftScenario('claude', NOW, recent));
    await reply(db, 'claude', NOW, 'now');
    const row = await db.drift.get('claude');
    expect(row?.drift.state).toBe(state);
    expect(row?.assessment?.level).toBe(level);
    expect(row?.assessment?.recentReplies).toBe(151);
    expect(row?.assessment?.baselineReplies).toBe(150);
    expect(row?.assessment?.rising.map((r) => r.technique).sort()).toEqual([...rising].sort());
    expect(row?.drift.reasons.length).toBeGreaterThan(0);
    expect(await assistantStateOf(db, 'claude', NOW)).toBe(state);
  });

  it('tracks each model of a site apart', async () => {
    const db = await databaseWith([
      ...driftScenario('chatgpt|gpt-5', NOW, 'hold'),
      ...driftScenario('chatgpt|gpt-4o', NOW, 'steady'),
    ]);
    await reply(db, 'chatgpt|gpt-5', NOW, 'a');
    await reply(db, 'chatgpt|gpt-4o', NOW, 'b');
    expect(await assistantStateOf(db, 'chatgpt|gpt-5', NOW)).toBe('HOLD');
    expect(await assistantStateOf(db, 'chatgpt|gpt-4o', NOW)).toBe('NORMAL');
    expect(await assistantStateOf(db, 'chatgpt', NOW)).toBe('NORMAL');
  });

  it('re-assesses at most once per interval, whatever the number of replies', async () => {
    const db = await databaseWith(driftScenario('gemini', NOW, 'steady'));
    await reply(db, 'gemini', NOW, 'r0');
    const first = await db.drift.get('gemini');
    // A burst of high-risk replies inside the interval: one row read each, no assessment.
    for (let i = 1; i <= 5; i++) await reply(db, 'gemini', NOW + i * 1000, `r${i}`, 0.9);
    expect(await db.drift.get('gemini')).toEqual(first);
    await reply(db, 'gemini', NOW + REASSESS_INTERVAL_MS, 'late');
    const later = await db.drift.get('gemini');
    expect(later?.drift.lastAssessed).toBe(NOW + REASSESS_INTERVAL_MS);
    // The first assessment's 151 recent replies, plus the six since, less the oldest, now out of the window.
    expect(first?.assessment?.recentReplies).toBe(151);
    expect(later?.assessment?.recentReplies).toBe(156);
  });

  it('makes no assessment in HOLD, and the clock alone turns it DEGRADED after 72 hours', async () => {
    const db = await databaseWith(driftScenario('mistral', NOW, 'hold'));
    await reply(db, 'mistral', NOW, 'x');
    const held = await db.drift.get('mistral');
    expect(held?.drift.state).toBe('HOLD');

    await reply(db, 'mistral', NOW + 2 * HOUR, 'y');
    expect(await db.drift.get('mistral')).toEqual(held);
    expect(await assistantStateOf(db, 'mistral', NOW + HOLD_TIMEOUT_MS - 1)).toBe('HOLD');
    // Read without any reply: the state is already right.
    expect(await assistantStateOf(db, 'mistral', NOW + HOLD_TIMEOUT_MS)).toBe('DEGRADED');
    // The next reply stores it, with the time the 72 hours ran out, and still assesses nothing.
    await reply(db, 'mistral', NOW + HOLD_TIMEOUT_MS + HOUR, 'z');
    const degraded = await db.drift.get('mistral');
    expect(degraded?.drift).toMatchObject({
      state: 'DEGRADED',
      since: NOW + HOLD_TIMEOUT_MS,
      lastAssessed: NOW,
    });
    expect(degraded?.assessment).toEqual(held?.assessment);
  });
});

describe('acknowledgeAssistantDrift', () => {
  it.each([
    { name: 'HOLD', after: 0 },
    { name: 'DEGRADED', after: HOLD_TIMEOUT_MS + HOUR },
  ])('moves $name to RECOVERY and logs it', async ({ after }) => {
    const db = await databaseWith(driftScenario('claude', NOW, 'hold'));
    await reply(db, 'claude', NOW, 'x');
    const at = NOW + after;
    const before = await assistantStateOf(db, 'claude', at);
    expect(await acknowledgeAssistantDrift(db, 'claude', at)).toBe('RECOVERY');
    expect(await db.drift.get('claude')).toMatchObject({
      drift: { state: 'RECOVERY', since: at, acknowledgedAt: at, warnings: 0 },
    });
    const log = await logEntries(db);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      type: 'feedback',
      ts: at,
      body: { feedback: 'drift-acknowledged', assistant: 'claude', from: before, to: 'RECOVERY' },
    });
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 1, redacted: 0 });
  });

  it('goes from RECOVERY back to NORMAL when the re-check passes', async () => {
    const db = await databaseWith(driftScenario('claude', NOW, 'hold'));
    await reply(db, 'claude', NOW, 'x');
    await acknowledgeAssistantDrift(db, 'claude', NOW + HOUR);
    // Eight days on, the drifting week is part of the baseline and the new week is calm again.
    const later = NOW + 8 * 24 * HOUR;
    await db.footprint.bulkAdd(
      Array.from({ length: 120 }, (_, i) =>
        assistantRecord('claude', later - 6 * 24 * HOUR + i * HOUR, { risk: 0.1 + (i % 5) * 0.02 }, `n${i}`),
      ),
    );
    await reply(db, 'claude', later, 'check');
    expect((await db.drift.get('claude'))?.assessment?.level).toBe('ok');
    expect(await assistantStateOf(db, 'claude', later)).toBe('NORMAL');
  });

  it.each([
    {
      name: 'a NORMAL assistant stays NORMAL and nothing is logged',
      seed: 'steady' as const,
      expected: 'NORMAL',
    },
    { name: 'a MONITOR assistant stays MONITOR', seed: 'monitor' as const, expected: 'MONITOR' },
  ])('$name', async ({ seed, expected }) => {
    const db = await databaseWith(driftScenario('gemini', NOW, seed));
    await reply(db, 'gemini', NOW, 'x');
    expect(await acknowledgeAssistantDrift(db, 'gemini', NOW + 1)).toBe(expected);
    expect(await db.log.count()).toBe(0);
  });

  it('answers null for an assistant never assessed', async () => {
    const db = await databaseWith([]);
    expect(await acknowledgeAssistantDrift(db, 'nobody', NOW)).toBeNull();
    expect(await db.log.count()).toBe(0);
  });
});

describe('assistantDriftRows', () => {
  it('lists every assistant, the most troubling first, with the clock applied', async () => {
    const db = await databaseWith([
      ...driftScenario('b-site', NOW, 'hold'),
      ...driftScenario('a-site', NOW, 'steady'),
      ...driftScenario('c-site', NOW, 'monitor'),
    ]);
    for (const assistant of ['a-site', 'b-site', 'c-site']) await reply(db, assistant, NOW, assistant);
    expect((await assistantDriftRows(db, NOW)).map((r) => [r.assistant, r.drift.state])).toEqual([
      ['b-site', 'HOLD'],
      ['c-site', 'MONITOR'],
      ['a-site', 'NORMAL'],
    ]);
    const rows = await assistantDriftRows(db, NOW + HOLD_TIMEOUT_MS);
    expect(rows[0]).toMatchObject({ assistant: 'b-site', drift: { state: 'DEGRADED' } });
  });
});
