import type { ScryptParams } from '../../protocol/export-envelope.ts';
import type { VerifyRecord } from '../log-verification/log-verify-client.ts';
import type { CogfwDatabase } from '../store/database.ts';
import { exportLog, importLog } from '../store/log-export-store.ts';
import { redactConversation } from '../store/redaction-store.ts';
import { downloadFile } from './download-file.ts';
import type { RecordActions } from './record-actions.ts';

/** The record panel's actions on the extension's own store, with verification in `verify`'s worker. */
export function storeRecordActions(
  db: CogfwDatabase,
  verify: VerifyRecord,
  options: { scrypt?: ScryptParams; download?: RecordActions['download'] } = {},
): RecordActions {
  return {
    exportLog: ({ passphrase, now }) => exportLog(db, { passphrase, now, scrypt: options.scrypt }),
    importLog: (bytes, { passphrase, now }) => importLog(db, bytes, { passphrase, now }),
    redactConversation: (site, conversationId, now) => redactConversation(db, site, conversationId, now),
    verify,
    download:
      options.download ??
      ((bytes, fileName) =>
        downloadFile(
          bytes,
          fileName,
          fileName.endsWith('.jsonl') ? 'application/jsonl' : 'application/octet-stream',
        )),
    now: () => Date.now(),
  };
}
