import { describe, expect, it } from 'vitest';
import type { TechniqueId } from '../taxonomy.ts';
import type { FootprintRecord, RiskLevel } from '../types.ts';
import { formatHourRange } from './report-sentences.ts';
import { buildWeeklyReport, MAX_EXAMPLES, weekStartOf } from './weekly-report.ts';

const ZONE = 'Europe/Berlin';
// Thursday 19 November 2026, 13:00 in Berlin. The week runs from Monday 16 November 00:00 CET
// (2026-11-15T23:00Z) to Monday 23 November 00:00 CET (2026-11-22T23:00Z).
const NOW = Date.parse('2026-11-19T12:00:00Z');
const THIS_MONDAY = Date.parse('2026-11-15T23:00:00Z');
const NEXT_MONDAY = Date.parse('2026-11-22T23:00:00Z');
const LAST_MONDAY = Date.parse('2026-11-08T23:00:00Z');
const HOUR = 3_600_000;

let serial = 0;
function record(options: {
  time: number;
  findings?: [TechniqueId, number, number?][];
  site?: string;
  level?: RiskLevel;
  excerpts?: FootprintRecord['excerpts'];
}): FootprintRecord {
  serial++;
  const findings = (options.findings ?? []).map(([technique, count, score]) => ({
    technique,
    count,
    score: score ?? 0.9,
    sources: ['lexicon' as const],
  }));
  return {
    key: `test|c|${serial}`,
    site: options.site ?? 'chatgpt.com',
    conversationId: 'c',
    turnIndex: serial,
    time: options.time,
    risk: findings.length > 0 ? 0.5 : 0,
    level: options.level ?? (findings.length > 0 ? 'medium' : 'none'),
    findings,
    excerpts: options.excerpts ?? [],
    engine: 'test',
    truncated: false,
  };
}

const report = (records: FootprintRecord[]) => buildWeeklyReport(records, { now: NOW, timeZone: ZONE });
const thisWeek = (hoursAfterMonday: number) => THIS_MONDAY + hoursAfterMonday * HOUR;
const lastWeek = (hoursAfterMonday: number) => LAST_MONDAY + hoursAfterMonday * HOUR;

describe('buildWeeklyReport: empty input', () => {
  it('has the week, zero counts, an empty heat map and no sentences', () => {
    const r = report([]);
    expect(r.weekStart).toBe(THIS_MONDAY);
    expect(r.weekEnd).toBe(NEXT_MONDAY);
    expect(r.weekStart).toBe(weekStartOf(NOW, ZONE));
    expect(r.replies).toBe(0);
    expect(r.flaggedReplies).toBe(0);
    expect(Object.keys(r.counts)).toHaveLength(22);
    expect(Object.values(r.counts).every((n) => n === 0)).toBe(true);
    expect(Object.values(r.previousCounts).every((n) => n === 0)).toBe(true);
    expect(r.heatmap).toHaveLength(7);
    expect(r.heatmap.every((row) => row.length === 24 && row.every((n) => n === 0))).toBe(true);
    expect(r.levels).toEqual({ none: 0, low: 0, medium: 0, high: 0 });
    expect(r.bySite).toEqual([]);
    expect(r.examples).toEqual([]);
    expect(r.sentences).toEqual([]);
  });

  it('writes no sentence for a week of clean replies', () => {
    const r = report([record({ time: thisWeek(10) }), record({ time: thisWeek(30) })]);
    expect(r.replies).toBe(2);
    expect(r.flaggedReplies).toBe(0);
    expect(r.levels.none).toBe(2);
    expect(r.sentences).toEqual([]);
  });
});

