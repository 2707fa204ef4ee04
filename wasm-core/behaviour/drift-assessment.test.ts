import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../taxonomy.ts';
import { footprintRecord } from '../testing/footprint-records.ts';
import { assessDrift, DAY_MS, type DriftReply, driftRepliesOf } from './drift-assessment.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');

/**
 * n replies spread evenly over [start, end) with risks spread evenly over [low, high]; every k-th reply
 * (k = every) carries the given techniques.
 */
function replies(
  n: number,
  window: { start: number; end: number },
  risk: { low: number; high: number },
  tagged: { techniques: TechniqueId[]; every: number } = { techniques: [], every: 0 },
): DriftReply[] {
  return Array.from({ length: n }, (_, i) => ({
    time: window.start + ((window.end - window.start) * i) / n,
    risk: risk.low + ((risk.high - risk.low) * ((i * 37) % n)) / Math.max(1, n - 1),
    techniques: tagged.every > 0 && i % tagged.every === 0 ? tagged.techniques : [],
  }));
}

const RECENT = { start: NOW - 7 * DAY_MS, end: NOW };
const BASELINE = { start: NOW - 37 * DAY_MS, end: NOW - 7 * DAY_MS };
const CALM = { low: 0, high: 0.3 };

describe('assessDrift: windows and minimum data', () => {
  it('is insufficient below 100 replies in either window, and says how many there were', () => {
    const few = assessDrift([...replies(99, RECENT, CALM), ...replies(300, BASELINE, CALM)], NOW);
    expect(few.level).toBe('insufficient');
    expect(few.recentReplies).toBe(99);
    expect(few.baselineReplies).toBe(300);
    expect(few.ratios).toEqual([]);
    expect(few.reasons[0]).toContain('99 in the last 7 days and 300 in the 30 days before');
    expect(assessDrift([...replies(150, RECENT, CALM), ...replies(99, BASELINE, CALM)], NOW).level).toBe(
      'insufficient',
    );
    expect(assessDrift([], NOW)).toMatchObject({ level: 'insufficient', ksD: null, ksP: null });
  });

  it('takes a reply exactly 7 days old as recent and one exactly 37 days old as baseline; now and later nowhere', () => {
    const edge = (time: number) => ({ time, risk: 0.1, techniques: [] });
    const result = assessDrift(
      [
        edge(NOW - 7 * DAY_MS),
        edge(NOW - 7 * DAY_MS - 1),
        edge(NOW - 1),
        edge(NOW),
        edge(NOW + DAY_MS),
        edge(NOW - 37 * DAY_MS),
        edge(NOW - 37 * DAY_MS - 1),
      ],
      NOW,
    );
    expect(result.recentReplies).toBe(2);
    expect(result.baselineReplies).toBe(2);
  });

  it('ignores replies whose time or risk is not a number', () => {
    const result = assessDrift(
      [
        { time: Number.NaN, risk: 0.1, techniques: [] },
        { time: NOW - DAY_MS, risk: Number.NaN, techniques: [] },
      ],
      NOW,
    );
    expect(result.recentReplies).toBe(0);
  });
});

describe('assessDrift: levels', () => {
  it('is ok when the last week looks like the baseline', () => {
    const result = assessDrift([...replies(120, RECENT, CALM), ...replies(400, BASELINE, CALM)], NOW);
    expect(result.level).toBe('ok');
    expect(result.ksP).toBeGreaterThan(0.5);
    expect(result.reasons).toEqual([
      'No drift: the last 7 days (120 replies) look like the 30 days before (400 replies).',
    ]);
  });

  it('warns on a significant upward risk shift that is not large enough to be critical', () => {
    const result = assessDrift(
      [...replies(150, RECENT, { low: 0.05, high: 0.35 }), ...replies(400, BASELINE, CALM)],
      NOW,
    );
    expect(result.ksP).toBeLessThan(0.01);
    // Mean 0.20 against 0.15: +33%, under the critical +50%.
    expect(result.recentMeanRisk).toBeCloseTo(0.2, 6);
    expect(result.level).toBe('warning');
    expect(result.reasons[0]).toMatch(
      /^The risk of replies shifted upwards: mean risk 0\.20 .* 0\.15 before/,
    );
  });

  it('does not warn when the shift is downwards, but says so', () => {
    const result = assessDrift(
      [...replies(150, RECENT, { low: 0, high: 0.1 }), ...replies(400, BASELINE, CALM)],
      NOW,
    );
    expect(result.ksP).toBeLessThan(0.001);
    expect(result.level).toBe('ok');
    expect(result.reasons[0]).toMatch(/^The risk of replies shifted downwards/);
  });

  it('is critical on a highly significant risk rise of at least 50%', () => {
    const result = assessDrift(
      [...replies(150, RECENT, { low: 0.2, high: 0.6 }), ...replies(400, BASELINE, CALM)],
      NOW,
    );
    expect(result.ksP).toBeLessThan(0.001);
    expect(result.level).toBe('critical');
    expect(result.reasons[0]).toMatch(/^Risk rose sharply/);
  });

  it('a tiny absolute rise is no more than a warning, however significant', () => {
    // 0.000–0.010 against 0.000–0.020: recent mean double, but up by 0.005 → below MIN_MEAN_RISE.
    const result = assessDrift(
      [...replies(200, RECENT, { low: 0.01, high: 0.03 }), ...replies(400, BASELINE, { low: 0, high: 0.02 })],
      NOW,
    );
    expect(result.ksP).toBeLessThan(0.001);
    expect((result.recentMeanRisk ?? 0) / (result.baselineMeanRisk ?? 1)).toBeGreaterThan(1.5);
    expect(result.level).toBe('warning');
  });
});

