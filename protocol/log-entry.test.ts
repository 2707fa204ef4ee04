import { describe, expect, it } from 'vitest';
import { hashJson } from './hash.ts';
import { GENESIS_PREV, type LogEntry, nextEntry, verifyChain } from './log-entry.ts';

function chain(length: number): LogEntry[] {
  const entries: LogEntry[] = [];
  for (let i = 0; i < length; i++) {
    entries.push(
      nextEntry(entries.at(-1), 'analysis', { reply: i, techniques: ['T01'] }, 1_700_000_000_000 + i),
    );
  }
  return entries;
}

describe('nextEntry', () => {
  it('starts at seq 0 from the genesis hash and links each entry to the one before', () => {
    const [first, second] = chain(2) as [LogEntry, LogEntry];
    expect(first.seq).toBe(0);
    expect(first.prev).toBe(GENESIS_PREV);
    expect(second.seq).toBe(1);
    expect(second.prev).toBe(first.hash);
    expect(first.bodyHash).toBe(hashJson(first.body));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the same entry to the same value whatever the key order of its body', () => {
    const a = nextEntry(undefined, 'settings', { level: 'enhanced', excerpts: true }, 5);
    const b = nextEntry(undefined, 'settings', { excerpts: true, level: 'enhanced' }, 5);
    expect(a.hash).toBe(b.hash);
  });
});

describe('verifyChain', () => {
  const tamper: [string, (entries: LogEntry[]) => void, number, RegExp][] = [
    ['a changed body', (e) => ((e[2] as LogEntry).body = { reply: 99 }), 2, /body does not match/],
    ['a changed timestamp', (e) => ((e[1] as LogEntry).ts += 1), 1, /entry hash/],
    ['a changed type', (e) => ((e[3] as LogEntry).type = 'feedback'), 3, /entry hash/],
    ['a removed entry', (e) => e.splice(2, 1), 2, /sequence number/],
    ['swapped entries', (e) => e.splice(1, 2, e[2] as LogEntry, e[1] as LogEntry), 1, /sequence number/],
    ['a forged prev', (e) => ((e[4] as LogEntry).prev = GENESIS_PREV), 4, /prev/],
    ['a wrong first prev', (e) => ((e[0] as LogEntry).prev = 'f'.repeat(64)), 0, /prev/],
  ];

  it.each(tamper)('names the entry where %s breaks the chain', (_, mutate, index, reason) => {
    const entries = chain(6).map((e) => structuredClone(e));
    mutate(entries);
    const verdict = verifyChain(entries);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.index).toBe(index);
      expect(verdict.reason).toMatch(reason);
    }
  });

  it('accepts an untouched chain and the empty chain', () => {
    expect(verifyChain(chain(6))).toEqual({ ok: true, entries: 6, redacted: 0 });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, redacted: 0 });
  });

  it('still verifies after bodies are redacted, and counts them', () => {
    const entries = chain(5);
    for (const i of [1, 3]) (entries[i] as LogEntry).body = null;
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, redacted: 2 });
  });
});
