import { describe, expect, it } from 'vitest';
import type { LogBatch } from './batch.ts';
import { type EntryProof, proveEntry, verifyEntryProof } from './entry-proof.ts';
import { sampleLog, testKey } from './testing/sample-log.ts';

describe('entry inclusion proofs', () => {
  const log = sampleLog({ analyses: 130, redact: [[50]] });
  const batch = log.batches[1] as LogBatch;
  const entriesOf = (b: LogBatch) => log.entries.slice(b.first, b.last + 1);

  it('prove every entry of a batch, redacted ones too', () => {
    for (let seq = batch.first; seq <= batch.last; seq++) {
      const verdict = verifyEntryProof(JSON.parse(JSON.stringify(proveEntry(batch, entriesOf(batch), seq))));
      expect(verdict).toMatchObject({ ok: true, seq, signer: log.key.publicKey, first: batch.first });
    }
    const first = log.batches[0] as LogBatch;
    const redactedSeq = log.entries.findIndex((e) => e.body === null);
    expect(verifyEntryProof(proveEntry(first, entriesOf(first), redactedSeq))).toMatchObject({
      ok: true,
      redacted: true,
    });
  });

  const proof = proveEntry(batch, entriesOf(batch), batch.first + 7);
  it.each([
    [
      'a changed body',
      (p: EntryProof) => ({ ...p, entry: { ...p.entry, body: { forged: true } } }),
      /bodyHash/,
    ],
    ['a changed ts', (p: EntryProof) => ({ ...p, entry: { ...p.entry, ts: p.entry.ts + 1 } }), /entry hash/],
    ['another position', (p: EntryProof) => ({ ...p, leafIndex: p.leafIndex + 1 }), /position/],
    ['a changed path', (p: EntryProof) => ({ ...p, path: [...p.path].reverse() }), /batch root/],
    [
      'a re-signed batch',
      (p: EntryProof) => ({ ...p, batch: { ...p.batch, signer: testKey(9).publicKey } }),
      /signature/,
    ],
    ['another kind of document', (p: EntryProof) => ({ ...p, kind: 'x' }), /not a Cognitive Firewall/],
  ])('fail with %s', (_, change, reason) => {
    const verdict = verifyEntryProof(change(proof));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});
