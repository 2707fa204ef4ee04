import { describe, expect, it } from 'vitest';
import { formatTable } from './text-table.ts';

describe('formatTable', () => {
  it.each([
    [
      'pads columns to the widest cell, right-aligning numbers',
      [
        ['T01', '3'],
        ['T18', '12'],
      ],
      ['left', 'right'] as const,
      'Technique  Count\nT01            3\nT18           12',
    ],
    [
      'left by default, no trailing spaces',
      [
        ['a', 'b'],
        ['ccc', ''],
      ],
      [],
      'Technique  Count\na          b\nccc',
    ],
  ])('%s', (_name, rows, align, expected) => {
    expect(formatTable(['Technique', 'Count'], rows, [...align])).toBe(expected);
  });
});
