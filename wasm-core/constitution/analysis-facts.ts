import { hasVulnerability } from '../context/user-signals.ts';
import { TECHNIQUE_IDS } from '../taxonomy.ts';
import type { AnalysisResult, ContextualPatterns } from '../types.ts';
import type { AssistantState, Facts, FactValue, ProtectionLevelId } from './rule-pack.ts';

/** The protection level and drift state rules see when nobody says otherwise (SPEC §6: standard is the default). */
export const DEFAULT_LEVEL: ProtectionLevelId = 'standard';
export const DEFAULT_ASSISTANT_STATE: AssistantState = 'NORMAL';

/** What the constitution reads besides the reply itself. */
export interface FactContext {
  level?: ProtectionLevelId;
  /** The site the reply came from; without it `context.site` is missing and atoms over it are false. */
  site?: string;
  /** Vulnerability known from elsewhere (e.g. a carer's setting); the user's own signals count either way. */
  vulnerable?: boolean;
  assistantState?: AssistantState;
}

/** The part of an analysis the facts come from. */
export type ScoredAnalysis = Pick<AnalysisResult, 'scores' | 'findings' | 'patterns' | 'userSignals'>;

const PATTERN_NAMES: readonly (keyof ContextualPatterns)[] = [
  'trust_before_recommendation',
  'escalation',
  'vulnerability_exploit',
];

/** `context.*` facts, with the defaults for level, state and vulnerability. */
export function contextFacts(context: FactContext = {}): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {
    'context.level': context.level ?? DEFAULT_LEVEL,
    'context.vulnerable': context.vulnerable === true,
    'context.assistant_state': context.assistantState ?? DEFAULT_ASSISTANT_STATE,
  };
  if (typeof context.site === 'string') facts['context.site'] = context.site;
  return facts;
}

/**
 * The facts of one scored reply (SPEC §5): every technique's final score and its finding's evidence-span
 * count (0 without a finding, and for a finding only the model vouches for), the contextual patterns, and
 * the context. `context.vulnerable` holds when any of the user's signals does or the context says so.
 */
export function analysisFacts(analysis: ScoredAnalysis, context: FactContext = {}): Facts {
  const counts = new Map(analysis.findings.map((finding) => [finding.technique, finding.spans.length]));
  const facts: Record<string, FactValue> = {};
  for (const technique of TECHNIQUE_IDS) {
    facts[`technique.${technique}.score`] = analysis.scores[technique] ?? 0;
    facts[`technique.${technique}.count`] = counts.get(technique) ?? 0;
  }
  for (const name of PATTERN_NAMES) facts[`pattern.${name}`] = analysis.patterns[name] === true;
  return {
    ...facts,
    ...contextFacts({
      ...context,
      vulnerable: context.vulnerable === true || hasVulnerability(analysis.userSignals),
    }),
  };
}