describe('assessDrift: technique rate ratios', () => {
  const tagged = (technique: TechniqueId, recentEvery: number, baselineEvery: number) => [
    ...replies(200, RECENT, CALM, { techniques: [technique], every: recentEvery }),
    ...replies(400, BASELINE, CALM, { techniques: [technique], every: baselineEvery }),
  ];

  it.each([
    // technique, every k-th recent reply, every k-th baseline reply, expected level, expected ratio
    { technique: 'T07', recentEvery: 10, baselineEvery: 20, level: 'warning', ratio: 2 },
    { technique: 'T07', recentEvery: 10, baselineEvery: 16, level: 'ok', ratio: 1.6 },
    { technique: 'T07', recentEvery: 5, baselineEvery: 40, level: 'warning', ratio: 8 },
    { technique: 'T20', recentEvery: 5, baselineEvery: 40, level: 'critical', ratio: 8 },
    { technique: 'T20', recentEvery: 10, baselineEvery: 20, level: 'warning', ratio: 2 },
    { technique: 'T20', recentEvery: 10, baselineEvery: 40, level: 'critical', ratio: 4 },
  ] as const)('$technique every $recentEvery vs every $baselineEvery → $level', (row) => {
    const result = assessDrift(tagged(row.technique, row.recentEvery, row.baselineEvery), NOW);
    expect(result.level).toBe(row.level);
    expect(result.ratios[0]).toMatchObject({ technique: row.technique });
    expect(result.ratios[0]?.ratio).toBeCloseTo(row.ratio, 9);
  });

  it('needs at least 5 recent replies with the technique before a ratio counts', () => {
    // 4 recent replies with T20 (2%), none before: a big ratio on 4 replies says nothing.
    const four = [
      ...replies(200, RECENT, CALM, { techniques: ['T20'], every: 50 }),
      ...replies(400, BASELINE, CALM),
    ];
    const result = assessDrift(four, NOW);
    expect(result.level).toBe('ok');
    expect(result.ratios).toEqual([]);
    // 5 recent replies with T20, none before: the baseline counts as half a reply → ratio 20.
    const five = [
      ...replies(200, RECENT, CALM, { techniques: ['T20'], every: 40 }),
      ...replies(400, BASELINE, CALM),
    ];
    const rising = assessDrift(five, NOW);
    expect(rising.level).toBe('critical');
    expect(rising.ratios).toEqual([
      { technique: 'T20', recent: 0.025, baseline: 0, recentReplies: 5, baselineReplies: 0, ratio: 20 },
    ]);
    expect(rising.reasons).toEqual([
      'Sharp rise of requests for money or credentials in 3% of replies, up from 0% (20.0×).',
    ]);
  });

  it('lists a falling technique without warning about it, and counts a technique once per reply', () => {
    const falling = [
      ...replies(200, RECENT, CALM, { techniques: ['T12', 'T12'], every: 20 }),
      ...replies(400, BASELINE, CALM, { techniques: ['T12'], every: 4 }),
    ];
    const result = assessDrift(falling, NOW);
    expect(result.level).toBe('ok');
    expect(result.ratios).toEqual([
      { technique: 'T12', recent: 0.05, baseline: 0.25, recentReplies: 10, baselineReplies: 100, ratio: 0.2 },
    ]);
  });
});

describe('driftRepliesOf', () => {
  it('picks one assistant’s replies from footprint records', () => {
    const records = [
      footprintRecord({ time: 1, risk: 0.4, techniques: ['T01'] }),
      footprintRecord({ time: 2, risk: 0.2, assistant: 'chatgpt.com|gpt-4o', techniques: ['T07'] }),
      footprintRecord({ time: 3, risk: 0.1, site: 'claude.ai' }),
    ];
    expect(driftRepliesOf(records, 'chatgpt.com')).toEqual([{ time: 1, risk: 0.4, techniques: ['T01'] }]);
    expect(driftRepliesOf(records, 'chatgpt.com|gpt-4o')).toEqual([
      { time: 2, risk: 0.2, techniques: ['T07'] },
    ]);
    expect(driftRepliesOf(records, 'claude.ai')).toEqual([{ time: 3, risk: 0.1, techniques: [] }]);
  });
});
