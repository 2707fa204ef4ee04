import type { LogBatch } from './batch.ts';
import type { LogEntry } from './log-entry.ts';
import type { ExportHeader, ExportTrailer } from './log-export.ts';

/** One parsed line of an export, for tools that read a verified export (proofs, import). */
export type ExportRecord =
  | { kind: 'header'; line: number; header: ExportHeader }
  | { kind: 'secret-key'; line: number; secretKey: string }
  | { kind: 'batch'; line: number; batch: LogBatch }
  | { kind: 'entry'; line: number; entry: LogEntry }
  | { kind: 'trailer'; line: number; trailer: ExportTrailer };

/**
 * The records of an export's plain bytes, in order. It checks nothing beyond the tags: verify the export
 * first (verifyExport), then read it with this.
 */
export function* exportRecords(bytes: Uint8Array): Generator<ExportRecord> {
  const decoder = new TextDecoder();
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    line++;
    const value = JSON.parse(decoder.decode(bytes.subarray(start, end)));
    start = end + 1;
    if (line === 1) yield { kind: 'header', line, header: value };
    else if ('entry' in value) yield { kind: 'entry', line, entry: value.entry };
    else if ('batch' in value) yield { kind: 'batch', line, batch: value.batch };
    else if ('trailer' in value) yield { kind: 'trailer', line, trailer: value.trailer };
    else if ('deviceSecretKey' in value) yield { kind: 'secret-key', line, secretKey: value.deviceSecretKey };
    else throw new TypeError(`line ${line} is not an export record`);
  }
}
