import {
  PRINCIPLE_IDS,
  type PrincipleId,
  REPLY_ACTIONS,
  type ReplyAction,
} from '../wasm-core/constitution/rule-pack.ts';
import { isTechniqueId, type TechniqueId } from '../wasm-core/taxonomy.ts';
import type { ChatTurn, RiskLevel } from '../wasm-core/types.ts';

/**
 * Content script → background. The content script sends one message per completed assistant turn; the
 * background has it analysed and recorded, and answers with the outcome so the page can be marked and,
 * depending on the protection level, annotated. Everything here stays inside the browser: the page's own
 * text goes to the extension and positions in it come back.
 */
export const ANALYZE_TURN = 'cogfw:analyze-turn';

export interface AnalyzeTurnMessage {
  type: typeof ANALYZE_TURN;
  turn: ChatTurn;
}

/** A principle the reply did not respect, as the page names it. */
export interface PrincipleAtStake {
  principle: PrincipleId;
  /** The principle's name ("user autonomy"). */
  name: string;
  status: 'concern' | 'violated';
  /** The deciding rule's sentence. */
  explanation: string;
}

/** A stretch of the reply's text where a technique was found: offsets into the text the page sent. */
export interface HighlightSpan {
  start: number;
  end: number;
  technique: TechniqueId;
  /** The technique's name ("Urgency"). */
  label: string;
  /** One line saying what the technique does to the reader. */
  explanation: string;
}

/** What the page shows for a reply: the action the protection level chose, and what it is about. */
export interface ReplyGuidance {
  action: ReplyAction;
  /** Principles not respected, in principle order. */
  principles: PrincipleAtStake[];
  /** Sorted by start. */
  highlights: HighlightSpan[];
}

/** Bounds on a reply's guidance, so an odd analysis cannot make the page do unbounded work. */
export const MAX_HIGHLIGHTS = 400;
const MAX_SENTENCE = 500;

export type AnalyzeTurnReply =
  | ({
      ok: true;
      level: RiskLevel;
      /** Number of techniques found in the reply. */
      findings: number;
      /** The turn had been recorded before (a reload, a revisited conversation). */
      duplicate: boolean;
    } & ReplyGuidance)
  | { ok: false; error: string };

const RISK_LEVELS: readonly string[] = ['none', 'low', 'medium', 'high'] satisfies readonly RiskLevel[];

export function analyzeTurnMessage(turn: ChatTurn): AnalyzeTurnMessage {
  return { type: ANALYZE_TURN, turn };
}

/** Shape check only; the receiver validates the turn's fields before analysing it. */
export function isAnalyzeTurnMessage(message: unknown): message is AnalyzeTurnMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === ANALYZE_TURN && typeof m.turn === 'object' && m.turn !== null;
}

export function isAnalyzeTurnReply(reply: unknown): reply is AnalyzeTurnReply {
  if (typeof reply !== 'object' || reply === null) return false;
  const r = reply as Record<string, unknown>;
  if (r.ok === false) return typeof r.error === 'string';
  return (
    r.ok === true &&
    typeof r.level === 'string' &&
    RISK_LEVELS.includes(r.level) &&
    typeof r.findings === 'number' &&
    typeof r.duplicate === 'boolean' &&
    isReplyGuidance(r)
  );
}

/** Checks the guidance fields of a reply (extra fields are ignored). */
export function isReplyGuidance(value: unknown): value is ReplyGuidance {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Record<string, unknown>;
  return (
    (REPLY_ACTIONS as readonly unknown[]).includes(g.action) &&
    Array.isArray(g.principles) &&
    g.principles.length <= PRINCIPLE_IDS.length &&
    g.principles.every(isPrincipleAtStake) &&
    Array.isArray(g.highlights) &&
    g.highlights.length <= MAX_HIGHLIGHTS &&
    g.highlights.every(isHighlightSpan)
  );
}

function isSentence(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_SENTENCE;
}

function isPrincipleAtStake(value: unknown): value is PrincipleAtStake {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    (PRINCIPLE_IDS as readonly unknown[]).includes(p.principle) &&
    (p.status === 'concern' || p.status === 'violated') &&
    isSentence(p.name) &&
    isSentence(p.explanation)
  );
}

function isHighlightSpan(value: unknown): value is HighlightSpan {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  return (
    Number.isInteger(h.start) &&
    Number.isInteger(h.end) &&
    (h.start as number) >= 0 &&
    (h.end as number) > (h.start as number) &&
    isTechniqueId(h.technique) &&
    isSentence(h.label) &&
    isSentence(h.explanation)
  );
}

/** The guidance fields of a reply, copied field by field so nothing else rides along to the page. */
export function guidanceOf(reply: ReplyGuidance): ReplyGuidance {
  return {
    action: reply.action,
    principles: reply.principles.map(({ principle, name, status, explanation }) => ({
      principle,
      name,
      status,
      explanation,
    })),
    highlights: reply.highlights.map(({ start, end, technique, label, explanation }) => ({
      start,
      end,
      technique,
      label,
      explanation,
    })),
  };
}
