import { describe, expect, it } from 'vitest';
import { applyKeyEntry, genesisKeyBody, rotationKeyBody } from './device-key.ts';
import { testKey } from './testing/sample-log.ts';

describe('key entries', () => {
  const [a, b, c] = [testKey(1), testKey(2), testKey(3)];
  const here = '1'.repeat(64);
  const elsewhere = '2'.repeat(64);

  it.each([
    ['a genesis entry starts the key', undefined, genesisKeyBody(here, a), here, { key: a.publicKey }],
    [
      'a rotation signed by the key in force',
      a.publicKey,
      rotationKeyBody(here, a, b.publicKey),
      here,
      { key: b.publicKey },
    ],
    [
      'a second genesis',
      a.publicKey,
      genesisKeyBody(here, b),
      here,
      { error: expect.stringMatching(/second genesis/) },
    ],
    [
      'a rotation before any key',
      undefined,
      rotationKeyBody(here, a, b.publicKey),
      here,
      { error: expect.stringMatching(/before any genesis/) },
    ],
    [
      'a rotation from a key not in force',
      c.publicKey,
      rotationKeyBody(here, a, b.publicKey),
      here,
      { error: expect.stringMatching(/not in force/) },
    ],
    [
      'a genesis moved to another place in the log',
      undefined,
      genesisKeyBody(here, a),
      elsewhere,
      { error: expect.stringMatching(/not signed/) },
    ],
    [
      'a rotation moved to another place in the log',
      a.publicKey,
      rotationKeyBody(here, a, b.publicKey),
      elsewhere,
      { error: expect.stringMatching(/not signed/) },
    ],
    [
      'a rotation whose new key was swapped',
      a.publicKey,
      { ...rotationKeyBody(here, a, b.publicKey), publicKey: c.publicKey },
      here,
      { error: expect.stringMatching(/not signed/) },
    ],
    [
      'something else',
      a.publicKey,
      { kind: 'revocation' },
      here,
      { error: expect.stringMatching(/genesis or a rotation/) },
    ],
  ])('%s', (_, current, body, prev, expected) => {
    expect(applyKeyEntry(current, body, prev)).toEqual(expected);
  });
});
