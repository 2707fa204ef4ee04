import { footprintKey, toFootprintRecord as summarise } from '../../wasm-core/report/footprint-record.ts';
import type { AnalysisResult, ChatTurn, FootprintRecord } from '../../wasm-core/types.ts';
import { buildExcerpts } from './excerpts.ts';

/** A turn is recorded once: this key identifies it across reloads. */
export const turnKey = footprintKey;

export interface FootprintOptions {
  /** The user's choice (settings): keep short excerpts around findings, or nothing of the text at all. */
  keepExcerpts: boolean;
}

/**
 * What the footprint keeps of an analysed reply: the same record the CLI builds, with the extension's
 * excerpt policy (up to two per finding), or no text at all when the user turned excerpts off.
 */
export function toFootprintRecord(
  turn: ChatTurn,
  result: AnalysisResult,
  options: FootprintOptions,
): FootprintRecord {
  const record = summarise(turn, result, { excerpts: false });
  return { ...record, excerpts: options.keepExcerpts ? buildExcerpts(turn.text, result.findings) : [] };
}

/** The log's body for an analysis: the record without excerpts (see record-analysis.ts for why). */
export type AnalysisLogBody = Omit<FootprintRecord, 'excerpts'>;

export function analysisLogBody(record: FootprintRecord): AnalysisLogBody {
  const { excerpts: _excerpts, ...body } = record;
  return body;
}
