import { describe, expect, it } from 'vitest';
import type { VerifiedExport } from '../../protocol/log-verify.ts';
import type { RecordFailure } from '../log-verification/record-verdict.ts';
import { verdictText } from './verdict-text.ts';

const verified: VerifiedExport = {
  ok: true,
  lines: 48,
  entries: 42,
  batches: 3,
  redacted: 0,
  redactions: 0,
  receipts: 0,
  keyRotations: 0,
  devicePublicKey: 'ab'.repeat(32),
  created: 0,
  secretKey: false,
};

const failure = (fields: Partial<RecordFailure>): RecordFailure => ({
  ok: false,
  line: 6,
  reason: 'the body does not match bodyHash',
  ...fields,
});

describe('verdictText', () => {
  it.each([
    [
      verified,
      'Your record is intact',
      '42 entries in 3 signed batches, every hash, link and signature checked. Nothing has been deleted from it.',
    ],
    [
      { ...verified, entries: 1, batches: 1, redacted: 2, redactions: 1, keyRotations: 1 },
      'Your record is intact',
      '1 entry in 1 signed batch, every hash, link and signature checked. 2 entries were deleted at your request (1 deletion); each stays as a visible gap. The signing key was changed 1 time.',
    ],
    [
      failure({ at: { kind: 'entry', seq: 3 } }),
      'The record does not verify. Entry 3 does not check out.',
      'Why: the body does not match bodyHash (line 6 of the exported record).',
    ],
    [
      failure({
        at: { kind: 'batch', first: 100, last: 199 },
        reason: 'the batch signature does not verify',
      }),
      'The record does not verify. The signed batch of entries 100–199 does not check out.',
      'Why: the batch signature does not verify (line 6 of the exported record).',
    ],
    [failure({ at: { kind: 'end' } }), 'The record ends too early', 'Why: the body'],
    [failure({ at: { kind: 'header' } }), 'signed header', 'Why:'],
    [failure({ at: { kind: 'unreadable' } }), 'Line 6 of the record cannot be read.', 'Why:'],
    [failure({ line: 0, envelope: 'wrong-passphrase' }), 'That passphrase does not open this file.', ''],
    [failure({ line: 0, envelope: 'passphrase-required' }), 'protected by a passphrase', ''],
    [
      failure({ line: 0, envelope: 'damaged', reason: 'authentication failed' }),
      'The file is damaged',
      'Why: authentication failed.',
    ],
    [
      failure({ line: 0, envelope: 'unsupported', reason: 'envelope version 9' }),
      'cannot be opened by this version',
      'envelope version 9',
    ],
  ])('says %o in plain words', (verdict, headline, detail) => {
    const text = verdictText(verdict);
    expect(text.ok).toBe(verdict.ok);
    expect(text.headline).toContain(headline);
    if (detail === '') expect(text.detail).toBe('');
    else expect(text.detail).toContain(detail);
  });
});
