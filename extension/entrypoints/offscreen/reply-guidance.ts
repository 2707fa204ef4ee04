import { PRINCIPLE_NAMES } from '../../../wasm-core/constitution/principles.ts';
import { PRINCIPLE_IDS, type PrincipleId } from '../../../wasm-core/constitution/rule-pack.ts';
import { TECHNIQUES } from '../../../wasm-core/taxonomy.ts';
import type { AnalysisResult, FootprintRecord } from '../../../wasm-core/types.ts';
import {
  type HighlightSpan,
  MAX_HIGHLIGHTS,
  type PrincipleAtStake,
  type ReplyGuidance,
} from '../../messages.ts';
import { TECHNIQUE_EXPLANATIONS } from './technique-explanations.ts';

const TECHNIQUE_LABELS = new Map<string, string>(
  TECHNIQUES.map((technique) => [technique.id, technique.label]),
);

/**
 * What the page needs of a fresh analysis: the action the analyzer chose for the protection level, the
 * principles not respected with the deciding rule's sentence, and every finding's spans in the reply's text.
 */
export function guidanceFromResult(result: AnalysisResult, textLength: number): ReplyGuidance {
  const principles: PrincipleAtStake[] = [];
  for (const principle of PRINCIPLE_IDS) {
    const outcome = result.constitution[principle];
    if (outcome.status === 'respected') continue;
    principles.push({
      principle,
      name: PRINCIPLE_NAMES[principle],
      status: outcome.status,
      explanation: outcome.explanation || fallbackExplanation(principle, outcome.status),
    });
  }
  const highlights: HighlightSpan[] = [];
  for (const finding of result.findings) {
    for (const span of finding.spans) {
      const start = Math.max(0, span.start);
      const end = Math.min(textLength, span.end);
      if (end <= start) continue;
      highlights.push({
        start,
        end,
        technique: finding.technique,
        label: TECHNIQUE_LABELS.get(finding.technique) ?? finding.technique,
        explanation: TECHNIQUE_EXPLANATIONS[finding.technique],
      });
    }
  }
  highlights.sort((a, b) => a.start - b.start || a.end - b.end);
  return { action: result.action, principles, highlights: highlights.slice(0, MAX_HIGHLIGHTS) };
}

/**
 * What the page can be told from a stored record alone, when the reply could not be checked again: the
 * action and principles as recorded, no highlights (the record keeps no positions in the text).
 */
export function guidanceFromRecord(record: FootprintRecord): ReplyGuidance {
  return {
    action: record.action ?? (record.findings.length > 0 ? 'badge' : 'record'),
    principles: (record.principles ?? []).map(({ principle, status }) => ({
      principle,
      name: PRINCIPLE_NAMES[principle],
      status,
      explanation: fallbackExplanation(principle, status),
    })),
    highlights: [],
  };
}

function fallbackExplanation(principle: PrincipleId, status: 'concern' | 'violated'): string {
  const name = PRINCIPLE_NAMES[principle];
  const verdict = status === 'violated' ? 'was violated' : 'was a concern';
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} (${principle}) ${verdict} when this reply was checked.`;
}
