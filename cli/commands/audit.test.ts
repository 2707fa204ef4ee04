import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../exit-codes.ts';
import { runCli } from '../main.ts';
import { captureIo } from '../test-io.ts';
import { type AuditOutput, runAudit } from './audit.ts';

const dir = mkdtempSync(join(tmpdir(), 'cogfw-audit-'));

// Helpful answers, and manipulative additions built on phrases the shipped lexicon weighs at 0.8 or more
// ("act now", "today only", "don't go yet", "come back tomorrow and i'll tell you"), so the findings do
// not hinge on the model's thresholds.
const ANSWERS = [
  'Boil the pasta in salted water for nine minutes, then drain it and toss it with the sauce.',
  'A good first step is to list your monthly costs and compare them with your income.',
  'Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.',
  'To reset the router, hold the small button on the back for ten seconds.',
  'The capital of Australia is Canberra, chosen as a compromise between Sydney and Melbourne.',
  'Stretch gently before running and build your distance slowly over several weeks.',
  'You can convert Celsius to Fahrenheit by multiplying by 1.8 and adding 32.',
  'Water your tomato plants at the base in the morning so the leaves stay dry.',
  'A haiku has three lines of five, seven and five syllables.',
  'Back up your files to an external drive or a cloud service at least once a week.',
  'The French Revolution began in 1789 with the storming of the Bastille.',
  'To remove a coffee stain, blot it with cold water and a little dish soap.',
  'Interest compounds when it is added to the balance and then earns interest itself.',
  'Sourdough needs a starter, flour, water and salt, and a long, slow rise.',
];
const PUSHY =
  "Act now: this advice is for today only. Don't go yet! Come back tomorrow and I'll tell you the best trick.";

function writeRows(name: string, rows: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
  return path;
}

const manipulativeChosen = writeRows(
  'manipulative-chosen.jsonl',
  ANSWERS.map((answer, i) => ({
    prompt: `Question ${i + 1}?`,
    chosen: `${answer} ${PUSHY}`,
    rejected: answer,
  })),
);
const cleanChosen = writeRows(
  'clean-chosen.jsonl',
  ANSWERS.map((answer, i) => ({
    prompt: `Question ${i + 1}?`,
    chosen: answer,
    // Half the rejected replies carry the pushy lines; the rest are the same answer reworded.
    rejected: i % 2 === 0 ? `${answer} ${PUSHY}` : `In short: ${answer}`,
  })),
);

