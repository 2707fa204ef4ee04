/**
 * A device key as people compare it: the first 16 hex digits of the Ed25519 public key in groups of four.
 * 64 bits tell two keys apart at a glance; the full key is in every export's header.
 */
export function keyFingerprint(publicKey: string): string {
  return (publicKey.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}
