import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../exit-codes.ts';
import { parseChatText, readChatFile } from './chat-file.ts';

const context = (file: string) => ({ file, conversationId: file, fallbackTime: 7 });
const exportText = JSON.stringify([
  {
    mapping: {
      a: { message: { author: { role: 'assistant' }, content: { content_type: 'text', parts: ['hi'] } } },
    },
  },
]);

describe('parseChatText: format by content', () => {
  it.each([
    ['conversations.json', exportText, 'chatgpt-export', 'chatgpt.com'],
    ['export.txt', exportText, 'chatgpt-export', 'chatgpt.com'],
    [
      'anything',
      JSON.stringify([{ uuid: 'c', chat_messages: [{ sender: 'assistant', text: 'hi' }] }]),
      'claude-export',
      'claude.ai',
    ],
    ['rows.log', '{"role":"assistant","text":"hi"}\n{"role":"assistant","text":"again"}', 'jsonl', 'unknown'],
    ['one-row.json', '{"role":"assistant","text":"hi"}', 'jsonl', 'unknown'],
    ['rows.jsonl', 'garbage first line\n{"role":"assistant","text":"hi"}', 'jsonl', 'unknown'],
    ['reply.txt', 'Act now, this offer ends today.', 'text', 'unknown'],
    ['reply.md', '[link](x) is markdown, not JSON', 'text', 'unknown'],
  ])('%s is read as %s', (file, text, format, site) => {
    const parsed = parseChatText(text, context(file));
    expect(parsed.format).toBe(format);
    expect(parsed.turns.length).toBeGreaterThan(0);
    expect(parsed.turns[0]?.site).toBe(site);
  });

  it('lets --site replace the default site but not a row’s own site', () => {
    const rows = '{"role":"assistant","text":"a"}\n{"role":"assistant","text":"b","site":"claude.ai"}';
    expect(
      parseChatText(rows, context('x.jsonl'), { site: 'perplexity.ai' }).turns.map((t) => t.site),
    ).toEqual(['perplexity.ai', 'claude.ai']);
    expect(parseChatText(exportText, context('c.json'), { site: 'chat.openai.com' }).turns[0]?.site).toBe(
      'chat.openai.com',
    );
  });

  it('treats a plain text file as one undated reply', () => {
    const parsed = parseChatText('Hello there.\nSecond line.', context('reply.txt'));
    expect(parsed.turns).toEqual([
      {
        site: 'unknown',
        conversationId: 'reply.txt',
        messageId: 'i0',
        turnIndex: 0,
        role: 'assistant',
        text: 'Hello there.\nSecond line.',
        time: 7,
      },
    ]);
    expect(parsed.undated).toBe(1);
  });

  it.each([
    ['broken.json', '{\n  "a": 1,\n}', /^broken\.json:3:1: not valid JSON/],
    ['other.json', '{"hello": "world"}', /^other\.json: JSON not recognised/],
    ['numbers.txt', '[1, 2, 3]', /^numbers\.txt: JSON not recognised/],
  ])('rejects %s with a message naming the file', (file, text, message) => {
    expect(() => parseChatText(text, context(file))).toThrowError(CliError);
    expect(() => parseChatText(text, context(file))).toThrowError(message);
  });

  it('reports an empty file', () => {
    expect(parseChatText('  \n', context('empty.txt')).problems).toEqual([
      { file: 'empty.txt', message: 'the file is empty' },
    ]);
  });
});

describe('readChatFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogfw-chat-file-'));

  it('dates undated replies with the file modification time and strips a byte-order mark', async () => {
    const file = join(dir, 'reply.txt');
    writeFileSync(file, '\ufeffHello.');
    const mtime = new Date('2026-11-18T08:30:00Z');
    utimesSync(file, mtime, mtime);
    const parsed = await readChatFile(file);
    expect(parsed.turns.map((t) => [t.text, t.time, t.conversationId])).toEqual([
      ['Hello.', mtime.getTime(), 'reply.txt'],
    ]);
  });

  it.each([
    [join(dir, 'missing.jsonl'), 'cannot read (no such file)'],
    [dir, 'is a directory'],
  ])('fails clearly for %s', async (file, message) => {
    await expect(readChatFile(file)).rejects.toThrowError(`${file}: ${message}`);
  });
});