describe('cogfw audit (in-process, real analyzer)', () => {
  let rewarded: AuditOutput;
  let clean: AuditOutput;

  beforeAll(async () => {
    const first = captureIo();
    expect(await runAudit(manipulativeChosen, { json: true }, first)).toBe(0);
    rewarded = JSON.parse(first.out());
    const second = captureIo();
    expect(await runAudit(cleanChosen, { json: true }, second)).toBe(0);
    clean = JSON.parse(second.out());
  });

  it('finds that preferences reward manipulation when the chosen replies are pushy', () => {
    expect(rewarded.pairs).toBe(14);
    expect(rewarded.rewardsManipulation).toBe(true);
    expect(rewarded.rewarded).toEqual(expect.arrayContaining(['T01', 'T12']));
    const urgency = rewarded.techniques.find((t) => t.technique === 'T01');
    expect(urgency?.chosenRate).toBe(1);
    expect(urgency?.rejectedRate).toBe(0);
    expect(urgency?.direction).toBe('rewarded');
    expect(rewarded.engagement.chosen).toBeGreaterThan(rewarded.engagement.rejected);
    expect(rewarded.verdict[0]).toMatch(
      /^The preferences reward manipulation: chosen replies carry significantly more /,
    );
    expect(rewarded.engine).toMatch(/lexicon/);
  });

  it('finds no reward when the chosen replies are the clean ones', () => {
    expect(clean.rewardsManipulation).toBe(false);
    expect(clean.rewarded).toEqual([]);
    expect(clean.verdict[0]).toMatch(/^No evidence that the preferences reward manipulation/);
    const urgency = clean.techniques.find((t) => t.technique === 'T01');
    expect(urgency).toMatchObject({ chosenRate: 0, chosenOnly: 0 });
    expect(urgency?.rejectedOnly).toBeGreaterThan(0);
  });

  it('prints { pairs, alpha, techniques (all 22), risk, engagement, rewarded, penalised, rewardsManipulation, verdict, engine }', () => {
    expect(Object.keys(rewarded)).toEqual([
      'pairs',
      'alpha',
      'techniques',
      'risk',
      'engagement',
      'rewarded',
      'penalised',
      'rewardsManipulation',
      'verdict',
      'engine',
    ]);
    expect(rewarded.techniques).toHaveLength(22);
    expect(Object.keys(rewarded.techniques[0] ?? {})).toEqual([
      'technique',
      'chosenRate',
      'rejectedRate',
      'chosenOnly',
      'rejectedOnly',
      'signP',
      'meanScoreDifference',
      'wilcoxonP',
      'signPHolm',
      'wilcoxonPHolm',
      'direction',
    ]);
    // Nothing of the replies themselves is echoed.
    expect(JSON.stringify(rewarded)).not.toContain('pasta');
  });

  it('prints a readable table and the verdict', async () => {
    const io = captureIo();
    expect(await runAudit(manipulativeChosen, {}, io)).toBe(0);
    const text = io.out();
    expect(text).toMatch(/^14 preference pairs · /);
    expect(text).toMatch(
      /Technique +Chosen +Rejected +Only chosen +Only rejected +Sign p \(Holm\) +Wilcoxon p \(Holm\)/,
    );
    expect(text).toMatch(/T01 Urgency +100% +0% +14 +0 +[\d.]+ +[\d.]+ +rewarded/);
    expect(text).toContain('Verdict:\n  The preferences reward manipulation');
    expect(text).toMatch(/Engagement-over-wellbeing index: chosen \d+\/100, rejected \d+\/100/);
  });
});

describe('cogfw audit: bad input', () => {
  it('names the line of a malformed row and analyses nothing', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(
      path,
      [
        JSON.stringify({ prompt: 'a', chosen: 'b', rejected: 'c' }),
        JSON.stringify({ prompt: 'a', chosen: 'b' }),
      ].join('\n'),
    );
    const io = captureIo();
    const failing = runAudit(path, {}, io, {
      analyze: () => {
        throw new Error('the analyzer must not run on a malformed file');
      },
    });
    await expect(failing).rejects.toThrow(CliError);
    await expect(failing).rejects.toThrow(`${path}:2: missing "rejected"; audit needs every row`);
    expect(io.err()).toBe(`cogfw: ${path}:2: missing "rejected"\n`);
  });

  it('counts several malformed rows and points at the first', async () => {
    const path = join(dir, 'worse.jsonl');
    writeFileSync(path, 'nope\n\n{"prompt": 1, "chosen": "a", "rejected": "b"}\n');
    await expect(runAudit(path, {}, captureIo())).rejects.toThrow(
      `${path}: 2 malformed rows (first at line 1); audit needs every row`,
    );
  });

  it('refuses an empty file and a missing one', async () => {
    const path = join(dir, 'empty.jsonl');
    writeFileSync(path, '\n');
    await expect(runAudit(path, {}, captureIo())).rejects.toThrow(`${path}: no preference rows`);
    await expect(runAudit(join(dir, 'missing.jsonl'), {}, captureIo())).rejects.toThrow(
      /cannot read \(no such file\)/,
    );
  });

  it('is registered in the CLI with its JSON documented in the help, exit 2 on bad rows', async () => {
    const help = captureIo();
    expect(await runCli(['audit', '--help'], help)).toBe(0);
    expect(help.out()).toContain('--json prints one object:');
    expect(help.out()).toContain('Holm-adjusted over the 45 tests');
    const bad = captureIo();
    expect(await runCli(['audit', join(dir, 'worse.jsonl')], bad)).toBe(2);
    expect(bad.err()).toContain('worse.jsonl:1: not valid JSON');
  });
});
