import { describe, expect, it } from 'vitest';
import { keyFingerprint } from './key-fingerprint.ts';

describe('keyFingerprint', () => {
  it('shows the first 16 hex digits in groups of four', () => {
    expect(keyFingerprint(`3f2a9c0177de12b0${'0'.repeat(48)}`)).toBe('3f2a 9c01 77de 12b0');
  });
});