describe('buildWeeklyReport: pluralisation', () => {
  it.each<[string, [TechniqueId, number][], string]>([
    ['one urgency instance', [['T01', 1]], '1 instance of urgency-inducing language detected.'],
    [
      'a finding with count 0 still counts once',
      [['T01', 0]],
      '1 instance of urgency-inducing language detected.',
    ],
    ['three urgency instances', [['T01', 3]], '3 instances of urgency-inducing language detected.'],
    ['thousands are grouped', [['T07', 1234]], '1,234 instances of flattery detected.'],
    [
      'political content once',
      [['T18', 1]],
      'This week, the AI encouraged you to view political content 1 time.',
    ],
    [
      'political content 15 times',
      [['T18', 15]],
      'This week, the AI encouraged you to view political content 15 times.',
    ],
    [
      'one reply is the only reply',
      [['T05', 1]],
      'The only reply analysed this week carried at least one influence technique.',
    ],
  ])('%s', (_name, findings, sentence) => {
    const r = report([record({ time: thisWeek(5), findings })]);
    expect(r.sentences).toContain(sentence);
  });

  it.each<[RiskLevel[], string | null]>([
    [['high'], '1 reply was rated high risk.'],
    [['high', 'high', 'low'], '2 replies were rated high risk.'],
    [['medium', 'low'], null],
  ])('risk levels %j → %s', (levels, sentence) => {
    const r = report(levels.map((level, i) => record({ time: thisWeek(i), level, findings: [['T01', 1]] })));
    const highSentences = r.sentences.filter((s) => s.includes('high risk'));
    expect(highSentences).toEqual(sentence ? [sentence] : []);
  });

  it('counts flagged replies out of all replies', () => {
    const r = report([
      record({ time: thisWeek(1), findings: [['T01', 2]] }),
      record({ time: thisWeek(2) }),
      record({ time: thisWeek(3) }),
    ]);
    expect(r.sentences[0]).toBe(
      '1 of 3 replies analysed this week carried at least one influence technique.',
    );
  });

  it('orders count sentences by count and names the most frequent technique when one leads', () => {
    const r = report([
      record({
        time: thisWeek(1),
        findings: [
          ['T07', 2],
          ['T01', 5],
          ['T18', 1],
        ],
      }),
    ]);
    const counted = r.sentences.filter((s) => s.endsWith('detected.'));
    expect(counted).toEqual([
      '5 instances of urgency-inducing language detected.',
      '2 instances of flattery detected.',
    ]);
    expect(r.sentences).toContain(
      'The most frequent technique this week: urgency-inducing language (5 of 8 instances).',
    );
  });

  it('names no most frequent technique on a tie or with a single technique', () => {
    const tie = report([
      record({
        time: thisWeek(1),
        findings: [
          ['T07', 2],
          ['T01', 2],
        ],
      }),
    ]);
    const single = report([record({ time: thisWeek(1), findings: [['T07', 2]] })]);
    for (const r of [tie, single]) expect(r.sentences.some((s) => s.includes('most frequent'))).toBe(false);
  });
});

