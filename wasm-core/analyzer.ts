import { ConstitutionEvaluator } from './constitution/constitution-evaluator.ts';
import { noJudgement, withJudgement } from './constitution/reply-judgement.ts';
import { RuleEngine } from './constitution/rule-engine.ts';
import type { RulePack } from './constitution/rule-pack.ts';
import { noContext, type ScoredResult, withContext } from './context/contextual-layer.ts';
import type { CoreAnalysis, CoreMatch, WasmCore } from './core.ts';
import { MAX_INPUT_LENGTH } from './core.ts';
import type { LexiconPack } from './lexicon-pack.ts';
import { DEFAULT_THRESHOLD, type TechniqueModelMeta, validateModelMeta } from './model-meta.ts';
import { type OrtWasmLocation, TechniqueModelRunner } from './onnx-runner.ts';
import { calibratedScore } from './scoring/calibration.ts';
import { type LexiconEvidence, modelInputRow } from './scoring/lexicon-features.ts';
import { modelGate, wordCount } from './scoring/model-gate.ts';
import { adjustMatches } from './semantic/adjust-matches.ts';
import { TECHNIQUE_COUNT, TECHNIQUE_IDS, type TechniqueId } from './taxonomy.ts';
import type { AnalysisResult, AnalyzeInput, Finding, FindingSource, RiskLevel, Span } from './types.ts';

/** Inputs per model call in analyzeMany(). */
const BATCH_SIZE = 128;

export interface AnalyzerModel {
  /** models/technique-model.onnx */
  bytes: Uint8Array;
  /** models/technique-model.json (validated here) */
  meta: TechniqueModelMeta | unknown;
}

export interface AnalyzerOptions {
  /** The analyzer loads its lexicon into this core and owns it from then on: one core per analyzer. */
  core: WasmCore;
  lexicon: LexiconPack;
  /** Cue-only packs loaded alongside (models/lexicon/context-en.json): the contextual layer's user signals. */
  contextLexicons?: readonly LexiconPack[];
  /**
   * The shipped constitution (models/rules/constitution.json), validated here. Without it only the personal
   * packs a reply comes with are evaluated (none: every principle respected).
   */
  constitution?: RulePack | unknown;
  /** Without a model the analyzer runs on the lexicon alone (and says so in `engine`). */
  model?: AnalyzerModel | null;
  /** Browser/extension: URL of onnxruntime-web's ort-wasm-simd-threaded.wasm. */
  ortWasmUrl?: string;
  /** Node: directory holding onnxruntime-web's WASM files (path or file URL ending in '/'). */
  ortWasmDirectory?: string;
}

/** What the analyzer derives from a text before the model runs. */
export interface PreparedText {
  /** Lexicon score per technique, taxonomy order (after the semantic adjustments). */
  lexiconScores: Float64Array;
  /** Share of the model's positive log-odds let through per technique (scoring/model-gate.ts). */
  modelGate: Float64Array;
  /** The model's input row: hashed text features, then lexicon features (scoring/lexicon-features.ts). */
  modelInput: Float32Array;
}

export interface Analyzer {
  /** Identifies the detector, e.g. "lexicon core-en@1 + model tech-hash@1". */
  readonly engine: string;
  /**
   * The lexicon evidence and model input of one text, as analyze() computes them. The trainer builds its rows
   * with this, so the model is trained on exactly what it sees here. Throws on invalid input.
   */
  prepare(input: AnalyzeInput): PreparedText;
  /** Never throws: on failure it resolves to an empty result whose `error` says what went wrong. */
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  /** Like analyze() for many inputs, with one model call per batch; never throws either. */
  analyzeMany(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]>;
}

type TechniqueEvidence = LexiconEvidence & { spans: Span[] };

