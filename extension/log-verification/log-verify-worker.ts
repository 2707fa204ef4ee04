import { expose } from 'comlink';
import type { LogVerifyApi } from './log-verify-api.ts';
import { verifyRecordBytes } from './record-verdict.ts';

/*
 * The verification worker, started from the options page: scrypt and hashing a long record take seconds,
 * and the page must stay responsive meanwhile. It reads only the bytes it is given.
 */
const api: LogVerifyApi = {
  async verify(bytes, passphrase, onProgress) {
    return verifyRecordBytes(bytes, { passphrase, onProgress });
  },
};

expose(api);
