import type { ChatTurn } from '../../wasm-core/types.ts';
import type { InputProblem } from './input-problem.ts';

export type ChatFormat = 'jsonl' | 'text' | 'chatgpt-export' | 'claude-export';

/** The assistant turns of one chat file, ready for the analyzer. */
export interface ParsedChat {
  format: ChatFormat;
  /** Assistant turns in file order, each with the user message before it. */
  turns: ChatTurn[];
  /** Rows or conversations that were skipped, with the reason. */
  problems: InputProblem[];
  /** How many turns carried no time and were dated with `fallbackTime`. */
  undated: number;
  /** How many JSONL rows named no role and were read as standalone assistant replies. */
  standalone?: number;
}

export interface ParseContext {
  /** The file's name as the user gave it, for messages. */
  file: string;
  /** Site for turns that do not name one. */
  site: string;
  /** Conversation id for turns that do not name one. */
  conversationId: string;
  /** Time for turns that carry none (the file's modification time). */
  fallbackTime: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
