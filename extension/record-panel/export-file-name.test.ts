import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-file-name.ts';

describe('exportFileName', () => {
  it.each([
    [new Date(2026, 10, 21, 9, 30).getTime(), false, 'cogfw-record-2026-11-21.jsonl'],
    [new Date(2026, 0, 3, 23, 59).getTime(), true, 'cogfw-record-2026-01-03.cogfw'],
  ])('names an export made at %d (sealed: %s) %s', (now, sealed, name) => {
    expect(exportFileName(now, sealed)).toBe(name);
  });
});
