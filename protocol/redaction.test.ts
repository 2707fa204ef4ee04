import { describe, expect, it } from 'vitest';
import { genesisKeyBody } from './device-key.ts';
import { GENESIS_PREV, type LogEntry, nextEntry, verifyChain } from './log-entry.ts';
import { planRedaction, redactionBodyProblem } from './redaction.ts';
import { testKey } from './testing/sample-log.ts';

describe('planRedaction', () => {
  const entries: LogEntry[] = [
    nextEntry(undefined, 'key', genesisKeyBody(GENESIS_PREV, testKey(1)), 0) as LogEntry,
  ];
  for (let i = 1; i < 6; i++) entries.push(nextEntry(entries.at(-1), 'analysis', { i }, i) as LogEntry);

  it('drops the bodies, keeps every hash, and names the seqs in order', () => {
    const plan = planRedaction([entries[4], entries[2]] as LogEntry[], 'conversation_deleted');
    expect(plan.body).toEqual({ seqs: [2, 4], reason: 'conversation_deleted' });
    expect(plan.redacted.map((e) => [e.seq, e.body, e.hash])).toEqual([
      [4, null, entries[4]?.hash],
      [2, null, entries[2]?.hash],
    ]);
    const after = entries.map((e) => plan.redacted.find((r) => r.seq === e.seq) ?? e);
    const withEntry = [...after, nextEntry(after.at(-1), 'redaction', plan.body, 9) as LogEntry];
    expect(verifyChain(withEntry)).toEqual({ ok: true, entries: 7, redacted: 2 });
  });

  it('never redacts key or redaction entries', () => {
    expect(() => planRedaction([entries[0]] as LogEntry[], 'user_request')).toThrow(/key entry/);
  });

  it.each([
    [{ seqs: [1, 3], reason: 'retention' }, 5, undefined],
    [{ seqs: [3, 1], reason: 'retention' }, 5, /ascending/],
    [{ seqs: [5], reason: 'retention' }, 5, /earlier entries/],
    [{ seqs: [], reason: 'retention' }, 5, /at least one/],
    [{ seqs: [1], reason: 'the user said "delete my chat about X"' }, 5, /unknown redaction reason/],
    [{ seqs: [1], reason: 'retention', note: 'x' }, 5, /exactly/],
  ])('redactionBodyProblem(%j) at seq %i', (body, seq, problem) => {
    const found = redactionBodyProblem(body, seq);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
