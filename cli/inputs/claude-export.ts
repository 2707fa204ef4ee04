import type { ChatTurn } from '../../wasm-core/types.ts';
import type { InputProblem } from './input-problem.ts';
import { isRecord, type ParseContext, type ParsedChat } from './parsed-chat.ts';
import { parseTimeValue } from './time-value.ts';

/** Does this parsed JSON look like a Claude data export (`conversations.json` with `chat_messages`)? */
export function isClaudeExport(value: unknown): boolean {
  return Array.isArray(value) && value.every(isRecord) && value.some((c) => Array.isArray(c.chat_messages));
}

/** The text blocks of a message; tool use and attachments are not the assistant's words. */
function messageText(message: Record<string, unknown>): string | null {
  if (Array.isArray(message.content)) {
    const blocks = message.content
      .filter((block) => isRecord(block) && block.type === 'text' && typeof block.text === 'string')
      .map((block) => (block as { text: string }).text);
    if (blocks.length > 0) {
      const text = blocks.join('\n\n');
      return text.trim() === '' ? null : text;
    }
  }
  return typeof message.text === 'string' && message.text.trim() !== '' ? message.text : null;
}

/**
 * A Claude data export: an array of conversations, each with `chat_messages` in order
 * (`sender` human or assistant). A conversation that cannot be read is reported and skipped.
 */
export function parseClaudeExport(value: unknown, context: ParseContext): ParsedChat {
  const conversations = Array.isArray(value) ? value : [];
  const turns: ChatTurn[] = [];
  const problems: InputProblem[] = [];
  let undated = 0;

  conversations.forEach((conversation, index) => {
    const name =
      isRecord(conversation) && typeof conversation.name === 'string' ? conversation.name : undefined;
    const where = `conversation ${index + 1}${name ? ` ("${name.slice(0, 60)}")` : ''}`;
    if (!isRecord(conversation) || !Array.isArray(conversation.chat_messages)) {
      problems.push({ file: context.file, where, message: 'has no "chat_messages"' });
      return;
    }
    const conversationId =
      typeof conversation.uuid === 'string' && conversation.uuid !== ''
        ? conversation.uuid
        : `${context.conversationId}#${index + 1}`;
    let turnIndex = 0;
    let previousUserText: string | undefined;
    conversation.chat_messages.forEach((message, messageIndex) => {
      if (!isRecord(message)) return;
      const sender = message.sender;
      if (sender !== 'human' && sender !== 'assistant') return;
      const text = messageText(message);
      if (text === null) return;
      const position = turnIndex++;
      if (sender === 'human') {
        previousUserText = text;
        return;
      }
      const parsed = message.created_at === undefined ? undefined : parseTimeValue(message.created_at);
      const time = parsed?.ok ? parsed.time : undefined;
      if (time === undefined) undated++;
      turns.push({
        site: context.site,
        conversationId,
        messageId: typeof message.uuid === 'string' ? message.uuid : `i${messageIndex}`,
        turnIndex: position,
        role: 'assistant',
        text,
        ...(previousUserText === undefined ? {} : { previousUserText }),
        time: time ?? context.fallbackTime,
      });
    });
  });
  return { format: 'claude-export', turns, problems, undated };
}
