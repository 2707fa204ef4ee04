import {
  type ConstitutionOutcome,
  PRINCIPLE_IDS,
  type PrincipleId,
  type PrincipleStatus,
} from '../../../wasm-core/constitution/rule-pack.ts';
import { noContext } from '../../../wasm-core/context/contextual-layer.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../../../wasm-core/taxonomy.ts';
import type { AnalysisResult, ChatTurn, Finding, RiskLevel, Span } from '../../../wasm-core/types.ts';

/** Test inputs shaped like what the adapters and the analyzer produce. */
export function chatTurn(overrides: Partial<ChatTurn> = {}): ChatTurn {
  return {
    site: 'chatgpt.com',
    conversationId: 'c1',
    messageId: 'm1',
    turnIndex: 1,
    role: 'assistant',
    text: 'Act now, this offer ends today. Everyone is already doing it.',
    time: Date.UTC(2026, 10, 18, 20, 30),
    ...overrides,
  };
}

export function finding(technique: TechniqueId, spans: Span[], score = 0.8): Finding {
  return {
    technique,
    score,
    lexiconScore: score,
    modelScore: score / 2,
    spans,
    sources: spans.length > 0 ? ['lexicon', 'model'] : ['model'],
  };
}

/** A constitution outcome with the given statuses; every other principle respected. */
export function constitutionOutcome(
  statuses: Partial<Record<PrincipleId, PrincipleStatus>> = {},
): ConstitutionOutcome {
  const outcome = {} as ConstitutionOutcome;
  for (const principle of PRINCIPLE_IDS) {
    const status = statuses[principle] ?? 'respected';
    outcome[principle] = {
      status,
      fired: status === 'respected' ? [] : [`${principle}-test-${status}`],
      defeated: [],
      explanation: status === 'respected' ? 'No rule applied.' : `The reply is a ${status} for ${principle}.`,
    };
  }
  return outcome;
}

export function analysisResult(
  findings: Finding[],
  level: RiskLevel = findings.length ? 'medium' : 'none',
  extra: Partial<AnalysisResult> = {},
) {
  const scores = Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
  for (const f of findings) scores[f.technique] = f.score;
  const result: AnalysisResult = {
    engine: 'lexicon core-en@1 + model tech-hash@1',
    length: 60,
    truncated: false,
    findings,
    scores,
    risk: findings.length ? 0.6 : 0,
    level,
    ...noContext(),
    constitution: constitutionOutcome(),
    action: findings.length ? 'highlight' : 'record',
    ...extra,
  };
  return result;
}
