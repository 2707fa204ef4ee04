import { assistantId } from '../../wasm-core/behaviour/assistant-id.ts';
import {
  type ConstitutionOutcome,
  PRINCIPLE_IDS,
  REPLY_ACTIONS,
  type ReplyAction,
} from '../../wasm-core/constitution/rule-pack.ts';
import { footprintKey, toFootprintRecord as summarise } from '../../wasm-core/report/footprint-record.ts';
import type { AnalysisResult, ChatTurn, FootprintRecord, PrincipleFlag } from '../../wasm-core/types.ts';
import { cleanModelName } from '../site-adapters/model-name.ts';
import { buildExcerpts } from './excerpts.ts';

/** A turn is recorded once: this key identifies it across reloads. */
export const turnKey = footprintKey;

export interface FootprintOptions {
  /** The user's choice (settings): keep short excerpts around findings, or nothing of the text at all. */
  keepExcerpts: boolean;
}

/**
 * What the footprint keeps of an analysed reply: the same record the CLI builds, with the extension's
 * excerpt policy (up to two per finding), or no text at all when the user turned excerpts off; plus what
 * the behavioural layer and the report read per reply: the assistant (site, or site and model), the reply's
 * length, the principles it did not respect and the action taken.
 */
export function toFootprintRecord(
  turn: ChatTurn,
  result: AnalysisResult,
  options: FootprintOptions,
): FootprintRecord {
  const record = summarise(turn, result, { excerpts: false });
  const action = replyAction(result.action);
  return {
    ...record,
    excerpts: options.keepExcerpts ? buildExcerpts(turn.text, result.findings) : [],
    // The model name crossed a message boundary from the page: it is cleaned again before it becomes an id.
    assistant: assistantId(turn.site, cleanModelName(turn.model)),
    length: turn.text.length,
    // Absent, not empty, when the analyzer evaluated no rules: "none flagged" would claim they were checked.
    ...(result.constitution ? { principles: principleFlags(result.constitution) } : {}),
    ...(action === undefined ? {} : { action }),
  };
}

/**
 * The principles not respected, in principle order, status only: which rules fired can be recomputed from
 * the rule packs; the footprint keeps what the user was told.
 */
export function principleFlags(outcome: ConstitutionOutcome): PrincipleFlag[] {
  const flags: PrincipleFlag[] = [];
  for (const principle of PRINCIPLE_IDS) {
    const status = outcome[principle]?.status;
    if (status === 'concern' || status === 'violated') flags.push({ principle, status });
  }
  return flags;
}

function replyAction(action: unknown): ReplyAction | undefined {
  return (REPLY_ACTIONS as readonly unknown[]).includes(action) ? (action as ReplyAction) : undefined;
}

/** The log's body for an analysis: the record without excerpts (see record-analysis.ts for why). */
export type AnalysisLogBody = Omit<FootprintRecord, 'excerpts'>;

export function analysisLogBody(record: FootprintRecord): AnalysisLogBody {
  const { excerpts: _excerpts, ...body } = record;
  return body;
}