describe('buildWeeklyReport: week boundaries', () => {
  it.each([
    // [time, lands in]
    [THIS_MONDAY, 'this'],
    [THIS_MONDAY - 1, 'previous'],
    [NEXT_MONDAY - 1, 'this'],
    [NEXT_MONDAY, 'neither'],
    [LAST_MONDAY, 'previous'],
    [LAST_MONDAY - 1, 'neither'],
  ] as const)('a record at %i lands in %s week', (time, expected) => {
    const r = report([record({ time, findings: [['T02', 1]] })]);
    const where = r.counts.T02 === 1 ? 'this' : r.previousCounts.T02 === 1 ? 'previous' : 'neither';
    expect(where).toBe(expected);
    expect(r.replies).toBe(expected === 'this' ? 1 : 0);
  });

  it('follows daylight-saving time: a week of 167 hours in spring', () => {
    const r = buildWeeklyReport([], { now: Date.parse('2026-03-25T12:00:00Z'), timeZone: ZONE });
    expect(new Date(r.weekStart).toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect((r.weekEnd - r.weekStart) / HOUR).toBe(167);
  });
});

describe('buildWeeklyReport: week-over-week change', () => {
  it.each<[string, [TechniqueId, number][], [TechniqueId, number][], string[]]>([
    [
      'an increase of 25%',
      [['T08', 4]],
      [['T08', 5]],
      [
        'Influence attempts increased by 25% this week.',
        'Emotional exploitation increased by 25% this week.',
      ],
    ],
    [
      'a decrease of 50%',
      [['T07', 4]],
      [['T07', 2]],
      ['Influence attempts decreased by 50% this week.', 'Flattery decreased by 50% this week.'],
    ],
    [
      'a drop to none is a decrease of 100%',
      [['T07', 4]],
      [['T01', 4]],
      ['Flattery decreased by 100% this week.'],
    ],
    ['no change, no sentence', [['T01', 3]], [['T01', 3]], []],
    ['nothing last week, no sentence', [], [['T01', 3]], []],
  ])('%s', (_name, previous, current, expected) => {
    const r = report([
      record({ time: lastWeek(20), findings: previous }),
      record({ time: thisWeek(20), findings: current }),
    ]);
    expect(r.sentences.filter((s) => s.includes('creased by'))).toEqual(expected);
  });

  it('says nothing about change when there were no replies this week', () => {
    const r = report([record({ time: lastWeek(20), findings: [['T01', 3]] })]);
    expect(r.previousCounts.T01).toBe(3);
    expect(r.sentences).toEqual([]);
  });
});

describe('buildWeeklyReport: peak hour', () => {
  // Thursday 20:xx in Berlin is 19:xx UTC in November: 3 days + 20 hours after Monday 00:00 local.
  const thursdayEvening = thisWeek(3 * 24 + 20) + 15 * 60_000;

  it('names the peak weekday and hour when one cell clearly leads', () => {
    const records = [
      record({ time: thursdayEvening, findings: [['T01', 4]] }),
      record({ time: thisWeek(10), findings: [['T01', 2]] }),
      record({ time: thisWeek(30), findings: [['T05', 2]] }),
      record({ time: thisWeek(50), findings: [['T07', 2]] }),
    ];
    const r = report(records);
    expect(r.heatmap[3]?.[20]).toBe(4);
    expect(r.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(10);
    expect(r.sentences).toContain('Peak influence attempts occur between 8:00 and 9:00 PM on Thursdays.');
  });

  it.each([
    [
      'fewer than 10 instances',
      [
        [3 * 24 + 20, 4],
        [10, 2],
        [30, 3],
      ],
    ],
    [
      'a tie between two cells',
      [
        [3 * 24 + 20, 5],
        [10, 5],
      ],
    ],
    [
      'a peak cell of only 2',
      [
        [1, 2],
        [2, 1],
        [3, 1],
        [4, 1],
        [5, 1],
        [6, 1],
        [7, 1],
        [8, 1],
        [9, 1],
      ],
    ],
    [
      'everything in two cells (one timestamp for many replies)',
      [
        [3 * 24 + 20, 9],
        [10, 1],
      ],
    ],
  ])('no peak sentence with %s', (_name, cells) => {
    const r = report(
      cells.map(([hours, count]) => record({ time: thisWeek(hours ?? 0), findings: [['T01', count ?? 0]] })),
    );
    expect(r.sentences.some((s) => s.startsWith('Peak'))).toBe(false);
  });

  it.each([
    [0, '12:00 and 1:00 AM'],
    [8, '8:00 and 9:00 AM'],
    [11, '11:00 AM and 12:00 PM'],
    [12, '12:00 and 1:00 PM'],
    [20, '8:00 and 9:00 PM'],
    [23, '11:00 PM and 12:00 AM'],
  ])('hour %i reads "%s"', (hour, text) => {
    expect(formatHourRange(hour)).toBe(text);
  });
});

describe('buildWeeklyReport: sites, levels and examples', () => {
  it('breaks down by site, most instances first, and names a leading site', () => {
    const r = report([
      record({ time: thisWeek(1), site: 'claude.ai', findings: [['T07', 1]] }),
      record({ time: thisWeek(2), site: 'chatgpt.com', findings: [['T07', 3]] }),
      record({ time: thisWeek(3), site: 'chatgpt.com' }),
      record({ time: thisWeek(4), site: 'gemini.google.com' }),
    ]);
    expect(r.bySite).toEqual([
      { site: 'chatgpt.com', replies: 2, instances: 3 },
      { site: 'claude.ai', replies: 1, instances: 1 },
      { site: 'gemini.google.com', replies: 1, instances: 0 },
    ]);
    expect(r.levels).toEqual({ none: 2, low: 0, medium: 2, high: 0 });
    expect(r.sentences).toContain('Most influence attempts came from chatgpt.com (3 of 4 instances).');
  });

  it.each([
    { sites: ['chatgpt', 'claude'], leading: 'ChatGPT' },
    { sites: ['meta', 'mistral'], leading: 'Meta AI' },
    { sites: ['chat.example.org', 'claude'], leading: 'chat.example.org' },
  ])('names the leading site of $sites as $leading', ({ sites, leading }) => {
    const r = report([
      record({ time: thisWeek(1), site: sites[0], findings: [['T07', 3]] }),
      record({ time: thisWeek(2), site: sites[1], findings: [['T07', 1]] }),
    ]);
    expect(r.bySite.map((s) => s.site)).toEqual(sites);
    expect(r.sentences).toContain(`Most influence attempts came from ${leading} (3 of 4 instances).`);
  });

  it('keeps at most five examples, best of each technique first, highest score first', () => {
    const excerpt = (technique: TechniqueId, text: string) => ({
      technique,
      text,
      highlights: [{ start: 0, end: 3 }],
    });
    const records = [
      ...[0.99, 0.98, 0.97, 0.96, 0.95, 0.94].map((score, i) =>
        record({
          time: thisWeek(i + 1),
          findings: [['T01', 1, score]],
          excerpts: [excerpt('T01', `act now ${i}`)],
        }),
      ),
      record({
        time: thisWeek(10),
        findings: [['T07', 1, 0.6]],
        excerpts: [excerpt('T07', 'you are brilliant')],
      }),
      record({
        time: thisWeek(11),
        findings: [['T07', 1, 0.7]],
        excerpts: [excerpt('T07', 'you are brilliant')],
      }),
      record({ time: lastWeek(11), findings: [['T05', 1, 1]], excerpts: [excerpt('T05', 'last week')] }),
    ];
    const r = report(records);
    expect(r.examples).toHaveLength(MAX_EXAMPLES);
    expect(r.examples.map((e) => e.text)).toEqual([
      'act now 0',
      'act now 1',
      'act now 2',
      'act now 3',
      'you are brilliant',
    ]);
    expect(r.examples[4]).toMatchObject({ technique: 'T07', site: 'chatgpt.com', time: thisWeek(11) });
    expect(r.examples[0]).not.toHaveProperty('score');
  });
});

describe('buildWeeklyReport: contextual patterns', () => {
  const flagged = (
    time: number,
    conversationId: string,
    patterns: Partial<NonNullable<FootprintRecord['patterns']>>,
  ) => ({
    ...record({ time, findings: [['T10', 1]] }),
    conversationId,
    patterns: {
      trust_before_recommendation: false,
      escalation: false,
      vulnerability_exploit: false,
      ...patterns,
    },
    userSignals: { loneliness: true, grief: false, distress: false, minor: false },
  });

  it("counts this week's flags, not last week's, and says so right after the risk summary", () => {
    const r = report([
      flagged(thisWeek(20), 'a', { vulnerability_exploit: true, escalation: true }),
      flagged(thisWeek(21), 'a', { vulnerability_exploit: true, escalation: true }),
      flagged(thisWeek(22), 'b', { trust_before_recommendation: true }),
      flagged(lastWeek(20), 'c', { trust_before_recommendation: true, escalation: true }),
    ]);
    expect(r.patterns).toEqual({
      trustBeforeRecommendation: 1,
      escalatingConversations: 1,
      vulnerabilityExploit: 2,
      vulnerabilityExploitBySignal: { loneliness: 2, grief: 0, distress: 0, minor: 0 },
    });
    expect(r.sentences.slice(1, 4)).toEqual([
      '2 replies used emotional leverage after you mentioned feeling lonely.',
      'Trust-building patterns appeared before 1 product recommendation this week.',
      'In 1 conversation, influence attempts escalated over several replies this week.',
    ]);
  });

  it('says nothing about patterns for records made before the contextual layer', () => {
    const r = report([record({ time: thisWeek(20), findings: [['T10', 1]] })]);
    expect(r.patterns.vulnerabilityExploit).toBe(0);
    expect(r.sentences.some((s) => s.includes('emotional leverage') || s.includes('Trust-building'))).toBe(
      false,
    );
  });
});
