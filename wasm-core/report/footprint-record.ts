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
 * What the footprint keeps of one analysed reply: scores, counts, the contextual flags and at most one
 * short excerpt per finding, never the reply itself nor the user's message. A finding counts as many instances as it has spans, at least one.
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
    // Flags only, copied field by field: nothing else of the contextual layer's input can ride along.
    patterns: {
      trust_before_recommendation: result.patterns.trust_before_recommendation === true,
      escalation: result.patterns.escalation === true,
      vulnerability_exploit: result.patterns.vulnerability_exploit === true,
    },
    userSignals: {
      loneliness: result.userSignals.loneliness === true,
      grief: result.userSignals.grief === true,
      distress: result.userSignals.distress === true,
      minor: result.userSignals.minor === true,
    },
  };
}
