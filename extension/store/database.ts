import { Dexie, type EntityTable } from 'dexie';
import type { LogBatch } from '../../protocol/batch.ts';
import type { LogEntry } from '../../protocol/log-entry.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import type { DriftRow } from '../behaviour/drift-row.ts';
import type { StoredDeviceKey } from '../device-identity/stored-device-key.ts';

export const DATABASE_NAME = 'cogfw';

/**
 * The extension's own IndexedDB database (SPEC §7). The offscreen document writes it; the popup and the
 * options page read it. All of them share one origin, so they share the database.
 */
export class CogfwDatabase extends Dexie {
  footprint!: EntityTable<FootprintRecord, 'key'>;
  log!: EntityTable<LogEntry, 'seq'>;
  /** The behavioural layer's drift state, one row per assistant (extension/behaviour/). */
  drift!: EntityTable<DriftRow, 'assistant'>;
  /** Signed Merkle batches of the log, by the seq of their first entry (and unique by their last). */
  batches!: EntityTable<LogBatch, 'first'>;
  /** The device's signing key, encrypted at rest (extension/device-identity/). */
  deviceKeys!: EntityTable<StoredDeviceKey, 'id'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      footprint: 'key, time, site, [site+time]',
      log: 'seq',
    });
    // v2: a conversation's earlier replies by position, for the contextual layer's history. Index only:
    // records written before it simply have no contextual flags (FootprintRecord.patterns is optional).
    this.version(2).stores({
      footprint: 'key, time, site, [site+time], [site+conversationId+turnIndex]',
      log: 'seq',
    });
    // v3: the behavioural layer. Replies by assistant and time (the drift windows are one range each), and
    // each assistant's drift state. Records from before v3 get their site as assistant, so they stay in
    // their assistant's windows; the log keeps their bodies as written (the footprint is not the log).
    this.version(3)
      .stores({
        footprint: 'key, time, site, [site+time], [site+conversationId+turnIndex], [assistant+time]',
        log: 'seq',
        drift: 'assistant',
      })
      .upgrade((transaction) =>
        transaction
          .table<FootprintRecord, string>('footprint')
          .toCollection()
          .modify((record) => {
            record.assistant ??= record.site;
          }),
      );
    // v4: the tamper-evident record's signatures (SPEC §7). Batches and the device key get their own tables;
    // the log gains an index by type (key events) and one by conversation for the entries whose body names
    // one (analyses), so deleting a conversation finds its entries without reading the whole log. Indexes
    // only: every entry stays exactly as written.
    this.version(4).stores({
      footprint: 'key, time, site, [site+time], [site+conversationId+turnIndex], [assistant+time]',
      log: 'seq, type, [body.site+body.conversationId]',
      drift: 'assistant',
      batches: 'first, &last',
      deviceKeys: 'id',
    });
    // Any writer that leaves the assistant out (an import of an older export) still lands in the index.
    this.footprint.hook('creating', (_key, record) => {
      record.assistant ??= record.site;
    });
  }
}

let shared: CogfwDatabase | undefined;

/** One connection per extension context. */
export function cogfwDatabase(): CogfwDatabase {
  shared ??= new CogfwDatabase();
  return shared;
}
