import type { ChainVerdict } from '../../protocol/log-entry.ts';
import { DEVICE_KEY_ID } from '../device-identity/stored-device-key.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { isFresh } from '../store/log-import-store.ts';
import { verifyStoredChain } from '../store/queries.ts';

/** The record at a glance, as the options page shows it. */
export interface RecordOverview {
  entries: number;
  batches: number;
  /** When the newest batch was signed; undefined before the first. */
  lastBatchTs: number | undefined;
  /** The device key in force (hex), undefined before one is made. */
  devicePublicKey: string | undefined;
  /** The quick check of the stored chain: links, hashes and bodies (signatures are for "Verify"). */
  chain: ChainVerdict;
  /**
   * Nothing recorded yet, so an import may restore a record here: the log holds at most this profile's own
   * key event and the footprint nothing (the rule the store's importLog enforces).
   */
  fresh: boolean;
}

/** Reads the overview in one snapshot; run in a live query, it follows every write. */
export function readRecordOverview(db: CogfwDatabase): Promise<RecordOverview> {
  return db.transaction('r', [db.log, db.batches, db.deviceKeys, db.footprint], async () => {
    const [entries, fresh, batches, lastBatch, deviceKey, chain] = await Promise.all([
      db.log.count(),
      isFresh(db),
      db.batches.count(),
      db.batches.orderBy('first').last(),
      db.deviceKeys.get(DEVICE_KEY_ID),
      verifyStoredChain(db),
    ]);
    return {
      entries,
      batches,
      lastBatchTs: lastBatch?.ts,
      devicePublicKey: deviceKey?.publicKey,
      chain,
      fresh,
    };
  });
}
