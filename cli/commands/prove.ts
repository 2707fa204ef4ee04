import { readFile } from 'node:fs/promises';
import type { LogBatch } from '../../protocol/batch.ts';
import { proveEntry, verifyEntryProof } from '../../protocol/entry-proof.ts';
import type { LogEntry } from '../../protocol/log-entry.ts';
import { exportRecords } from '../../protocol/log-export-records.ts';
import type { CommandIo } from '../command-io.ts';
import { CliError, EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { cannot } from '../log/file-error.ts';
import { enableNativeSignatureChecks } from '../log/native-ed25519.ts';
import { describeFailure, verifyExportFile } from './verify.ts';

/** Reads and verifies an export; exit 1 (as a CliError) when it does not verify. */
async function verifiedExport(file: string, passphraseFile: string | undefined): Promise<Uint8Array> {
  const { verdict, plain } = await verifyExportFile(file, passphraseFile);
  if (!verdict.ok)
    throw new CliError(`the export does not verify: ${describeFailure(file, verdict)}`, EXIT_FAILED);
  return plain;
}

/** `cogfw prove FILE --seq N`: the inclusion proof of entry N in its signed batch, as JSON. */
export async function runProve(
  file: string,
  options: { seq: number; passphraseFile?: string },
  io: CommandIo,
): Promise<number> {
  const plain = await verifiedExport(file, options.passphraseFile);
  let batch: LogBatch | undefined;
  const entries: LogEntry[] = [];
  let lastSeq = -1;
  for (const record of exportRecords(plain)) {
    if (record.kind === 'batch') {
      if (batch) break;
      if (options.seq >= record.batch.first && options.seq <= record.batch.last) batch = record.batch;
    } else if (record.kind === 'entry') {
      lastSeq = record.entry.seq;
      if (batch) entries.push(record.entry);
    }
  }
  if (!batch) {
    const range = lastSeq < 0 ? 'it has no entries' : `its entries are 0–${lastSeq}`;
    throw new CliError(`${file} has no entry ${options.seq} (${range})`);
  }
  io.stdout.write(`${JSON.stringify(proveEntry(batch, entries, options.seq), null, 2)}\n`);
  return EXIT_OK;
}

/**
 * `cogfw verify-proof PROOF [--export FILE]`: checks the entry's hashes, the audit path to the batch root
 * and the batch signature; with --export, also that the batch is one of that (verified) export's.
 */
export async function runVerifyProof(
  proofFile: string,
  options: { export?: string; passphraseFile?: string; json?: boolean },
  io: CommandIo,
): Promise<number> {
  enableNativeSignatureChecks();
  let proof: unknown;
  try {
    proof = JSON.parse(await readFile(proofFile, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new CliError(`${proofFile}: not JSON`);
    throw cannot('read', proofFile, error);
  }
  let verdict = verifyEntryProof(proof);
  if (verdict.ok && options.export !== undefined) {
    const plain = await verifiedExport(options.export, options.passphraseFile);
    const { batch } = proof as { batch: LogBatch };
    let found = false;
    for (const record of exportRecords(plain)) {
      if (
        record.kind === 'batch' &&
        record.batch.signature === batch.signature &&
        record.batch.root === batch.root
      ) {
        found = true;
        break;
      }
    }
    if (!found) verdict = { ok: false, reason: `the proof's batch is not one of ${options.export}` };
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  } else if (verdict.ok) {
    const where =
      options.export === undefined
        ? `signed by ${verdict.signer}`
        : `in the verified export ${options.export}`;
    const body = verdict.redacted ? ' (its body is redacted)' : '';
    io.stdout.write(
      `valid: entry ${verdict.seq} (${verdict.type})${body} is in batch ${verdict.first}–${verdict.last}, ${where}\n`,
    );
  } else {
    io.stdout.write(`INVALID ${proofFile}: ${verdict.reason}\n`);
  }
  return verdict.ok ? EXIT_OK : EXIT_FAILED;
}
