import { copyFileSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXCERPT_MAX_LENGTH } from '../../wasm-core/report/excerpt.ts';
import { CliError } from '../exit-codes.ts';
import { captureIo } from '../test-io.ts';
import { type AnalyzeOutput, runAnalyze } from './analyze.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../inputs/fixtures/${name}`, import.meta.url));
const ZONE = 'Europe/Berlin';
const REPLY_MTIME = new Date('2026-11-21T09:00:00Z');

// The fixtures use phrases the shipped lexicon weighs at 0.8 or more ("act now", "only a few spots left",
// "you should vote for", "you don't need anyone else", "come to me first", "you should definitely buy"),
// so those findings do not depend on the model's thresholds.
describe('cogfw analyze (in-process, real analyzer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogfw-analyze-'));
  const replyFile = join(dir, 'reply.txt');
  let output: AnalyzeOutput;
  let stderr: string;

  beforeAll(async () => {
    copyFileSync(fixture('reply.txt'), replyFile);
    utimesSync(replyFile, REPLY_MTIME, REPLY_MTIME);
    const io = captureIo();
    const code = await runAnalyze(
      [fixture('chat-rows.jsonl'), replyFile],
      { json: true, timeZone: ZONE },
      io,
    );
    expect(code).toBe(0);
    output = JSON.parse(io.out());
    stderr = io.err();
  });

  it('groups replies into Monday-to-Monday weeks in the chosen zone', () => {
    expect(output.weeks.map((w) => new Date(w.weekStart).toISOString())).toEqual([
      '2026-11-08T23:00:00.000Z',
      '2026-11-15T23:00:00.000Z',
    ]);
    expect(output.weeks.map((w) => w.replies)).toEqual([1, 4]);
    expect(output.totals.replies).toBe(5);
    expect(output.totals.flaggedReplies).toBeGreaterThanOrEqual(4);
  });

  it('counts techniques per week, with the week before for comparison', () => {
    const [first, second] = output.weeks;
    expect(first?.counts).toMatchObject({ T01: 1, T02: 1 });
    expect(second?.previousCounts).toMatchObject({ T01: 1, T02: 1 });
    expect(second?.counts).toMatchObject({ T01: 0, T18: 1, T10: 2 });
    expect(second?.counts.T17).toBeGreaterThanOrEqual(1);
    expect(second?.sentences).toContain('This week, the AI encouraged you to view political content 1 time.');
    expect(second?.sentences).toContain('2 instances of dependency-fostering language detected.');
    expect(second?.sentences).toContain('Urgency-inducing language decreased by 100% this week.');
    expect(second?.bySite.map((s) => s.site).sort()).toEqual(['chatgpt.com', 'claude.ai', 'unknown']);
    expect(output.totals.counts.T18).toBe(1);
  });

  it('keeps short excerpts with the evidence highlighted', () => {
    const examples = output.weeks.flatMap((w) => w.examples);
    const highlighted = (technique: string) =>
      examples
        .filter((e) => e.technique === technique)
        .flatMap((e) => e.highlights.map((h) => e.text.slice(h.start, h.end).toLowerCase()));
    expect(highlighted('T18')).toEqual(['you should vote for']);
    expect(highlighted('T10')).toEqual(["you don't need anyone else", 'come to me first']);
    expect(examples.every((e) => e.text.length <= EXCERPT_MAX_LENGTH)).toBe(true);
    expect(JSON.stringify(output)).not.toContain('Who should I vote for');
  });

  it('reports skipped rows by line and says which replies were dated by the file', () => {
    expect(output.problems.map((p) => p.line)).toEqual([7, 8]);
    expect(stderr).toContain('chat-rows.jsonl:7: time "next Thursday" is not an ISO 8601');
    expect(stderr).toContain('chat-rows.jsonl:8: not valid JSON');
    expect(output.notes).toContain(
      `${replyFile}: 1 reply has no time; dated by the file's modification time, 2026-11-21T09:00:00.000Z.`,
    );
    expect(output.notes).toContain('2 malformed entries were skipped (listed on stderr).');
  });

  it('reads a ChatGPT export: the current branch only, with its bad conversation skipped', async () => {
    const io = captureIo();
    expect(
      await runAnalyze([fixture('chatgpt-conversations.json')], { json: true, timeZone: ZONE }, io),
    ).toBe(0);
    const exported: AnalyzeOutput = JSON.parse(io.out());
    expect(exported.totals.replies).toBe(3);
    expect(exported.weeks).toHaveLength(1);
    expect(exported.weeks[0]?.bySite.map((s) => s.site)).toEqual(['chatgpt.com']);
    expect(exported.totals.counts.T01).toBeGreaterThanOrEqual(1);
    expect(exported.totals.counts.T10).toBe(2);
    expect(exported.problems).toEqual([
      expect.objectContaining({
        where: 'conversation 3 ("Broken")',
        message: 'has no "mapping" of messages',
      }),
    ]);
    expect(JSON.stringify(exported)).not.toContain('OLD BRANCH');
  });

  it('prints a readable report: sentences, a counts table, totals and notes', async () => {
    const io = captureIo();
    expect(await runAnalyze([fixture('chat-rows.jsonl'), replyFile], { timeZone: ZONE }, io)).toBe(0);
    const text = io.out();
    expect(text).toContain('Week of Mon, 9 Nov 2026 – Sun, 15 Nov 2026\n1 reply analysed, 1 flagged');
    expect(text).toContain('  • This week, the AI encouraged you to view political content 1 time.');
    expect(text).toMatch(/ {2}Technique +This week +Last week +Change\n/);
    expect(text).toMatch(/T01 Urgency +0 +1 +-100%/);
    expect(text).toContain('“[You should vote for] the Green candidate; the other side is simply wrong.”');
    expect(text).toMatch(/Totals: 5 replies over 2 weeks, \d flagged \(\d+%\)/);
    expect(text).toContain('Notes:\n  - ');
    expect(text).not.toContain('\u001b[');
  });

  it('attributes replies to --site when the input names none', async () => {
    const io = captureIo();
    expect(await runAnalyze([replyFile], { json: true, site: 'perplexity.ai', timeZone: ZONE }, io)).toBe(0);
    const result: AnalyzeOutput = JSON.parse(io.out());
    expect(result.weeks[0]?.bySite).toEqual([expect.objectContaining({ site: 'perplexity.ai', replies: 1 })]);
  });

  it.each([
    ['only malformed rows', 'bad.jsonl', 'not json\n{"role": "assistant"}\n', 'nothing to analyse'],
    ['a JSON file that is no chat', 'data.json', '{"temperature": 21}', 'JSON not recognised'],
  ])('fails with a usage error for %s', async (_name, file, content, message) => {
    const path = join(dir, file);
    writeFileSync(path, content);
    const run = runAnalyze([path], { json: true }, captureIo());
    await expect(run).rejects.toThrowError(CliError);
    await expect(run).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(message) });
  });

  it('prints an empty report for input with no assistant replies', async () => {
    const path = join(dir, 'users-only.jsonl');
    writeFileSync(path, '{"role": "user", "text": "hello?"}\n');
    const io = captureIo();
    expect(await runAnalyze([path], {}, io)).toBe(0);
    expect(io.out()).toContain('No assistant replies found in the input.');
    expect(io.out()).toContain('Totals: 0 replies over 0 weeks, 0 flagged (0%)');
  });
});
