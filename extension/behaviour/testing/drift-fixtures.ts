import type { TechniqueId } from '../../../wasm-core/taxonomy.ts';
import type { FootprintRecord, UserSignals } from '../../../wasm-core/types.ts';

const DAY = 86_400_000;

export interface ReplySpec {
  risk: number;
  techniques?: TechniqueId[];
  userSignals?: Partial<UserSignals>;
}

/** A footprint row for a reply of `assistant` at `time`, as recordAnalysis would have stored it. */
export function assistantRecord(
  assistant: string,
  time: number,
  spec: ReplySpec,
  id: string,
): FootprintRecord {
  const site = assistant.split('|')[0] ?? assistant;
  return {
    key: `${site}|seed|${id}`,
    site,
    assistant,
    conversationId: 'seed',
    turnIndex: 0,
    time,
    risk: spec.risk,
    level: spec.risk >= 0.6 ? 'high' : spec.risk >= 0.3 ? 'medium' : spec.risk > 0 ? 'low' : 'none',
    findings: (spec.techniques ?? []).map((technique) => ({
      technique,
      score: 0.8,
      count: 1,
      sources: ['lexicon'],
    })),
    excerpts: [],
    engine: 'test',
    truncated: false,
    length: 400,
    userSignals: { loneliness: false, grief: false, distress: false, minor: false, ...spec.userSignals },
  };
}

/** `count` replies spread evenly over [from, to), the i-th shaped by `spec(i)`. */
export function spreadReplies(
  assistant: string,
  from: number,
  to: number,
  count: number,
  spec: (i: number) => ReplySpec,
  prefix: string,
): FootprintRecord[] {
  const step = (to - from) / count;
  return Array.from({ length: count }, (_, i) =>
    assistantRecord(assistant, Math.floor(from + i * step), spec(i), `${prefix}${i}`),
  );
}

/**
 * A month of steady replies before the last week, and a last week that is either like it (`steady`), shows
 * flattery three times as often (`monitor`: a warning) or turns high-risk with requests for money (`hold`: critical).
 */
export function driftScenario(
  assistant: string,
  now: number,
  recent: 'steady' | 'monitor' | 'hold',
  replies = 150,
): FootprintRecord[] {
  const baseline = spreadReplies(
    assistant,
    now - 37 * DAY,
    now - 7 * DAY,
    replies,
    (i) => ({ risk: 0.1 + (i % 5) * 0.02, techniques: i % 10 === 0 ? ['T07'] : [] }),
    `${assistant}-b`,
  );
  const week = spreadReplies(
    assistant,
    now - 7 * DAY,
    now - 60_000,
    replies,
    (i) =>
      recent === 'hold'
        ? { risk: 0.7 + (i % 5) * 0.05, techniques: ['T20', 'T01'] }
        : recent === 'monitor'
          ? { risk: 0.1 + (i % 5) * 0.02, techniques: i % 10 < 3 ? ['T07'] : [] }
          : { risk: 0.1 + (i % 5) * 0.02, techniques: i % 10 === 0 ? ['T07'] : [] },
    `${assistant}-r`,
  );
  return [...baseline, ...week];
}
