import { sha256 } from '@noble/hashes/sha2.js';
import { enableNativeSignatureChecks } from '../cli/log/native-ed25519.ts';
import { exportBytes } from '../protocol/log-export.ts';
import { verifyExport } from '../protocol/log-verify.ts';
import { sampleLog } from '../protocol/testing/sample-log.ts';

export interface LogVerifyBench {
  entries: number;
  bytes: number;
  verifySeconds: number;
  sha256Seconds: number;
  /** verify time / SHA-256 time over the same bytes; the issue asks for ≤ 3. */
  ratio: number;
}

/**
 * `cogfw verify` of a 100,000-entry export (analysis bodies shaped like the extension's, a key rotation,
 * anchor receipts and redactions), against the physical floor: SHA-256 alone (@noble/hashes, as the
 * verifier uses) over the same bytes. Rounds alternate between the two so both see the same machine
 * load; each keeps its fastest round.
 */
export function benchLogVerify(rounds = 5): LogVerifyBench {
  // As `cogfw verify` runs it.
  enableNativeSignatureChecks();
  const log = sampleLog({
    analyses: 99_994,
    rotateAfter: [50_000],
    anchor: [10, 500],
    redact: [[7, 8, 9], [60_000]],
  });
  const bytes = exportBytes(log);
  let verifySeconds = Number.POSITIVE_INFINITY;
  let sha256Seconds = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    const verdict = verifyExport(bytes);
    verifySeconds = Math.min(verifySeconds, (performance.now() - start) / 1000);
    if (!verdict.ok)
      throw new Error(`the bench export does not verify: line ${verdict.line}: ${verdict.reason}`);
    start = performance.now();
    sha256(bytes);
    sha256Seconds = Math.min(sha256Seconds, (performance.now() - start) / 1000);
  }
  return {
    entries: log.entries.length,
    bytes: bytes.length,
    verifySeconds,
    sha256Seconds,
    ratio: verifySeconds / sha256Seconds,
  };
}
