import type { RecordVerdict, VerifyProgress } from './record-verdict.ts';

/** What the verification worker offers the page, through comlink. */
export interface LogVerifyApi {
  verify(
    bytes: Uint8Array,
    passphrase: string | undefined,
    onProgress?: (progress: VerifyProgress) => void,
  ): Promise<RecordVerdict>;
}
