import { describe, expect, it } from 'vitest';
import type { UserSignals } from '../../wasm-core/types.ts';
import type { ProtectionLevel } from '../settings/protection-levels.ts';
import { levelSuggestion, SIGNAL_WINDOW_MS } from './level-suggestion.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const NONE: UserSignals = { loneliness: false, grief: false, distress: false, minor: false };
const reply = (ago: number, signals: Partial<UserSignals> | undefined) => ({
  time: NOW - ago,
  userSignals: signals === undefined ? undefined : { ...NONE, ...signals },
});

describe('levelSuggestion', () => {
  it.each<{
    name: string;
    current: ProtectionLevel;
    records: ReturnType<typeof reply>[];
    expected: ReturnType<typeof levelSuggestion>;
  }>([
    { name: 'no replies', current: 'standard', records: [], expected: null },
    {
      name: 'replies without signals',
      current: 'minimal',
      records: [reply(1000, {}), reply(2000, undefined)],
      expected: null,
    },
    {
      name: 'loneliness at standard → enhanced',
      current: 'standard',
      records: [reply(1000, { loneliness: true }), reply(2000, {})],
      expected: { level: 'enhanced', signals: ['loneliness'], replies: 1 },
    },
    {
      name: 'distress → maximum, signals in a fixed order',
      current: 'minimal',
      records: [reply(1000, { loneliness: true }), reply(2000, { distress: true, grief: true })],
      expected: { level: 'maximum', signals: ['distress', 'grief', 'loneliness'], replies: 2 },
    },
    {
      name: 'a minor → maximum',
      current: 'standard',
      records: [reply(1000, { minor: true })],
      expected: { level: 'maximum', signals: ['minor'], replies: 1 },
    },
    {
      name: 'already enhanced: nothing to suggest',
      current: 'enhanced',
      records: [reply(1000, { distress: true })],
      expected: null,
    },
    {
      name: 'maximum: never a lower level',
      current: 'maximum',
      records: [reply(1000, { loneliness: true })],
      expected: null,
    },
    {
      name: 'signals older than the window do not count',
      current: 'standard',
      records: [reply(SIGNAL_WINDOW_MS + 1, { grief: true })],
      expected: null,
    },
  ])('$name', ({ current, records, expected }) => {
    expect(levelSuggestion(records, current, NOW)).toEqual(expected);
  });
});
