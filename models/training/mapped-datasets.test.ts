import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { MappedRow } from './label-mapping.ts';
import { applyLeakGuard, type MappedSet, textKey } from './mapped-datasets.ts';

const row = (id: string, text: string, labels: TechniqueId[], scope: TechniqueId[]): MappedRow => ({
  id,
  text,
  labels,
  scope,
});
const set = (name: string, train: MappedRow[], evalRows: MappedRow[]): MappedSet => ({
  set: name,
  licence: 'test',
  mayTrain: train.length > 0,
  sourceRows: train.length + evalRows.length,
  train,
  calibration: [],
  eval: evalRows,
  leakGuard: { dropped: 0, trimmed: 0 },
});

describe('applyLeakGuard', () => {
  it.each([
    {
      name: 'an unseen text is kept as is',
      evalRow: row('e', 'Only 2 left!', ['T02'], ['T01', 'T02', 'T03', 'T06']),
      expected: { labels: ['T02'], scope: ['T01', 'T02', 'T03', 'T06'] },
    },
    {
      name: 'a trained text keeps only the techniques it did not train',
      evalRow: row('e', 'No thanks, I hate saving money', ['T06'], ['T01', 'T02', 'T03', 'T06']),
      expected: { labels: ['T06'], scope: ['T06'] },
    },
    {
      name: 'case and white space do not hide a trained text',
      evalRow: row('e', '  HURRY,   sale ends\ntonight ', ['T01'], ['T01', 'T02', 'T03', 'T06']),
      expected: { labels: [], scope: ['T06'] },
    },
    {
      name: 'a trained text with nothing left is dropped',
      evalRow: row('e', 'Hurry, sale ends tonight', ['T01'], ['T01']),
      expected: null,
    },
  ])('$name', ({ evalRow, expected }) => {
    const trained = set(
      'shop',
      [
        row('t1', 'No thanks, I hate saving money', [], ['T01', 'T02', 'T03']),
        row('t2', 'Hurry, sale ends tonight', ['T01'], ['T01', 'T02', 'T03']),
      ],
      [],
    );
    const evaluated = set('eval-only', [], [evalRow]);
    applyLeakGuard([trained, evaluated]);
    if (expected === null) {
      expect(evaluated.eval).toEqual([]);
      expect(evaluated.leakGuard.dropped).toBe(1);
    } else {
      expect(evaluated.eval).toEqual([{ ...evalRow, ...expected }]);
    }
  });

  it('guards evaluation rows against calibration texts too, and calibration rows against training texts', () => {
    const fitted: MappedSet = {
      ...set('shop', [row('t1', 'Hurry, sale ends tonight', ['T01'], ['T01', 'T02'])], []),
      calibration: [
        row('c1', 'Only 2 left!', ['T02'], ['T01', 'T02']),
        row('c2', 'hurry, SALE ends tonight', ['T01'], ['T01', 'T02']),
      ],
    };
    const evaluated = set('eval-only', [], [row('e', 'Only 2 left!', ['T02'], ['T01', 'T02', 'T06'])]);
    applyLeakGuard([fitted, evaluated]);
    expect(fitted.calibration.map((r) => r.id)).toEqual(['c1']);
    expect(evaluated.eval).toEqual([row('e', 'Only 2 left!', [], ['T06'])]);
  });

  it.each([
    ['Hello   World', 'hello world'],
    ['\tA\nB  ', 'a b'],
  ])('textKey(%j) = %j', (text, key) => {
    expect(textKey(text)).toBe(key);
  });
});
