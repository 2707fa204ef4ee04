import { BATCH_MAX_ENTRIES, type LogBatch, sealBatch } from '../../protocol/batch.ts';
import { genesisKeyBody } from '../../protocol/device-key.ts';
import { GENESIS_PREV, type LogEntry, nextEntry } from '../../protocol/log-entry.ts';
import { exportBytes } from '../../protocol/log-export.ts';
import type { SigningKey } from '../../protocol/signature.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';

/**
 * The analyses of a `cogfw analyze` run as a signed log export: a genesis entry naming the key, then one
 * 'analysis' entry per reply whose body is the footprint record without its excerpts (as the extension
 * logs it: the log never carries words from the conversation), sealed into batches of 100 as the
 * extension would, the last one at export.
 */
export function analysisExport(
  records: readonly FootprintRecord[],
  key: SigningKey,
  now: number,
): Uint8Array {
  const entries: LogEntry[] = [
    nextEntry(undefined, 'key', genesisKeyBody(GENESIS_PREV, key), now) as LogEntry,
  ];
  for (const record of records) {
    const { excerpts: _excerpts, ...body } = record;
    entries.push(nextEntry(entries.at(-1), 'analysis', body, now) as LogEntry);
  }
  const batches: LogBatch[] = [];
  for (let first = 0; first < entries.length; first += BATCH_MAX_ENTRIES) {
    batches.push(sealBatch(entries.slice(first, first + BATCH_MAX_ENTRIES), now, key));
  }
  return exportBytes({ key, created: now, entries, batches });
}
