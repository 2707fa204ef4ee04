import type { CoreAnalysis, CoreMatch, WasmCore } from './core.ts';
import { MAX_INPUT_LENGTH } from './core.ts';
import type { LexiconPack } from './lexicon-pack.ts';
import { DEFAULT_THRESHOLD, type TechniqueModelMeta, validateModelMeta } from './model-meta.ts';
import { type OrtWasmLocation, TechniqueModelRunner } from './onnx-runner.ts';
import { TECHNIQUE_IDS, type TechniqueId } from './taxonomy.ts';
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
  /** Without a model the analyzer runs on the lexicon alone (and says so in `engine`). */
  model?: AnalyzerModel | null;
  /** Browser/extension: URL of onnxruntime-web's ort-wasm-simd-threaded.wasm. */
  ortWasmUrl?: string;
  /** Node: directory holding onnxruntime-web's WASM files (path or file URL ending in '/'). */
  ortWasmDirectory?: string;
}

export interface Analyzer {
  /** Identifies the detector, e.g. "lexicon core-en@1 + model tech-hash@1". */
  readonly engine: string;
  /** Never throws: on failure it resolves to an empty result whose `error` says what went wrong. */
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  /** Like analyze() for many inputs, with one model call per batch; never throws either. */
  analyzeMany(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]>;
}

/** Lexicon evidence for one technique: 1 − Π(1 − weight) over its distinct matched phrases. */
function lexiconScores(matches: readonly CoreMatch[]): Map<TechniqueId, { score: number; spans: Span[] }> {
  const byTechnique = new Map<TechniqueId, { phrases: Map<number, number>; spans: Span[] }>();
  for (const match of matches) {
    let entry = byTechnique.get(match.technique);
    if (!entry) {
      entry = { phrases: new Map(), spans: [] };
      byTechnique.set(match.technique, entry);
    }
    entry.phrases.set(match.phrase, match.weight);
    entry.spans.push({ start: match.start, end: match.end });
  }
  const out = new Map<TechniqueId, { score: number; spans: Span[] }>();
  for (const [technique, { phrases, spans }] of byTechnique) {
    let miss = 1;
    for (const weight of phrases.values()) miss *= 1 - weight;
    out.set(technique, { score: 1 - miss, spans: mergeSpans(spans) });
  }
  return out;
}

/** Sorted, with overlapping spans merged (touching spans stay apart: they are separate phrases). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
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
  return Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>;
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
 * ONNX. Final score = 1 − (1 − l)(1 − m): the two are treated as independent pieces of evidence (noisy-OR),
 * so either alone can carry a finding and together they reinforce. A finding exists when the final score
 * reaches the technique's threshold from the model metadata (0.5 where absent). Its sources are the
 * detectors whose own score reaches the threshold, or, when only the combination does, every detector that
 * contributed.
 */
export async function createAnalyzer(options: AnalyzerOptions): Promise<Analyzer> {
  const { core, lexicon } = options;
  core.loadLexicon(lexicon);
  const meta = options.model ? validateModelMeta(options.model.meta) : null;
  const location: OrtWasmLocation | undefined = options.ortWasmUrl
    ? { wasmUrl: options.ortWasmUrl }
    : options.ortWasmDirectory
      ? { directory: options.ortWasmDirectory }
      : undefined;
  const runner = options.model ? await TechniqueModelRunner.create(options.model.bytes, location) : null;
  const engine = `lexicon ${lexicon.id}@${lexicon.version}${meta ? ` + model ${meta.id}@${meta.version}` : ''}`;
  const threshold = (technique: TechniqueId) => meta?.thresholds[technique] ?? DEFAULT_THRESHOLD;

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
      error: errorMessage(error),
    };
  };

  const coreAnalysis = (input: AnalyzeInput): CoreAnalysis => {
    const text = (input as AnalyzeInput | null | undefined)?.text;
    if (typeof text !== 'string') throw new Error('input.text must be a string');
    return core.analyzeText(text);
  };

  const combine = (input: AnalyzeInput, analysis: CoreAnalysis, modelScores: Float32Array | null) => {
    const lexical = lexiconScores(analysis.matches);
    const scores = zeroScores();
    const findings: Finding[] = [];
    TECHNIQUE_IDS.forEach((technique, index) => {
      const evidence = lexical.get(technique);
      const lexiconScore = clampScore(evidence?.score);
      const modelScore = clampScore(modelScores?.[index]);
      const score = 1 - (1 - lexiconScore) * (1 - modelScore);
      scores[technique] = score;
      const bar = threshold(technique);
      if (score < bar || score === 0) return;
      const sources: FindingSource[] = [];
      if (lexiconScore >= bar) sources.push('lexicon');
      if (modelScore >= bar) sources.push('model');
      if (sources.length === 0) {
        if (lexiconScore > 0) sources.push('lexicon');
        if (modelScore > 0) sources.push('model');
      }
      findings.push({ technique, score, lexiconScore, modelScore, spans: evidence?.spans ?? [], sources });
    });
    findings.sort((a, b) => b.score - a.score || a.technique.localeCompare(b.technique));
    const risk = findings[0]?.score ?? 0;
    return {
      engine,
      length: input.text.length,
      truncated: analysis.truncated,
      findings,
      scores,
      risk,
      level: riskLevel(risk, findings.length),
    } satisfies AnalysisResult;
  };

  const analyzeBatch = async (inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> => {
    try {
      const analyses = inputs.map((input) => {
        try {
          return coreAnalysis(input);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
      const ok = analyses.filter((a): a is CoreAnalysis => !(a instanceof Error));
      let modelRows: Float32Array[] = [];
      if (runner && ok.length > 0) {
        try {
          modelRows = await runner.score(ok.map((a) => a.features));
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
