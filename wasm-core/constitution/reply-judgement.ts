import type { ContextualResult } from '../context/contextual-layer.ts';
import type { AnalysisResult, AnalyzeInput } from '../types.ts';
import { analysisFacts, DEFAULT_ASSISTANT_STATE, DEFAULT_LEVEL } from './analysis-facts.ts';
import type { ConstitutionEvaluator } from './constitution-evaluator.ts';
import { replyAction } from './reply-action.ts';
import { respectedConstitution } from './respected-constitution.ts';
import {
  ASSISTANT_STATES,
  type AssistantState,
  PROTECTION_LEVEL_IDS,
  type ProtectionLevelId,
  type ReplyAction,
} from './rule-pack.ts';

/** What a result says when there was nothing to judge (an empty or failed analysis). */
export function noJudgement(): Pick<AnalysisResult, 'constitution' | 'action'> {
  return { constitution: respectedConstitution(), action: 'record' };
}

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return (values as readonly unknown[]).includes(value) ? (value as T) : fallback;
}

/**
 * The constitutional layer (SPEC §3 step 2, after the contextual layer): the reply's facts judged by the
 * shipped constitution and the user's personal packs, and the action its protection level calls for. The
 * level and drift state come from `input.constitution` (standard and NORMAL when absent or unknown).
 */
export function withJudgement(
  result: ContextualResult,
  input: AnalyzeInput,
  evaluator: ConstitutionEvaluator,
): AnalysisResult {
  const settings = (typeof input.constitution === 'object' && input.constitution) || {};
  const level: ProtectionLevelId = oneOf(PROTECTION_LEVEL_IDS, settings.level, DEFAULT_LEVEL);
  const assistantState: AssistantState = oneOf(
    ASSISTANT_STATES,
    settings.assistantState,
    DEFAULT_ASSISTANT_STATE,
  );
  const site = typeof input.site === 'string' ? input.site : undefined;
  const facts = analysisFacts(result, { level, site, assistantState });
  const { outcome, personalPacksError } = evaluator.evaluate(facts, settings.personalPacks);
  const action: ReplyAction = replyAction(outcome, level);
  return {
    ...result,
    constitution: outcome,
    action,
    ...(personalPacksError === undefined ? {} : { constitutionError: personalPacksError }),
  };
}
