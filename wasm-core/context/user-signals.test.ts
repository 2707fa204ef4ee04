import { describe, expect, it, vi } from 'vitest';
import type { UserSignals } from '../types.ts';
import {
  type CueHit,
  hasVulnerability,
  NO_USER_SIGNALS,
  readUserSignals,
  userSignalsFromCues,
} from './user-signals.ts';

const cue = (kind: string, start: number, end: number): CueHit => ({ kind, start, end });
const flags = (overrides: Partial<UserSignals>): UserSignals => ({ ...NO_USER_SIGNALS, ...overrides });

describe('userSignalsFromCues (synthetic cue matches)', () => {
  it.each<[string, CueHit[], Partial<UserSignals>]>([
    ['no cues', [], {}],
    ['one loneliness cue', [cue('vulnerability.loneliness', 0, 15)], { loneliness: true }],
    [
      'several signals in one message',
      [
        cue('vulnerability.grief', 0, 19),
        cue('vulnerability.distress', 25, 45),
        cue('vulnerability.minor', 50, 56),
      ],
      { grief: true, distress: true, minor: true },
    ],
    ['cues of other packs and kinds are ignored', [cue('negation', 0, 5), cue('benign.T12', 6, 9)], {}],
    [
      'a minor cue inside a benign look-alike ("i\'m 14" in "i\'m 14 minutes")',
      [cue('vulnerability.minor', 0, 6), cue('benign.vulnerability.minor', 0, 14)],
      {},
    ],
    [
      'the benign cue reported before the signal cue covers it just the same',
      [cue('benign.vulnerability.minor', 0, 14), cue('vulnerability.minor', 0, 6)],
      {},
    ],
    [
      'a longer signal cue around the benign one still counts ("i\'m 14 years old" vs "i\'m 14 years")',
      [
        cue('vulnerability.minor', 0, 6),
        cue('benign.vulnerability.minor', 0, 12),
        cue('vulnerability.minor', 0, 16),
      ],
      { minor: true },
    ],
    [
      'a benign cue elsewhere in the message does not cover',
      [cue('benign.vulnerability.minor', 0, 14), cue('vulnerability.minor', 30, 36)],
      { minor: true },
    ],
    [
      'a benign cue of another signal does not cover',
      [cue('benign.vulnerability.grief', 0, 20), cue('vulnerability.minor', 0, 6)],
      { minor: true },
    ],
    [
      'a benign cue only partly overlapping does not cover',
      [cue('benign.vulnerability.grief', 4, 20), cue('vulnerability.grief', 0, 10)],
      { grief: true },
    ],
    [
      'each of two signal cues needs its own cover',
      [
        cue('vulnerability.minor', 0, 6),
        cue('benign.vulnerability.minor', 0, 14),
        cue('vulnerability.minor', 40, 46),
        cue('benign.vulnerability.minor', 40, 52),
        cue('vulnerability.minor', 60, 66),
      ],
      { minor: true },
    ],
  ])('%s', (_name, cues, expected) => {
    expect(userSignalsFromCues(cues)).toEqual(flags(expected));
  });

  it('stays fast on a message full of covered cues', () => {
    const cues: CueHit[] = [];
    for (let i = 0; i < 50_000; i++) {
      cues.push(
        cue('vulnerability.minor', i * 20, i * 20 + 6),
        cue('benign.vulnerability.minor', i * 20, i * 20 + 14),
      );
    }
    const started = performance.now();
    expect(userSignalsFromCues(cues)).toEqual(NO_USER_SIGNALS);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('readUserSignals', () => {
  it.each<[string, unknown]>([
    ['absent', undefined],
    ['empty', ''],
    ['not a string', { text: 'i feel so alone' }],
  ])('%s user text: no signals, and the core is not asked', (_name, text) => {
    const scan = vi.fn(() => ({ truncated: false, cues: [cue('vulnerability.loneliness', 0, 5)] }));
    expect(readUserSignals({ scan }, text)).toEqual(NO_USER_SIGNALS);
    expect(scan).not.toHaveBeenCalled();
  });

  it('scans the message once and returns only flags', () => {
    const scan = vi.fn(() => ({ truncated: false, cues: [cue('vulnerability.grief', 0, 19)] }));
    const signals = readUserSignals({ scan }, 'my mom passed away');
    expect(scan).toHaveBeenCalledExactlyOnceWith('my mom passed away');
    expect(signals).toEqual(flags({ grief: true }));
    expect(Object.keys(signals).sort()).toEqual(['distress', 'grief', 'loneliness', 'minor']);
  });

  it('reads a core without cue support as no signals', () => {
    expect(readUserSignals({ scan: () => ({ truncated: false }) }, 'i feel so alone')).toEqual(
      NO_USER_SIGNALS,
    );
  });
});

describe('hasVulnerability', () => {
  it.each<[Partial<UserSignals>, boolean]>([
    [{}, false],
    [{ loneliness: true }, true],
    [{ grief: true }, true],
    [{ distress: true }, true],
    [{ minor: true }, true],
  ])('%j → %s', (overrides, expected) => {
    expect(hasVulnerability(flags(overrides))).toBe(expected);
  });
});