/** Lexicon evidence for one technique: 1 − Π(1 − weight) over its distinct matched phrases. */
function lexiconScores(matches: readonly CoreMatch[]): Map<TechniqueId, TechniqueEvidence> {
  const byTechnique = new Map<
    TechniqueId,
    { phrases: Map<number, number>; base: Map<number, number>; spans: Span[] }
  >();
  for (const match of matches) {
    let entry = byTechnique.get(match.technique);
    if (!entry) {
      entry = { phrases: new Map(), base: new Map(), spans: [] };
      byTechnique.set(match.technique, entry);
    }
    // A phrase used once and quoted once counts as used: keep its strongest reading.
    entry.phrases.set(match.phrase, Math.max(entry.phrases.get(match.phrase) ?? 0, match.weight));
    entry.base.set(match.phrase, (match as { baseWeight?: number }).baseWeight ?? match.weight);
    entry.spans.push({ start: match.start, end: match.end });
  }
  const out = new Map<TechniqueId, TechniqueEvidence>();
  for (const [technique, { phrases, base, spans }] of byTechnique) {
    out.set(technique, {
      score: noisyOr(phrases.values()),
      phrases: phrases.size,
      baseScore: noisyOr(base.values()),
      spans: mergeSpans(spans),
    });
  }
  return out;
}

function noisyOr(weights: Iterable<number>): number {
  let miss = 1;
  for (const weight of weights) miss *= 1 - weight;
  return 1 - miss;
}

