import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      { nested: { z: [3, { y: true, x: null }], a: 'é' } },
      '{"nested":{"a":"é","z":[3,{"x":null,"y":true}]}}',
    ],
    [[1e21, 1e-7, 0.1, -0, 100], '[1e+21,1e-7,0.1,0,100]'],
    ['\u2028\n"\\', '"\u2028\\n\\"\\\\"'],
    // Properties sort by UTF-16 code units, so "\u20ac" (€) comes before "\ud83d\ude00" (😀).
    [{ '😀': 1, '€': 2, a: 3 }, '{"a":3,"€":2,"😀":1}'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses values that have no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
