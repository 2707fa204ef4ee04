import type { ChatTurn } from '../../wasm-core/types.ts';
import type { InputProblem } from './input-problem.ts';
import { isRecord, type ParseContext, type ParsedChat } from './parsed-chat.ts';
import { parseTimeValue } from './time-value.ts';

/** Does this parsed JSON look like a ChatGPT data export (`conversations.json`)? */
export function isChatGptExport(value: unknown): boolean {
  const conversations = Array.isArray(value) ? value : [value];
  return conversations.every(isRecord) && conversations.some((c) => isRecord(c.mapping));
}

interface ExportNode {
  id: string;
  parent?: string | null;
  children?: string[];
  message?: Record<string, unknown> | null;
}

/** The visible text of a message, or null when it is not a text message (code, tool output, reasoning …). */
function messageText(message: Record<string, unknown>): string | null {
  const content = message.content;
  if (!isRecord(content)) return null;
  if (content.content_type !== 'text' && content.content_type !== 'multimodal_text') return null;
  if (!Array.isArray(content.parts)) return null;
  // Multimodal parts mix strings with image pointers; only the strings are text.
  const text = content.parts.filter((part): part is string => typeof part === 'string').join('\n');
  return text.trim() === '' ? null : text;
}

function role(message: Record<string, unknown>): string | undefined {
  const author = message.author;
  return isRecord(author) && typeof author.role === 'string' ? author.role : undefined;
}

function isHidden(message: Record<string, unknown>): boolean {
  const metadata = message.metadata;
  return isRecord(metadata) && metadata.is_visually_hidden_from_conversation === true;
}

function createTime(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseTimeValue(value);
  return parsed.ok ? parsed.time : undefined;
}

/**
 * The branch the user last saw: from `current_node` up to the root, then reversed. Without a usable
 * `current_node`, the most recently created leaf stands in for it.
 */
function currentBranch(mapping: Record<string, unknown>, currentNode: unknown): ExportNode[] | string {
  const node = (id: unknown): ExportNode | undefined => {
    if (typeof id !== 'string') return undefined;
    const value = mapping[id];
    return isRecord(value) ? ({ ...value, id } as ExportNode) : undefined;
  };
  let tip = node(currentNode);
  if (!tip) {
    let bestTime = Number.NEGATIVE_INFINITY;
    for (const id of Object.keys(mapping)) {
      const candidate = node(id);
      if (!candidate || (Array.isArray(candidate.children) && candidate.children.length > 0)) continue;
      const time = createTime(candidate.message?.create_time) ?? Number.NEGATIVE_INFINITY;
      if (!tip || time >= bestTime) {
        tip = candidate;
        bestTime = time;
      }
    }
  }
  if (!tip) return 'the mapping has no messages';
  const branch: ExportNode[] = [];
  const seen = new Set<string>();
  for (let current: ExportNode | undefined = tip; current; current = node(current.parent)) {
    if (seen.has(current.id)) return `the mapping has a cycle at node ${current.id}`;
    seen.add(current.id);
    branch.push(current);
  }
  return branch.reverse();
}

/**
 * A ChatGPT data export: an array of conversations whose `mapping` holds a tree of message nodes
 * (edits and regenerations make branches). Only the current branch is read. System, tool and hidden
 * messages, tool calls (`recipient` other than "all") and non-text content are skipped. A conversation
 * that cannot be read is reported and skipped.
 */
export function parseChatGptExport(value: unknown, context: ParseContext): ParsedChat {
  const conversations = Array.isArray(value) ? value : [value];
  const turns: ChatTurn[] = [];
  const problems: InputProblem[] = [];
  let undated = 0;

  conversations.forEach((conversation, index) => {
    const title =
      isRecord(conversation) && typeof conversation.title === 'string' ? conversation.title : undefined;
    const where = `conversation ${index + 1}${title ? ` ("${title.slice(0, 60)}")` : ''}`;
    if (!isRecord(conversation) || !isRecord(conversation.mapping)) {
      problems.push({ file: context.file, where, message: 'has no "mapping" of messages' });
      return;
    }
    const branch = currentBranch(conversation.mapping, conversation.current_node);
    if (typeof branch === 'string') {
      problems.push({ file: context.file, where, message: branch });
      return;
    }
    const rawId = conversation.conversation_id ?? conversation.id;
    const conversationId =
      typeof rawId === 'string' && rawId !== '' ? rawId : `${context.conversationId}#${index + 1}`;
    const conversationTime = createTime(conversation.create_time);
    let turnIndex = 0;
    let previousUserText: string | undefined;
    for (const node of branch) {
      const message = node.message;
      if (!isRecord(message) || isHidden(message)) continue;
      const author = role(message);
      if (author !== 'user' && author !== 'assistant') continue;
      if (author === 'assistant' && typeof message.recipient === 'string' && message.recipient !== 'all')
        continue;
      const text = messageText(message);
      if (text === null) continue;
      const position = turnIndex++;
      if (author === 'user') {
        previousUserText = text;
        continue;
      }
      const time = createTime(message.create_time) ?? conversationTime;
      if (time === undefined) undated++;
      turns.push({
        site: context.site,
        conversationId,
        messageId: typeof message.id === 'string' ? message.id : node.id,
        turnIndex: position,
        role: 'assistant',
        text,
        ...(previousUserText === undefined ? {} : { previousUserText }),
        time: time ?? context.fallbackTime,
      });
    }
  });
  return { format: 'chatgpt-export', turns, problems, undated };
}
