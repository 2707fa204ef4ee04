import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/**
 * A carer's lock on the protection level (SPEC §6): the passphrase itself is never stored, only an scrypt
 * hash of it with the salt and cost parameters used, so a lock made with older parameters still verifies.
 * `salt` and `hash` are lowercase hex.
 */
export interface CarerLock {
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
  dkLen: number;
}

export type ScryptParameters = Pick<CarerLock, 'N' | 'r' | 'p' | 'dkLen'>;

/**
 * N = 2^15, r = 8, p = 1 costs 32 MiB and about 0.3 s on a laptop-class CPU: slow enough that guessing a
 * passphrase from a copied settings database takes real effort, fast enough to unlock without waiting.
 */
export const CARER_LOCK_SCRYPT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };

export const SALT_BYTES = 16;
export const MIN_PASSPHRASE_LENGTH = 8;

/*
 * Bounds on parameters read back from storage. A tampered value could otherwise ask for gigabytes of
 * memory or minutes of work on every unlock; below them the hash would be too cheap to mean anything.
 */
const MIN_LOG2_N = 10;
const MAX_LOG2_N = 20;
const MAX_R = 16;
const MAX_P = 4;
const MIN_DK_LEN = 16;
const MAX_DK_LEN = 64;

const isHex = (value: unknown, minBytes: number, maxBytes: number): value is string =>
  typeof value === 'string' &&
  /^(?:[0-9a-f]{2})+$/.test(value) &&
  value.length >= minBytes * 2 &&
  value.length <= maxBytes * 2;

const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

export function isCarerLock(value: unknown): value is CarerLock {
  if (typeof value !== 'object' || value === null) return false;
  const lock = value as Record<string, unknown>;
  const log2N = Math.log2(lock.N as number);
  return (
    isIntegerIn(log2N, MIN_LOG2_N, MAX_LOG2_N) &&
    isIntegerIn(lock.r, 1, MAX_R) &&
    isIntegerIn(lock.p, 1, MAX_P) &&
    isIntegerIn(lock.dkLen, MIN_DK_LEN, MAX_DK_LEN) &&
    isHex(lock.salt, SALT_BYTES, 64) &&
    isHex(lock.hash, lock.dkLen as number, lock.dkLen as number)
  );
}

/** The same passphrase typed on different keyboards can arrive in different Unicode forms. */
const normalise = (passphrase: string) => passphrase.normalize('NFC');

function derive(passphrase: string, salt: Uint8Array, params: ScryptParameters): Promise<Uint8Array> {
  // The async variant yields to the event loop every few milliseconds, so the page stays responsive.
  return scryptAsync(normalise(passphrase), salt, { ...params, asyncTick: 10 });
}

/** Why a passphrase cannot become a lock, or null when it can. */
export function passphraseProblem(passphrase: string, confirmation: string): string | null {
  if (normalise(passphrase).length < MIN_PASSPHRASE_LENGTH) {
    return `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`;
  }
  if (normalise(passphrase) !== normalise(confirmation)) return 'The two passphrases do not match.';
  return null;
}

export async function createCarerLock(
  passphrase: string,
  options: { params?: ScryptParameters; salt?: Uint8Array } = {},
): Promise<CarerLock> {
  if (normalise(passphrase).length < MIN_PASSPHRASE_LENGTH) {
    throw new RangeError(`a carer passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const params = options.params ?? CARER_LOCK_SCRYPT;
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(passphrase, salt, params);
  const lock: CarerLock = { salt: bytesToHex(salt), hash: bytesToHex(hash), ...params };
  if (!isCarerLock(lock)) throw new RangeError('scrypt parameters outside the accepted bounds');
  return lock;
}

/** Compares every byte whatever the first difference, so timing says nothing about how close a guess was. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

export async function verifyPassphrase(passphrase: string, lock: CarerLock): Promise<boolean> {
  if (!isCarerLock(lock)) return false;
  const { N, r, p, dkLen } = lock;
  const derived = await derive(passphrase, hexToBytes(lock.salt), { N, r, p, dkLen });
  return constantTimeEqual(derived, hexToBytes(lock.hash));
}
