import { readFile, writeFile } from 'node:fs/promises';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../../protocol/canonical-json.ts';
import { type SigningKey, signingKeyFromSecret } from '../../protocol/signature.ts';
import { CliError } from '../exit-codes.ts';
import { cannot } from './file-error.ts';

/**
 * The device key file of `cogfw analyze --key FILE`, one JSON object:
 *
 *   { "kind": "cogfw-device-key", "format": 1, "publicKey": "<64 hex>", "secretKey": "<64 hex>" }
 *
 * secretKey is the Ed25519 seed (RFC 8032); publicKey must be derived from it, as a check that the file
 * is intact. The file is created with mode 0600 and holds the key in the clear: guard it like a password.
 */
export const KEY_FILE_KIND = 'cogfw-device-key';

export async function readKeyFile(path: string): Promise<SigningKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw cannot('read', path, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not a key file (not JSON)`);
  }
  const file = value as { kind?: unknown; format?: unknown; publicKey?: unknown; secretKey?: unknown };
  if (file?.kind !== KEY_FILE_KIND)
    throw new CliError(`${path} is not a key file (kind is not "${KEY_FILE_KIND}")`);
  if (file.format !== 1)
    throw new CliError(`${path}: key file format ${String(file.format)} is not supported`);
  if (typeof file.secretKey !== 'string' || !/^[0-9a-f]{64}$/.test(file.secretKey)) {
    throw new CliError(`${path}: secretKey must be 64 lowercase hex digits`);
  }
  const key = signingKeyFromSecret(hexToBytes(file.secretKey));
  if (file.publicKey !== key.publicKey) throw new CliError(`${path}: publicKey does not belong to secretKey`);
  return key;
}

/** Writes a new key file; refuses to overwrite one. */
export async function writeKeyFile(path: string, key: SigningKey): Promise<void> {
  const text = canonicalJson({
    kind: KEY_FILE_KIND,
    format: 1,
    publicKey: key.publicKey,
    secretKey: bytesToHex(key.secretKey),
  });
  try {
    await writeFile(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw cannot('write', path, error);
  }
}
