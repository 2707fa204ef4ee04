import { type VerifyVerdict, verifyExportLines } from '../../protocol/log-verify.ts';
import { formatCount } from '../../wasm-core/report/counted.ts';
import type { CommandIo } from '../command-io.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { readExportFile } from '../log/export-file.ts';
import { enableNativeSignatureChecks } from '../log/native-ed25519.ts';

export interface VerifyOptions {
  passphraseFile?: string;
  json?: boolean;
}

/**
 * Verifies an export file: the verdict (a damaged envelope is a failure of the file as a whole) and the
 * plain JSON Lines it verified, for callers that go on to read them.
 */
export async function verifyExportFile(
  file: string,
  passphraseFile: string | undefined,
): Promise<{ verdict: VerifyVerdict; plain: Uint8Array }> {
  enableNativeSignatureChecks();
  const read = await readExportFile(file, passphraseFile);
  if ('damaged' in read)
    return { verdict: { ok: false, line: 0, reason: read.damaged }, plain: new Uint8Array(0) };
  return { verdict: verifyExportLines(read.plain, { sealed: read.sealed }), plain: read.plain };
}

export function describeFailure(file: string, verdict: Extract<VerifyVerdict, { ok: false }>): string {
  return verdict.line === 0 ? `${file}: ${verdict.reason}` : `${file}:${verdict.line}: ${verdict.reason}`;
}

/**
 * `cogfw verify FILE`: header signature, every entry and body hash, the chain, every batch (range, root,
 * signature, signer through key rotations), receipts, redactions and the trailer. Exit 0 when valid,
 * 1 naming the first failing line.
 */
export async function runVerify(file: string, options: VerifyOptions, io: CommandIo): Promise<number> {
  const { verdict } = await verifyExportFile(file, options.passphraseFile);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ file, ...verdict }, null, 2)}\n`);
    return verdict.ok ? EXIT_OK : EXIT_FAILED;
  }
  if (!verdict.ok) {
    io.stdout.write(`INVALID ${describeFailure(file, verdict)}\n`);
    return EXIT_FAILED;
  }
  const redacted =
    verdict.redacted === 0
      ? 'none redacted'
      : `${formatCount(verdict.redacted)} redacted, each named by one of ${formatCount(verdict.redactions)} redaction entries`;
  const lines = [
    `valid: ${file}`,
    `  device key     ${verdict.devicePublicKey}`,
    `  created        ${new Date(verdict.created).toISOString()}`,
    `  entries        ${formatCount(verdict.entries)} (${redacted})`,
    `  batches        ${formatCount(verdict.batches)}, every root and signature checked`,
    `  key rotations  ${formatCount(verdict.keyRotations)}`,
    `  receipts       ${formatCount(verdict.receipts)}`,
  ];
  if (verdict.secretKey) lines.push('  the export carries the device secret key');
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
