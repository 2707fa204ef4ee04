import { describe, expect, it } from 'vitest';
import { anchorReceiptProblem } from './anchor-receipt.ts';
import { sampleReceipt, testKey } from './testing/sample-log.ts';

describe('anchorReceiptProblem', () => {
  const receipt = sampleReceipt('ab'.repeat(32), 1_763_000_000_000);

  it.each([
    ['the receipt as issued', {}, undefined],
    ['another anchored root', { root: 'cd'.repeat(32) }, /inclusion proof/],
    ['another leaf index', { leafIndex: 2 }, /inclusion proof/],
    ['a bigger tree', { treeSize: 12 }, /inclusion proof/],
    ['another timestamp', { timestamp: 1 }, /tree head signature/],
    ['another server key', { server: testKey(5).publicKey }, /tree head signature/],
    ['a malformed path', { inclusion: ['xyz'] }, /inclusion path/],
    ['an extra member', { note: 'hi' }, /exactly/],
  ])('%s', (_, change, problem) => {
    const found = anchorReceiptProblem({ ...receipt, ...change });
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
