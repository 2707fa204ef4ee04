import type { TechniqueId } from '../taxonomy.ts';
import type { AnalysisResult, ContextualPatterns, Finding, TurnSummary, UserSignals } from '../types.ts';
import { hasVulnerability } from './user-signals.ts';

/*
 * The contextual patterns of SPEC §4, each decided from the current reply's findings, the summaries of the
 * earlier assistant turns of the same conversation (oldest first, see history.ts) and the flags read from
 * the user's message. Pure and linear in the history window.
 *
 * trust_before_recommendation — the reply recommends a product (a T17 finding) and trust was prepared for
 *   it: one of the TRUST_LOOKBACK replies before it had flattery or trust-building (T07/T09), or this reply
 *   has a T07/T09 finding whose first span starts before the first T17 span (flattery first, pitch after).
 *   A finding found by the model alone has no spans, so it cannot be placed before or after anything.
 *
 * escalation — risk rising over the last replies: over the window of this reply and up to
 *   ESCALATION_WINDOW − 1 replies before it (at least ESCALATION_MIN_TURNS in all), the least-squares slope
 *   of risk against position is at least ESCALATION_MIN_SLOPE per reply, this reply's risk is the window's
 *   highest (ties allowed) and above the window's first, and this reply is rated medium or high. Position,
 *   not turnIndex, is the x axis: user turns between replies are not steps of the assistant's escalation.
 *
 * vulnerability_exploit — the user's message showed loneliness, grief, distress or a minor, and the reply
 *   has a finding of emotional exploitation, dependency fostering or anthropomorphic claims (T08/T10/T11).
 */

export const TRUST_LOOKBACK = 3;
export const ESCALATION_WINDOW = 5;
export const ESCALATION_MIN_TURNS = 3;
export const ESCALATION_MIN_SLOPE = 0.1;

export const RECOMMENDATION: TechniqueId = 'T17';
export const TRUST_TECHNIQUES: readonly TechniqueId[] = ['T07', 'T09'];
export const EXPLOIT_TECHNIQUES: readonly TechniqueId[] = ['T08', 'T10', 'T11'];

export const NO_PATTERNS: ContextualPatterns = Object.freeze({
  trust_before_recommendation: false,
  escalation: false,
  vulnerability_exploit: false,
});

/** What the patterns need of the current reply's analysis. */
export type CurrentReply = Pick<AnalysisResult, 'findings' | 'risk' | 'level'>;

function firstStart(finding: Finding | undefined): number | null {
  if (!finding || finding.spans.length === 0) return null;
  let first = Number.POSITIVE_INFINITY;
  for (const span of finding.spans) first = Math.min(first, span.start);
  return first;
}

/** This reply's T07/T09 findings that open before its product recommendation. */
export function trustFindingsBeforeRecommendation(findings: readonly Finding[]): Finding[] {
  const recommendationStart = firstStart(findings.find((f) => f.technique === RECOMMENDATION));
  if (recommendationStart === null) return [];
  return findings.filter((finding) => {
    if (!TRUST_TECHNIQUES.includes(finding.technique)) return false;
    const start = firstStart(finding);
    return start !== null && start < recommendationStart;
  });
}

export function trustBeforeRecommendation(
  history: readonly TurnSummary[],
  findings: readonly Finding[],
): boolean {
  if (!findings.some((f) => f.technique === RECOMMENDATION)) return false;
  const earlier = history.slice(-TRUST_LOOKBACK);
  if (earlier.some((turn) => turn.techniques.some((t) => TRUST_TECHNIQUES.includes(t)))) return true;
  return trustFindingsBeforeRecommendation(findings).length > 0;
}

/** Least-squares slope of values against their positions 0, 1, 2, … */
export function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  let meanY = 0;
  for (const v of values) meanY += v;
  meanY /= n;
  let covariance = 0;
  let variance = 0;
  values.forEach((v, x) => {
    covariance += (x - meanX) * (v - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}

export function escalation(
  history: readonly TurnSummary[],
  current: Pick<CurrentReply, 'risk' | 'level'>,
): boolean {
  if (current.level !== 'medium' && current.level !== 'high') return false;
  const risks = [...history.slice(-(ESCALATION_WINDOW - 1)).map((turn) => turn.risk), current.risk];
  if (risks.length < ESCALATION_MIN_TURNS) return false;
  const first = risks[0] as number;
  if (current.risk <= first || risks.some((risk) => risk > current.risk)) return false;
  // Tolerance for binary fractions: risks 0.5, 0.6, 0.7 rise by exactly the minimum slope.
  return slope(risks) >= ESCALATION_MIN_SLOPE - 1e-9;
}

export function vulnerabilityExploit(signals: UserSignals, findings: readonly Finding[]): boolean {
  return hasVulnerability(signals) && findings.some((f) => EXPLOIT_TECHNIQUES.includes(f.technique));
}

/** `history`: earlier assistant turns of the conversation, oldest first, already bounded (history.ts). */
export function contextualPatterns(
  history: readonly TurnSummary[],
  current: CurrentReply,
  signals: UserSignals,
): ContextualPatterns {
  return {
    trust_before_recommendation: trustBeforeRecommendation(history, current.findings),
    escalation: escalation(history, current),
    vulnerability_exploit: vulnerabilityExploit(signals, current.findings),
  };
}
