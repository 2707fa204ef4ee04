import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CliError } from '../exit-codes.ts';
import { isChatGptExport, parseChatGptExport } from './chatgpt-export.ts';
import { isClaudeExport, parseClaudeExport } from './claude-export.ts';
import { jsonErrorLocation, jsonErrorMessage } from './json-error.ts';
import { parseJsonlChat } from './jsonl-chat.ts';
import type { ChatFormat, ParseContext, ParsedChat } from './parsed-chat.ts';
import { isRecord } from './parsed-chat.ts';
import { parsePlainTextChat } from './plain-text-chat.ts';

const DEFAULT_SITES: Record<ChatFormat, string> = {
  'chatgpt-export': 'chatgpt.com',
  'claude-export': 'claude.ai',
  jsonl: 'unknown',
  text: 'unknown',
};

export interface ChatFileOptions {
  /** Site for turns that do not name one; replaces the format's default. */
  site?: string;
}

function firstContentLine(text: string): string | undefined {
  return text.split(/\r?\n/).find((line) => line.trim() !== '');
}

function parsesAsObject(line: string | undefined): boolean {
  if (line === undefined) return false;
  try {
    return isRecord(JSON.parse(line));
  } catch {
    return false;
  }
}

/**
 * Parse chat text, choosing the format by content. `.jsonl`/`.ndjson` files are always JSONL, so a bad
 * first line is reported rather than turning the file into "plain text". Otherwise a whole-file JSON
 * document must be a ChatGPT or Claude export (or a single JSONL row); text whose first line is a JSON
 * object is JSONL; anything else is one plain-text reply.
 */
export function parseChatText(
  text: string,
  context: Omit<ParseContext, 'site'>,
  options: ChatFileOptions = {},
) {
  const withSite = (format: ChatFormat): ParseContext => ({
    ...context,
    site: options.site ?? DEFAULT_SITES[format],
  });
  const extension = extname(context.file).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return parseJsonlChat(text, withSite('jsonl'));

  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let document: unknown;
    let parseError: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      parseError = error;
    }
    if (parseError === undefined) {
      if (isChatGptExport(document)) return parseChatGptExport(document, withSite('chatgpt-export'));
      if (isClaudeExport(document)) return parseClaudeExport(document, withSite('claude-export'));
      if (isRecord(document) && 'role' in document) return parseJsonlChat(text, withSite('jsonl'));
      throw new CliError(
        `${context.file}: JSON not recognised: expected a ChatGPT export (conversations.json), a Claude export, or JSONL rows {role, text, time?}`,
      );
    }
    if (parsesAsObject(firstContentLine(text))) return parseJsonlChat(text, withSite('jsonl'));
    if (extension === '.json') {
      const location = jsonErrorLocation(text, parseError);
      const at = location ? `:${location.line}:${location.column}` : '';
      throw new CliError(`${context.file}${at}: not valid JSON (${jsonErrorMessage(parseError)})`);
    }
  }
  return parsePlainTextChat(text, withSite('text'));
}

/** Read and parse one chat file; unreadable files are a usage error naming the file. */
export async function readChatFile(
  file: string,
  options: ChatFileOptions = {},
): Promise<ParsedChat & { modifiedAt: number }> {
  let text: string;
  let mtime: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`${file}: is a directory, expected a chat file`);
    mtime = info.mtimeMs;
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliError(`${file}: cannot read (${reason})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const modifiedAt = Math.round(mtime);
  const parsed = parseChatText(
    text,
    { file, conversationId: basename(file), fallbackTime: modifiedAt },
    options,
  );
  return { ...parsed, modifiedAt };
}
