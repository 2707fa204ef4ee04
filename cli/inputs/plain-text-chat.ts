import type { ParseContext, ParsedChat } from './parsed-chat.ts';

/** A plain text file is one assistant reply, dated by the file. */
export function parsePlainTextChat(text: string, context: ParseContext): ParsedChat {
  if (text.trim() === '') {
    return {
      format: 'text',
      turns: [],
      problems: [{ file: context.file, message: 'the file is empty' }],
      undated: 0,
    };
  }
  return {
    format: 'text',
    turns: [
      {
        site: context.site,
        conversationId: context.conversationId,
        messageId: 'i0',
        turnIndex: 0,
        role: 'assistant',
        text,
        time: context.fallbackTime,
      },
    ],
    problems: [],
    undated: 1,
  };
}
