import type { AnalysisResult, ChatTurn, Excerpt, FootprintRecord } from '../types.ts';
import { buildExcerpt } from './excerpt.ts';

export interface FootprintOptions {
  /** The user can turn excerpts off (SPEC §7); then the record keeps no text at all. */
  excerpts?: boolean;
}

/** The key under which a turn is recorded once. */
export function footprintKey(turn: Pick<ChatTurn, 'site' | 'conversationId' | 'messageId'>): string {
  return `${turn.site}|${turn.conversationId}|${turn.messageId}`;
}

/**
 * What the footprint keeps of one analysed reply: scores, counts and at most one short excerpt per
 * finding, never the reply itself. A finding counts as many instances as it has spans, at least one.
 */
export function toFootprintRecord(
  turn: ChatTurn,
  result: AnalysisResult,
  options: FootprintOptions = {},
): FootprintRecord {
  const keepExcerpts = options.excerpts ?? true;
  const excerpts: Excerpt[] = [];
  if (keepExcerpts) {
    for (const finding of result.findings) {
      const excerpt = buildExcerpt(turn.text, finding.technique, finding.spans);
      if (excerpt) excerpts.push(excerpt);
    }
  }
  return {
    key: footprintKey(turn),
    site: turn.site,
    conversationId: turn.conversationId,
    turnIndex: turn.turnIndex,
    time: turn.time,
    risk: result.risk,
    level: result.level,
    findings: result.findings.map((finding) => ({
      technique: finding.technique,
      score: finding.score,
      count: Math.max(1, finding.spans.length),
      sources: [...finding.sources],
    })),
    excerpts,
    engine: result.engine,
    truncated: result.truncated,
  };
}
