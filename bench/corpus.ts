import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../wasm-core/node.ts';

/**
 * Assistant-length replies for the benchmarks, built from the project's own labelled examples (so the
 * benchmark stands alone, without ../shared): consecutive examples are joined until a reply reaches
 * the requested word count. Deterministic, so runs compare.
 */
export function assistantReplies(wordsPerReply: number, replies: number): string[] {
  const path = join(REPO_ROOT, 'models/examples/assistant-replies.jsonl');
  const texts = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const out: string[] = [];
  let cursor = 0;
  while (out.length < replies) {
    const parts: string[] = [];
    let words = 0;
    while (words < wordsPerReply) {
      const text = texts[cursor % texts.length] as string;
      cursor++;
      parts.push(text);
      words += text.split(/\s+/).length;
    }
    out.push(parts.join('\n\n').split(/\s+/).slice(0, wordsPerReply).join(' '));
  }
  return out;
}
