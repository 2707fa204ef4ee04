import type { PreparedText } from '../../wasm-core/analyzer.ts';
import type { MappedRow } from './label-mapping.ts';
import type { MappedDatasets } from './mapped-datasets.ts';
import { type SparseVector, toSparse } from './sparse-vector.ts';
import type { Split } from './split.ts';

/** What training needs from the analyzer: the lexicon evidence and model input it computes for a text. */
export interface TextPreparer {
  prepare(input: { text: string }): PreparedText;
}

/** A mapped row of a may-train set with the analyzer's view of its text. */
export interface PreparedRow {
  set: string;
  split: Split;
  row: MappedRow;
  /** The model's input row, sparse. */
  x: SparseVector;
  /** Lexicon score per technique, taxonomy order. */
  lexicon: Float64Array;
  /** Share of each technique's lexicon evidence the semantic layer kept. */
  kept: Float64Array;
  /** A sentence view of a training reply (sentence-views.ts): it trains the model, nothing else. */
  view: boolean;
}

/**
 * Runs the analyzer's own preparation over every row of the may-train sets (train, calibration and dev
 * splits, and the extra training views per set), so the model is fitted on exactly the input the analyzer
 * gives it. Texts repeated across sets are prepared once.
 */
export function prepareRows(
  mapped: MappedDatasets,
  preparer: TextPreparer,
  inputDim: number,
  views: ReadonlyMap<string, readonly MappedRow[]> = new Map(),
): PreparedRow[] {
  const cache = new Map<string, { x: SparseVector; lexicon: Float64Array; kept: Float64Array }>();
  const out: PreparedRow[] = [];
  for (const set of mapped.sets) {
    if (!set.mayTrain) continue;
    for (const [split, rows, view] of [
      ['train', set.train, false],
      ['train', views.get(set.set) ?? [], true],
      ['calibration', set.calibration, false],
      ['dev', set.eval, false],
    ] as const) {
      for (const row of rows) {
        let prepared = cache.get(row.text);
        if (!prepared) {
          const { modelInput, lexiconScores, modelGate } = preparer.prepare({ text: row.text });
          if (modelInput.length !== inputDim) {
            throw new Error(`the analyzer prepared ${modelInput.length} inputs, expected ${inputDim}`);
          }
          prepared = { x: toSparse(modelInput), lexicon: lexiconScores, kept: modelGate };
          cache.set(row.text, prepared);
        }
        out.push({ set: set.set, split, row, ...prepared, view });
      }
    }
  }
  return out;
}
