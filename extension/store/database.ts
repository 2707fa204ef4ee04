import { Dexie, type EntityTable } from 'dexie';
import type { LogEntry } from '../../protocol/log-entry.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';

export const DATABASE_NAME = 'cogfw';

/**
 * The extension's own IndexedDB database (SPEC §7). The offscreen document writes it; the popup and the
 * options page read it. All of them share one origin, so they share the database.
 */
export class CogfwDatabase extends Dexie {
  footprint!: EntityTable<FootprintRecord, 'key'>;
  log!: EntityTable<LogEntry, 'seq'>;

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
  }
}

let shared: CogfwDatabase | undefined;

/** One connection per extension context. */
export function cogfwDatabase(): CogfwDatabase {
  shared ??= new CogfwDatabase();
  return shared;
}
