import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from '../analyzer.ts';
import type { WasmCore } from '../core.ts';
import { createNodeAnalyzer, loadCoreFromDisk, readLexiconFromDisk } from '../node.ts';
import { isTechniqueId, TECHNIQUE_IDS, type TechniqueId } from '../taxonomy.ts';
import type { AnalysisResult } from '../types.ts';

/**
 * The precision table of issue 3: assistant-style replies that use a technique, each with a twin that shares
 * the wording but negates, quotes, explains, reflects or harmlessly uses it. The FULL analyzer (WASM core,
 * lexicon with cues, semantic layer, technique model) must flag every use at its technique and no twin at
 * it; the lexicon-only analyzer must do the same, so the semantic layer holds the line on its own.
 * Needs build/wasm/core.wasm (npm run build:wasm) and the model files (npm run train).
 */

const KINDS = ['negated', 'quoted', 'explained', 'user_quote', 'benign'] as const;
type Kind = (typeof KINDS)[number];

interface Pair {
  id: string;
  technique: TechniqueId;
  kind: Kind;
  use: string;
  twin: string;
}

const table = JSON.parse(readFileSync(new URL('./precision-pairs.json', import.meta.url), 'utf8')) as {
  provenance: string;
  kinds: Record<string, string>;
  pairs: Pair[];
};
const pairs = table.pairs;

const MIN_PAIRS = 100;
const MIN_PER_TECHNIQUE = 4;
const MIN_PER_KIND = 15;

function sentences(text: string): number {
  return text.split(/(?<=[.!?]["”’)]?)\s+(?=[A-Z"“])/u).filter((part) => part.trim() !== '').length;
}

function flagged(result: AnalysisResult, technique: TechniqueId): boolean {
  return result.findings.some((finding) => finding.technique === technique);
}

function explain(result: AnalysisResult, technique: TechniqueId): string {
  const finding = result.findings.find((candidate) => candidate.technique === technique);
  if (result.error) return `error: ${result.error}`;
  if (!finding) return `not flagged (score ${result.scores[technique].toFixed(3)})`;
  return `flagged: score ${finding.score.toFixed(3)}, lexicon ${finding.lexiconScore.toFixed(3)}, model ${finding.modelScore.toFixed(3)}, sources ${finding.sources.join('+')}`;
}

describe('precision pairs: the table', () => {
  it(`has at least ${MIN_PAIRS} well-formed pairs with unique ids and texts`, () => {
    expect(pairs.length).toBeGreaterThanOrEqual(MIN_PAIRS);
    expect(table.provenance).toBe('written for Cognitive Firewall');
    const ids = new Set<string>();
    const texts = new Set<string>();
    for (const pair of pairs) {
      expect(pair.id, pair.id).toMatch(/^T\d\d\.[a-z_]+\.\d+$/);
      expect(ids.has(pair.id), pair.id).toBe(false);
      ids.add(pair.id);
      expect(isTechniqueId(pair.technique), pair.id).toBe(true);
      expect(pair.id.startsWith(`${pair.technique}.${pair.kind}.`), pair.id).toBe(true);
      expect(KINDS, pair.id).toContain(pair.kind);
      for (const text of [pair.use, pair.twin]) {
        expect(texts.has(text), `${pair.id}: repeated text`).toBe(false);
        texts.add(text);
        // Replies, not slogans: at least two sentences each.
        expect(sentences(text), `${pair.id}: ${text}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('shares no text with the training examples (it is a test set)', () => {
    const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
    const examples = new Set(
      readFileSync(new URL('../../models/examples/assistant-replies.jsonl', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => fold((JSON.parse(line) as { text: string }).text)),
    );
    const shared = pairs.flatMap((pair) => [pair.use, pair.twin]).filter((text) => examples.has(fold(text)));
    expect(shared).toEqual([]);
  });

  it.each(TECHNIQUE_IDS)(`%s has at least ${MIN_PER_TECHNIQUE} pairs`, (technique) => {
    expect(pairs.filter((pair) => pair.technique === technique).length).toBeGreaterThanOrEqual(
      MIN_PER_TECHNIQUE,
    );
  });

  it.each(KINDS)(`twins of kind %s: at least ${MIN_PER_KIND}, each described`, (kind) => {
    expect(pairs.filter((pair) => pair.kind === kind).length).toBeGreaterThanOrEqual(MIN_PER_KIND);
    expect(table.kinds[kind]?.length ?? 0).toBeGreaterThan(10);
  });
});

describe('precision pairs through the real analyzer', () => {
  let core: WasmCore;
  let full: Analyzer;
  let lexiconOnly: Analyzer;
  const fullResults = new Map<string, AnalysisResult>();
  const lexiconResults = new Map<string, AnalysisResult>();

  beforeAll(async () => {
    core = await loadCoreFromDisk();
    core.loadLexicon(await readLexiconFromDisk());
    full = await createNodeAnalyzer();
    lexiconOnly = await createNodeAnalyzer({ model: false });
    const texts = pairs.flatMap((pair) => [pair.use, pair.twin]);
    const [withModel, withoutModel] = await Promise.all([
      full.analyzeMany(texts.map((text) => ({ text }))),
      lexiconOnly.analyzeMany(texts.map((text) => ({ text }))),
    ]);
    texts.forEach((text, i) => {
      fullResults.set(text, withModel[i] as AnalysisResult);
      lexiconResults.set(text, withoutModel[i] as AnalysisResult);
    });
  }, 60_000);

  it('every twin holds a phrase of its technique, so the semantic layer is what keeps it unflagged', () => {
    const bare = pairs.filter(
      (pair) => !core.scan(pair.twin).matches.some((m) => m.technique === pair.technique),
    );
    expect(bare.map((pair) => pair.id)).toEqual([]);
  });

  it.each(pairs.map((pair) => [pair.id, pair] as const))(
    '%s: use flagged, twin not (full analyzer)',
    (_id, pair) => {
      const use = fullResults.get(pair.use) as AnalysisResult;
      const twin = fullResults.get(pair.twin) as AnalysisResult;
      expect(flagged(use, pair.technique), `use: ${explain(use, pair.technique)}`).toBe(true);
      expect(flagged(twin, pair.technique), `twin: ${explain(twin, pair.technique)}`).toBe(false);
    },
  );

  it.each(pairs.map((pair) => [pair.id, pair] as const))(
    '%s: use flagged, twin not (lexicon + semantic layer)',
    (_id, pair) => {
      const use = lexiconResults.get(pair.use) as AnalysisResult;
      const twin = lexiconResults.get(pair.twin) as AnalysisResult;
      expect(flagged(use, pair.technique), `use: ${explain(use, pair.technique)}`).toBe(true);
      expect(flagged(twin, pair.technique), `twin: ${explain(twin, pair.technique)}`).toBe(false);
    },
  );
});
