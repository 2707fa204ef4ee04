import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { equalBytes } from './merkle.ts';

/**
 * The passphrase envelope around an export: scrypt derives 64 bytes from the passphrase; the first 32 are
 * the XChaCha20-Poly1305 key, the next 16 are stored as a check value so a wrong passphrase is told apart
 * from a damaged file. (Storing them costs an attacker nothing: scrypt is still the price of each guess.)
 *
 *   offset  size
 *        0     8  magic "COGFWENC"
 *        8     1  version = 1
 *        9     1  scrypt log2(N)
 *       10     1  scrypt r
 *       11     1  scrypt p
 *       12    16  salt
 *       28    24  nonce
 *       52    16  passphrase check
 *       68     …  ciphertext of the export, with its 16-byte Poly1305 tag
 *
 * Bytes 0–67 are the cipher's associated data: changing a parameter, the salt or the check breaks the tag.
 */
const MAGIC = new TextEncoder().encode('COGFWENC');
const VERSION = 1;
const HEADER_SIZE = 68;
const TAG_SIZE = 16;

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

/** About 128 MiB and a second or so per derivation on a laptop. */
export const DEFAULT_SCRYPT: ScryptParams = { log2N: 17, r: 8, p: 1 };

/** Bounds a reader accepts, so a crafted file cannot demand unbounded memory or time. */
const MAX_MEMORY = 2 ** 30;
function paramsProblem({ log2N, r, p }: ScryptParams): string | undefined {
  if (log2N < 10 || log2N > 20 || r < 1 || r > 16 || p < 1 || p > 4) return 'scrypt parameters out of range';
  if (128 * r * 2 ** log2N > MAX_MEMORY) return 'scrypt parameters need more than 1 GiB';
  return undefined;
}

export type EnvelopeProblem = 'passphrase-required' | 'wrong-passphrase' | 'damaged' | 'unsupported';

export class ExportEnvelopeError extends Error {
  constructor(
    readonly problem: EnvelopeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ExportEnvelopeError';
  }
}

export function isSealedExport(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && equalBytes(bytes.subarray(0, MAGIC.length), MAGIC);
}

function derive(passphrase: string, salt: Uint8Array, { log2N, r, p }: ScryptParams): Uint8Array {
  const password = new TextEncoder().encode(passphrase.normalize('NFC'));
  return scrypt(password, salt, { N: 2 ** log2N, r, p, dkLen: 64, maxmem: MAX_MEMORY + 2 ** 20 });
}

export function sealExport(
  plaintext: Uint8Array,
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Uint8Array {
  if (passphrase.length === 0)
    throw new ExportEnvelopeError('passphrase-required', 'the passphrase is empty');
  const problem = paramsProblem(params);
  if (problem) throw new RangeError(problem);
  const salt = randomBytes(16);
  const nonce = randomBytes(24);
  const derived = derive(passphrase, salt, params);
  const header = new Uint8Array(HEADER_SIZE);
  header.set(MAGIC, 0);
  header.set([VERSION, params.log2N, params.r, params.p], 8);
  header.set(salt, 12);
  header.set(nonce, 28);
  header.set(derived.subarray(32, 48), 52);
  const ciphertext = xchacha20poly1305(derived.subarray(0, 32), nonce, header).encrypt(plaintext);
  const out = new Uint8Array(HEADER_SIZE + ciphertext.length);
  out.set(header, 0);
  out.set(ciphertext, HEADER_SIZE);
  return out;
}

export function openExport(sealed: Uint8Array, passphrase: string | undefined): Uint8Array {
  if (!isSealedExport(sealed))
    throw new ExportEnvelopeError('unsupported', 'not a passphrase-protected export');
  if (sealed.length < HEADER_SIZE + TAG_SIZE) {
    throw new ExportEnvelopeError('damaged', 'the protected export is cut short');
  }
  if (sealed[8] !== VERSION) {
    throw new ExportEnvelopeError('unsupported', `envelope version ${sealed[8]} is not supported`);
  }
  const params = { log2N: sealed[9] as number, r: sealed[10] as number, p: sealed[11] as number };
  const problem = paramsProblem(params);
  if (problem) throw new ExportEnvelopeError('unsupported', problem);
  if (passphrase === undefined || passphrase.length === 0) {
    throw new ExportEnvelopeError('passphrase-required', 'the export is protected by a passphrase');
  }
  const header = sealed.subarray(0, HEADER_SIZE);
  const derived = derive(passphrase, sealed.subarray(12, 28), params);
  if (!equalBytes(derived.subarray(32, 48), sealed.subarray(52, 68))) {
    throw new ExportEnvelopeError('wrong-passphrase', 'wrong passphrase');
  }
  try {
    return xchacha20poly1305(derived.subarray(0, 32), sealed.subarray(28, 52), header).decrypt(
      sealed.subarray(HEADER_SIZE),
    );
  } catch {
    throw new ExportEnvelopeError(
      'damaged',
      'the protected export was altered or damaged (authentication failed)',
    );
  }
}
