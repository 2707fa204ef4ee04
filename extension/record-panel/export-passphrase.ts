export const MIN_EXPORT_PASSPHRASE_LENGTH = 8;

/**
 * Why the passphrase typed twice for an export cannot be used, or null. Both empty means no passphrase:
 * a plain export. Compared as the envelope derives keys from it (NFC), so the same words typed with
 * different Unicode compositions match.
 */
export function exportPassphraseProblem(passphrase: string, confirmation: string): string | null {
  const typed = passphrase.normalize('NFC');
  if (typed === '' && confirmation === '') return null;
  if (typed.length < MIN_EXPORT_PASSPHRASE_LENGTH) {
    return `A passphrase needs at least ${MIN_EXPORT_PASSPHRASE_LENGTH} characters (or leave both fields empty).`;
  }
  if (typed !== confirmation.normalize('NFC')) return 'The two passphrases do not match.';
  return null;
}