function byStartThenEnd(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** Sorted, with overlapping spans merged (touching spans stay apart: they are separate phrases). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort(byStartThenEnd);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

export function riskLevel(risk: number, findings: number): RiskLevel {
  if (findings === 0) return 'none';
  if (risk < 0.6) return 'low';
  if (risk < 0.8) return 'medium';
  return 'high';
}

function zeroScores(): Record<TechniqueId, number> {
  const scores = {} as Record<TechniqueId, number>;
  for (const id of TECHNIQUE_IDS) scores[id] = 0;
  return scores;
}

function clampScore(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function inputLength(input: unknown): number {
  const text = (input as AnalyzeInput | null | undefined)?.text;
  return typeof text === 'string' ? text.length : 0;
}

/**
 * Builds the analyzer from a loaded core, a lexicon pack and (optionally) the technique model. Setup errors
 * (invalid pack or metadata, unreadable model) throw here; analyze() itself never throws.
 *
 * Scoring. Lexicon score l = 1 − Π(1 − w) over the technique's distinct matched phrases; model score m from
 * ONNX, which reads the hashed text features and the lexicon features (so it can overrule or confirm the
 * phrase list). Final score = the technique's calibration from the model metadata applied to (l, m)
 * (scoring/calibration.ts: a logistic stacker fitted on held-out data), so a final score is an estimated
 * probability; a model leaning positive counts only as much as the semantic layer kept of the technique's
 * lexicon evidence (a quoted phrase does not let the model vouch for the words around it). Without a model
 * the final score is l. A finding exists when the final score reaches the
 * technique's threshold (0.5 where absent). Its sources: the lexicon when a phrase contributed, the model when
 * the calibration uses it and it leans positive (m ≥ 0.5); failing both, whichever the calibration uses.
 */
export async function createAnalyzer(options: AnalyzerOptions): Promise<Analyzer> {
  const { core, lexicon } = options;
  core.loadLexicons([lexicon, ...(options.contextLexicons ?? [])]);
  const constitution = new ConstitutionEvaluator(
    new RuleEngine(core),
    options.constitution ?? { id: 'none', version: 0, rules: [] },
  );
  const meta = options.model ? validateModelMeta(options.model.meta) : null;
  const location: OrtWasmLocation | undefined = options.ortWasmUrl
    ? { wasmUrl: options.ortWasmUrl }
    : options.ortWasmDirectory
      ? { directory: options.ortWasmDirectory }
      : undefined;
  const runner =
    options.model && meta
      ? await TechniqueModelRunner.create(options.model.bytes, meta.inputDim, location)
      : null;
  const engine = `lexicon ${lexicon.id}@${lexicon.version}${meta ? ` + model ${meta.id}@${meta.version}` : ''}`;
  const threshold = (technique: TechniqueId) => meta?.thresholds[technique] ?? DEFAULT_THRESHOLD;
  const finalScore = (technique: TechniqueId, lexiconScore: number, modelScore: number, gate: number) =>
    meta
      ? calibratedScore(meta.calibration.techniques[technique], lexiconScore, modelScore, gate)
      : lexiconScore;
  const usesModel = (technique: TechniqueId) =>
    meta !== null && meta.calibration.techniques[technique].model > 0;

  const emptyResult = (input: unknown, error: unknown): AnalysisResult => {
    const length = inputLength(input);
    return {
      engine,
      length,
      truncated: length > MAX_INPUT_LENGTH,
      findings: [],
      scores: zeroScores(),
      risk: 0,
      level: 'none',
      ...noContext(),
      ...noJudgement(),
      error: errorMessage(error),
    };
  };

  interface Evidence {
    analysis: CoreAnalysis;
    lexical: Map<TechniqueId, TechniqueEvidence>;
    words: number;
  }

  const evidenceOf = (input: AnalyzeInput): Evidence => {
    const text = (input as AnalyzeInput | null | undefined)?.text;
    if (typeof text !== 'string') throw new Error('input.text must be a string');
    const analysis = core.analyzeText(text);
    const lexical = lexiconScores(adjustMatches(text, analysis));
    return { analysis, lexical, words: wordCount(text, analysis.analysedLength) };
  };

  const prepare = (input: AnalyzeInput): PreparedText => {
    const { analysis, lexical, words } = evidenceOf(input);
    const lexiconScores = new Float64Array(TECHNIQUE_COUNT);
    const gates = new Float64Array(TECHNIQUE_COUNT);
    TECHNIQUE_IDS.forEach((technique, k) => {
      lexiconScores[k] = clampScore(lexical.get(technique)?.score);
      gates[k] = modelGate(lexical.get(technique), words);
    });
    return { lexiconScores, modelGate: gates, modelInput: modelInputRow(analysis.sparseFeatures, lexical) };
  };

  const combine = (
    input: AnalyzeInput,
    { analysis, lexical, words }: Evidence,
    modelScores: Float32Array | null,
  ) => {
    const scores = zeroScores();
    const findings: Finding[] = [];
    TECHNIQUE_IDS.forEach((technique, index) => {
      const evidence = lexical.get(technique);
      const lexiconScore = clampScore(evidence?.score);
      const modelScore = clampScore(modelScores?.[index]);
      const score = finalScore(technique, lexiconScore, modelScore, modelGate(evidence, words));
      scores[technique] = score;
      const bar = threshold(technique);
      if (score < bar || score === 0) return;
      const sources: FindingSource[] = [];
      if (lexiconScore > 0) sources.push('lexicon');
      if (usesModel(technique) && modelScore >= 0.5) sources.push('model');
      if (sources.length === 0) sources.push(usesModel(technique) ? 'model' : 'lexicon');
      findings.push({ technique, score, lexiconScore, modelScore, spans: evidence?.spans ?? [], sources });
    });
    findings.sort((a, b) => b.score - a.score || a.technique.localeCompare(b.technique));
    const risk = findings[0]?.score ?? 0;
    const scored: ScoredResult = {
      engine,
      length: input.text.length,
      truncated: analysis.truncated,
      findings,
      scores,
      risk,
      level: riskLevel(risk, findings.length),
    };
    return withJudgement(withContext(scored, input, core), input, constitution);
  };

  const analyzeBatch = async (inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> => {
    try {
      const analyses = inputs.map((input) => {
        try {
          return evidenceOf(input);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
      const ok = analyses.filter((a): a is Evidence => !(a instanceof Error));
      let modelRows: Float32Array[] = [];
      if (runner && ok.length > 0) {
        try {
          modelRows = await runner.score(ok.map((e) => modelInputRow(e.analysis.sparseFeatures, e.lexical)));
        } catch (error) {
          return inputs.map((input) => emptyResult(input, `technique model failed: ${errorMessage(error)}`));
        }
      }
      let row = 0;
      return inputs.map((input, i) => {
        const analysis = analyses[i];
        if (!analysis || analysis instanceof Error) return emptyResult(input, analysis);
        try {
          return combine(input, analysis, runner ? (modelRows[row++] ?? null) : null);
        } catch (error) {
          return emptyResult(input, error);
        }
      });
    } catch (error) {
      return inputs.map((input) => emptyResult(input, error));
    }
  };

  const analyzeMany = async (inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> => {
    if (!Array.isArray(inputs)) return [];
    const results: AnalysisResult[] = [];
    // Batches bound memory: each input holds a FEATURE_DIM vector until its model call.
    for (let from = 0; from < inputs.length; from += BATCH_SIZE) {
      results.push(...(await analyzeBatch(inputs.slice(from, from + BATCH_SIZE))));
    }
    return results;
  };

  return {
    engine,
    prepare,
    analyzeMany,
    async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
      try {
        const [result] = await analyzeMany([input]);
        return result ?? emptyResult(input, 'no result');
      } catch (error) {
        return emptyResult(input, error);
      }
    },
  };
}
