import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { afterEach, describe, expect, it } from 'vitest';
import { hashJson } from '../../protocol/hash.ts';
import { EMPTY_PERSONAL_PACK } from '../personal-constitution/personal-pack.ts';
import { CogfwDatabase } from '../store/database.ts';
import { logEntries, verifyStoredChain } from '../store/queries.ts';
import { recordAnalysis } from '../store/record-analysis.ts';
import { analysisResult, chatTurn, finding } from '../store/testing/analysis-fixtures.ts';
import { changeSetting, setKeepExcerpts } from './change-setting.ts';
import { DEFAULT_SETTINGS, readSetting, readSettings } from './settings-store.ts';

const PERSONAL = EMPTY_PERSONAL_PACK;
const RULE = {
  id: 'flag-recommendations',
  principle: 'P6',
  category: 'personal_constitution',
  kind: 'defeasible',
  when: { all: [{ fact: 'technique.T17.score', op: '>=', value: 0.3 }] },
  then: 'concern',
  explain: 'Product recommendations are flagged.',
} as const;

let db: CogfwDatabase;
const freshStore = () => createStore(`cogfw-settings-test-${crypto.randomUUID()}`, 'settings');
const freshDatabase = () => {
  db = new CogfwDatabase(`cogfw-test-${crypto.randomUUID()}`);
  return db;
};

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('settings', () => {
  it('reads the defaults (standard, excerpts on) before anything is stored', async () => {
    freshDatabase();
    expect(await readSettings(freshStore())).toEqual({
      protectionLevel: 'standard',
      keepExcerpts: true,
      personalConstitution: { id: 'personal', version: 1, rules: [] },
      carerLock: null,
    });
    expect(DEFAULT_SETTINGS.protectionLevel).toBe('standard');
  });

  it.each([
    { stored: { protectionLevel: 'paranoid', keepExcerpts: 'yes' }, expected: DEFAULT_SETTINGS },
    {
      stored: { protectionLevel: 'maximum', keepExcerpts: false },
      expected: { ...DEFAULT_SETTINGS, protectionLevel: 'maximum', keepExcerpts: false },
    },
  ])('reads $stored as $expected', async ({ stored, expected }) => {
    freshDatabase();
    const store = freshStore();
    for (const [key, value] of Object.entries(stored)) await set(key, value, store);
    expect(await readSettings(store)).toEqual(expected);
  });

  it.each([
    { changes: [['protectionLevel', 'enhanced']], logged: [['protectionLevel', 'standard', 'enhanced']] },
    {
      changes: [
        ['protectionLevel', 'maximum'],
        ['protectionLevel', 'maximum'],
        ['protectionLevel', 'minimal'],
      ],
      logged: [
        ['protectionLevel', 'standard', 'maximum'],
        ['protectionLevel', 'maximum', 'minimal'],
      ],
    },
    { changes: [['protectionLevel', 'standard']], logged: [] },
    { changes: [['keepExcerpts', false]], logged: [['keepExcerpts', true, false]] },
  ] as const)('stores and logs each real change: $changes', async ({ changes, logged }) => {
    freshDatabase();
    const store = freshStore();
    for (const [key, value] of changes) await changeSetting(db, key, value as never, { store });
    const log = await logEntries(db);
    expect(log.every((e) => e.type === 'settings')).toBe(true);
    expect(log.map((e) => e.body)).toEqual(logged.map(([setting, from, to]) => ({ setting, from, to })));
    expect(await verifyStoredChain(db)).toMatchObject({ ok: true, entries: logged.length });
    const last = changes.at(-1);
    if (last) expect((await readSettings(store))[last[0]]).toBe(last[1]);
  });

  it.each([
    ['a string', 'rules'],
    ['another pack id', { id: 'constitution', version: 1, rules: [] }],
    [
      'a rule with an unknown fact',
      { ...PERSONAL, rules: [{ ...RULE, when: { fact: 'x', op: '==', value: 1 } }] },
    ],
    [
      'a rule outside the personal category',
      { ...PERSONAL, rules: [{ ...RULE, category: 'safety_constraint' }] },
    ],
  ])('reads a stored personal constitution with %s as empty', async (_name, stored) => {
    freshDatabase();
    const store = freshStore();
    await set('personalConstitution', stored, store);
    expect(await readSetting('personalConstitution', store)).toEqual(EMPTY_PERSONAL_PACK);
  });

  it('stores a personal constitution and logs its size and digest, not its rules', async () => {
    freshDatabase();
    const store = freshStore();
    const pack = { ...PERSONAL, version: 2, rules: [RULE] };
    await changeSetting(db, 'personalConstitution', pack, { store });
    expect(await readSetting('personalConstitution', store)).toEqual(pack);
    const [entry] = await logEntries(db);
    expect(entry?.body).toEqual({
      setting: 'personalConstitution',
      from: { version: 1, rules: 0, sha256: hashJson(EMPTY_PERSONAL_PACK) },
      to: { version: 2, rules: 1, sha256: hashJson(pack) },
    });
    expect(JSON.stringify(entry)).not.toContain('T17');
    expect(await changeSetting(db, 'personalConstitution', structuredClone(pack), { store })).toBeNull();
  });

  it('rejects a value that is not a setting', async () => {
    freshDatabase();
    await expect(
      changeSetting(db, 'protectionLevel', 'paranoid' as never, { store: freshStore() }),
    ).rejects.toThrow(/invalid value/);
    expect(await db.log.count()).toBe(0);
  });

  it('puts the setting back when the log entry cannot be written', async () => {
    freshDatabase();
    const store = freshStore();
    db.log.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(changeSetting(db, 'protectionLevel', 'maximum', { store })).rejects.toThrow(
      'quota exceeded',
    );
    expect((await readSettings(store)).protectionLevel).toBe('standard');
  });

  it('turning excerpts off deletes the ones already kept', async () => {
    freshDatabase();
    const store = freshStore();
    await recordAnalysis(db, chatTurn(), analysisResult([finding('T01', [{ start: 0, end: 7 }])]), {
      keepExcerpts: true,
    });
    expect((await db.footprint.toArray())[0]?.excerpts).toHaveLength(1);
    await setKeepExcerpts(db, false, { store });
    expect((await db.footprint.toArray())[0]?.excerpts).toEqual([]);
    expect(await verifyStoredChain(db)).toEqual({ ok: true, entries: 2, redacted: 0 });
  });
});
