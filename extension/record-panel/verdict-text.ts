import type { FailingLine, RecordVerdict } from '../log-verification/record-verdict.ts';

/** A verdict in plain words: what it means for the person, then the verifier's own reason. */
export interface VerdictText {
  ok: boolean;
  headline: string;
  detail: string;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function where(at: FailingLine | undefined, line: number): string {
  switch (at?.kind) {
    case 'header':
      return 'The start of the record (its signed header) does not check out.';
    case 'secret-key':
      return 'The signing key carried in the file does not check out.';
    case 'batch':
      return `The signed batch of entries ${at.first}–${at.last} does not check out.`;
    case 'entry':
      return `Entry ${at.seq} does not check out.`;
    case 'trailer':
      return 'The end of the record (its signed summary) does not check out.';
    case 'end':
      return 'The record ends too early: something is missing from its end.';
    default:
      return `Line ${line} of the record cannot be read.`;
  }
}

export function verdictText(verdict: RecordVerdict): VerdictText {
  if (verdict.ok) {
    const gaps =
      verdict.redacted === 0
        ? 'Nothing has been deleted from it.'
        : `${count(verdict.redacted, 'entry was', 'entries were')} deleted at your request (${count(verdict.redactions, 'deletion')}); each stays as a visible gap.`;
    const rotations =
      verdict.keyRotations === 0
        ? ''
        : ` The signing key was changed ${count(verdict.keyRotations, 'time')}.`;
    return {
      ok: true,
      headline: 'Your record is intact: nothing in it was changed, removed or reordered.',
      detail: `${count(verdict.entries, 'entry', 'entries')} in ${count(verdict.batches, 'signed batch', 'signed batches')}, every hash, link and signature checked. ${gaps}${rotations}`,
    };
  }
  switch (verdict.envelope) {
    case 'passphrase-required':
      return {
        ok: false,
        headline: 'This file is protected by a passphrase. Enter it to go on.',
        detail: '',
      };
    case 'wrong-passphrase':
      return { ok: false, headline: 'That passphrase does not open this file.', detail: '' };
    case 'damaged':
      return {
        ok: false,
        headline:
          'The file is damaged: it was changed or cut short after it was saved, so it cannot be opened.',
        detail: `Why: ${verdict.reason}.`,
      };
    case 'unsupported':
      return {
        ok: false,
        headline: 'This file cannot be opened by this version of Cognitive Firewall.',
        detail: `Why: ${verdict.reason}.`,
      };
    default:
      return {
        ok: false,
        headline: `The record does not verify. ${where(verdict.at, verdict.line)}`,
        detail: `Why: ${verdict.reason} (line ${verdict.line} of the exported record).`,
      };
  }
}
