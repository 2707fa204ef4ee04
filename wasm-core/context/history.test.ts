import { describe, expect, it } from 'vitest';
import type { FootprintRecord } from '../types.ts';
import { boundedHistory, HISTORY_WINDOW, turnSummary } from './history.ts';

describe('turnSummary', () => {
  it('keeps the turn position, time, risk and the techniques found, nothing else', () => {
    const record: FootprintRecord = {
      key: 'chatgpt.com|c1|m3',
      site: 'chatgpt.com',
      conversationId: 'c1',
      level: 'medium',
      excerpts: [{ technique: 'T07', text: 'You are brilliant', highlights: [] }],
      engine: 'test',
      truncated: false,
      turnIndex: 3,
      time: 42,
      risk: 0.7,
      findings: [
        { technique: 'T07', score: 0.7, count: 2, sources: ['lexicon'] },
        { technique: 'T17', score: 0.6, count: 1, sources: ['model', 'context'] },
      ],
    };
    expect(turnSummary(record)).toEqual({ turnIndex: 3, time: 42, risk: 0.7, techniques: ['T07', 'T17'] });
  });
});

describe('boundedHistory', () => {
  it.each<[string, unknown, { turnIndex: number; risk: number; techniques: string[] }[]]>([
    ['absent', undefined, []],
    ['not an array', { turnIndex: 1 }, []],
    [
      'sorted by turn position',
      [
        { turnIndex: 5, time: 0, risk: 0.5, techniques: ['T01'] },
        { turnIndex: 1, time: 0, risk: 0.1, techniques: [] },
      ],
      [
        { turnIndex: 1, risk: 0.1, techniques: [] },
        { turnIndex: 5, risk: 0.5, techniques: ['T01'] },
      ],
    ],
    [
      'malformed entries dropped, unknown techniques and out-of-range risk cleaned',
      [
        null,
        'turn',
        { turnIndex: 'x', risk: 0.2, techniques: [] },
        { turnIndex: 2, risk: Number.NaN, techniques: [] },
        { turnIndex: 3, risk: 7, techniques: ['T99', 'T07', 7] },
        { turnIndex: 4, risk: -1 },
      ],
      [
        { turnIndex: 3, risk: 1, techniques: ['T07'] },
        { turnIndex: 4, risk: 0, techniques: [] },
      ],
    ],
  ])('%s', (_name, history, expected) => {
    expect(
      boundedHistory(history).map(({ turnIndex, risk, techniques }) => ({ turnIndex, risk, techniques })),
    ).toEqual(expected);
  });

  it(`keeps the last ${HISTORY_WINDOW} turns of a long conversation`, () => {
    const long = Array.from({ length: 500 }, (_, i) => ({ turnIndex: i, time: i, risk: 0, techniques: [] }));
    expect(boundedHistory(long).map((t) => t.turnIndex)).toEqual(
      Array.from({ length: HISTORY_WINDOW }, (_, i) => 500 - HISTORY_WINDOW + i),
    );
  });
});
