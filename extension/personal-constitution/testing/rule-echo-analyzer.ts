import { replyAction } from '../../../wasm-core/constitution/reply-action.ts';
import type { RulePack } from '../../../wasm-core/constitution/rule-pack.ts';
import type { AnalysisResult, AnalyzeInput } from '../../../wasm-core/types.ts';
import { analysisResult, constitutionOutcome } from '../../store/testing/analysis-fixtures.ts';

/**
 * Stands in for the analysis worker in component tests. It does not read the text: every enabled personal
 * rule counts as applicable, a flagging rule sets its principle's status and a defeater clears it, so a
 * test can see its rules reach the preview. Each call is kept in `calls`.
 */
export function ruleEchoAnalyzer() {
  const calls: AnalyzeInput[] = [];
  async function analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    calls.push(structuredClone(input));
    const outcome = constitutionOutcome();
    const packs = (input.constitution?.personalPacks ?? []) as readonly RulePack[];
    for (const rule of packs.flatMap((pack) => pack.rules)) {
      if (rule.disabled) continue;
      const principle = outcome[rule.principle];
      principle.fired.push(rule.id);
      if (rule.kind === 'defeater') {
        principle.status = 'respected';
      } else {
        principle.status = rule.then;
        principle.explanation = rule.explain;
      }
    }
    return analysisResult([], 'none', {
      constitution: outcome,
      action: replyAction(outcome, input.constitution?.level ?? 'standard'),
    });
  }
  return { analyze, calls };
}
