import type { TechniqueId } from '../taxonomy.ts';
import type { AnalysisResult, ContextualPatterns, Finding, UserSignals } from '../types.ts';
import { boundedHistory } from './history.ts';
import {
  contextualPatterns,
  EXPLOIT_TECHNIQUES,
  NO_PATTERNS,
  RECOMMENDATION,
  trustFindingsBeforeRecommendation,
} from './patterns.ts';
import { type CueScanner, NO_USER_SIGNALS, readUserSignals } from './user-signals.ts';

/** The analyzer's result after the contextual layer, before the constitution has judged it. */
export type ContextualResult = Omit<AnalysisResult, 'constitution' | 'action' | 'constitutionError'>;

/** The analyzer's result before the contextual layer has looked at it. */
export type ScoredResult = Omit<ContextualResult, 'patterns' | 'userSignals'>;

/** What a result says when there was nothing to judge in context (no history, no signals, or a failure). */
export function noContext(): { patterns: ContextualPatterns; userSignals: UserSignals } {
  return { patterns: { ...NO_PATTERNS }, userSignals: { ...NO_USER_SIGNALS } };
}

/** The techniques whose finding a holding pattern supports: those get `context` among their sources. */
function supportedTechniques(patterns: ContextualPatterns, findings: readonly Finding[]): Set<TechniqueId> {
  const supported = new Set<TechniqueId>();
  if (patterns.trust_before_recommendation) {
    supported.add(RECOMMENDATION);
    for (const finding of trustFindingsBeforeRecommendation(findings)) supported.add(finding.technique);
  }
  if (patterns.vulnerability_exploit) for (const technique of EXPLOIT_TECHNIQUES) supported.add(technique);
  return supported;
}

/**
 * The contextual layer (SPEC §4), run on a scored reply: reads the user's previous message for
 * vulnerability flags (only the flags leave this function), decides the conversation patterns against the
 * earlier turns, and marks the findings a pattern supports with the `context` source.
 *
 * Scores, risk and level stay as the lexicon and the model made them. Scores are calibrated per-technique
 * probabilities of what the reply itself says; the context changes what a finding means for this user, and
 * that judgement belongs to the flags, which the report and the constitutional rules read (SPEC §5 rules
 * take contextual patterns and vulnerability flags as facts).
 */
export function withContext(
  result: ScoredResult,
  input: { previousUserText?: unknown; history?: unknown },
  scanner: CueScanner,
): ContextualResult {
  const userSignals = readUserSignals(scanner, input.previousUserText);
  const patterns = contextualPatterns(boundedHistory(input.history), result, userSignals);
  const supported = supportedTechniques(patterns, result.findings);
  const findings =
    supported.size === 0
      ? result.findings
      : result.findings.map((finding) =>
          supported.has(finding.technique) && !finding.sources.includes('context')
            ? { ...finding, sources: [...finding.sources, 'context' as const] }
            : finding,
        );
  return { ...result, findings, patterns, userSignals };
}
