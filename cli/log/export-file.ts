import { readFile, writeFile } from 'node:fs/promises';
import {
  ExportEnvelopeError,
  isSealedExport,
  openExport,
  sealExport,
} from '../../protocol/export-envelope.ts';
import { CliError } from '../exit-codes.ts';
import { cannot } from './file-error.ts';

/** Reads a passphrase file: its text without one trailing line break. */
export async function readPassphraseFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw cannot('read', path, error);
  }
  const passphrase = text.replace(/\r?\n$/, '');
  if (passphrase.length === 0) throw new CliError(`passphrase file ${path} is empty`);
  return passphrase;
}

export async function readInputBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw cannot('read', path, error);
  }
}

/**
 * An export's plain JSON Lines: opened with the passphrase when it is sealed. A passphrase that does not
 * open it is an input error; a sealed file that fails authentication is returned as `damaged` so the
 * caller can report it as a failed verification.
 */
export async function readExportFile(
  path: string,
  passphraseFile: string | undefined,
): Promise<{ plain: Uint8Array; sealed: boolean } | { damaged: string }> {
  const bytes = await readInputBytes(path);
  if (!isSealedExport(bytes)) return { plain: bytes, sealed: false };
  if (passphraseFile === undefined) {
    throw new CliError(`${path} is protected by a passphrase: give it with --passphrase-file`);
  }
  const passphrase = await readPassphraseFile(passphraseFile);
  try {
    return { plain: openExport(bytes, passphrase), sealed: true };
  } catch (error) {
    if (error instanceof ExportEnvelopeError) {
      if (error.problem === 'damaged') return { damaged: error.message };
      throw new CliError(`${path}: ${error.message}`);
    }
    throw error;
  }
}

export async function writeExportFile(
  path: string,
  plain: Uint8Array,
  passphrase: string | undefined,
): Promise<void> {
  const bytes = passphrase === undefined ? plain : sealExport(plain, passphrase);
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw cannot('write', path, error);
  }
}
