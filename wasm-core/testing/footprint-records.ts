import type { TechniqueId } from '../taxonomy.ts';
import type { FootprintRecord, RiskLevel } from '../types.ts';

/** What a test says about a reply; everything else gets a plain default. */
export interface RecordSpec {
  time: number;
  /** Techniques found, each with one instance, or `[technique, count]`. */
  techniques?: readonly (TechniqueId | readonly [TechniqueId, number])[];
  risk?: number;
  site?: string;
  assistant?: string;
  length?: number;
}

let serial = 0;

function levelOf(risk: number): RiskLevel {
  if (risk >= 0.7) return 'high';
  if (risk >= 0.4) return 'medium';
  if (risk > 0) return 'low';
  return 'none';
}

/** A footprint record for tests of code that reads footprints (reports, behavioural layer). */
export function footprintRecord(spec: RecordSpec): FootprintRecord {
  serial++;
  const findings = (spec.techniques ?? []).map((entry) => {
    const [technique, count] = typeof entry === 'string' ? [entry, 1] : entry;
    return { technique, score: 0.9, count, sources: ['lexicon' as const] };
  });
  const risk = spec.risk ?? (findings.length > 0 ? 0.5 : 0);
  return {
    key: `test|c|${serial}`,
    site: spec.site ?? 'chatgpt.com',
    conversationId: 'c',
    turnIndex: serial,
    time: spec.time,
    risk,
    level: levelOf(risk),
    findings,
    excerpts: [],
    engine: 'test',
    truncated: false,
    ...(spec.assistant === undefined ? {} : { assistant: spec.assistant }),
    ...(spec.length === undefined ? {} : { length: spec.length }),
  };
}
