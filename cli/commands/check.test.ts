import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { noJudgement } from '../../wasm-core/constitution/reply-judgement.ts';
import { PRINCIPLE_IDS } from '../../wasm-core/constitution/rule-pack.ts';
import { noContext } from '../../wasm-core/context/contextual-layer.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { ReplyAnalyzer } from '../analyzer.ts';
import { CliError, EXIT_INTERNAL, EXIT_USAGE } from '../exit-codes.ts';
import { runCli } from '../main.ts';
import { captureIo } from '../test-io.ts';
import { runCheck } from './check.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../inputs/fixtures/${name}`, import.meta.url));
const rowsFile = fixture('check-rows.jsonl');
const packFile = fixture('check-pack.json');
const dir = mkdtempSync(join(tmpdir(), 'cogfw-check-'));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function jsonRows(out: string) {
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('cogfw check with the shipped constitution', () => {
  it('prints one object per row with exactly principles (all ten) and action', async () => {
    const io = captureIo();
    expect(await runCheck(rowsFile, { json: true }, io)).toBe(0);
    const rows = jsonRows(io.out());
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['principles', 'action']);
      expect(Object.keys(row.principles)).toEqual([...PRINCIPLE_IDS]);
      for (const outcome of Object.values(row.principles)) {
        expect(Object.keys(outcome as object)).toEqual(['status', 'fired', 'defeated', 'explanation']);
      }
    }
  });

  it('judges each row at its level and context', async () => {
    const io = captureIo();
    await runCheck(rowsFile, { json: true }, io);
    const [urgent, urgentMax, hook, hookEnhanced, exploit, character, drift, egg] = jsonRows(io.out());
    // Strong urgency: a P1 violation; highlighted at standard, blurred at maximum.
    expect(urgent.principles.P1).toMatchObject({
      status: 'violated',
      fired: ['P1-urgency', 'P1-urgency-pressure'],
      defeated: ['P1-urgency'],
      explanation: 'Pushes you to act before you have thought it through.',
    });
    expect(urgent.action).toBe('highlight');
    expect(urgentMax.action).toBe('blur');
    // A weak engagement hook reads as an offer to continue at standard, not at enhanced.
    expect(hook.principles.P7).toMatchObject({ status: 'respected', defeated: ['P7-engagement-hook'] });
    expect(hook.action).toBe('record');
    expect(hookEnhanced.principles.P7.status).toBe('concern');
    expect(hookEnhanced.action).toBe('highlight');
    // Exploiting a vulnerable user: strict safety rules; minimal protection only badges.
    expect(exploit.principles.P3.status).toBe('violated');
    expect(exploit.principles.P7.fired).toContain('P7-vulnerability-exploit');
    expect(exploit.action).toBe('badge');
    // A character's feelings on a character site are part of the story.
    expect(character.principles.P9).toMatchObject({ status: 'respected', defeated: ['P9-feelings-claim'] });
    // A drifted assistant at maximum: a transparency concern even on an empty reply.
    expect(drift.principles.P6.status).toBe('concern');
    expect(drift.action).toBe('warn');
    // A text row: analysed, then judged; a plain recipe is respected even at maximum.
    for (const principle of PRINCIPLE_IDS) expect(egg.principles[principle].status).toBe('respected');
    expect(egg.action).toBe('record');
  });

  it('prints each principle with fired and defeated ids, and the action, for people', async () => {
    const io = captureIo();
    expect(await runCheck(rowsFile, {}, io)).toBe(0);
    const out = io.out();
    expect(out).toContain('line 1 · level standard · action highlight');
    expect(out).toMatch(
      /P1 user autonomy\s+violated\s+fired P1-urgency, P1-urgency-pressure; defeated P1-urgency\n\s+Pushes you to act before you have thought it through\./,
    );
    expect(out).toMatch(/P2 truthfulness\s+respected\n/);
    expect(out).toContain('line 9 · level maximum · action record');
    expect(out.match(/^line \d+/gm)).toHaveLength(8);
  });
});

describe('cogfw check --pack', () => {
  it('judges with exactly the packs given', async () => {
    const rows = file(
      'flattery.jsonl',
      [
        { facts: { 'technique.T07.score': 0.8, 'technique.T01.score': 1 } },
        { facts: { 'technique.T07.score': 0.8 }, context: { site: 'poe' } },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    const io = captureIo();
    expect(await runCheck(rows, { json: true, pack: [packFile] }, io)).toBe(0);
    const [elsewhere, onPoe] = jsonRows(io.out());
    // Only the given pack: urgency, which the shipped constitution would flag, is not judged.
    expect(elsewhere.principles.P1).toMatchObject({ status: 'respected', fired: [] });
    expect(elsewhere.principles.P5).toMatchObject({ status: 'concern', fired: ['flattery-concern'] });
    expect(elsewhere.action).toBe('highlight');
    // The more specific personal rule wins over the weaker guideline on that site.
    expect(onPoe.principles.P5).toMatchObject({
      status: 'respected',
      fired: ['flattery-concern', 'flattery-fine-here'],
      defeated: ['flattery-concern'],
      explanation: 'You chose not to flag flattery on this site.',
    });
  });

  it.each([
    [
      'an unknown fact',
      '{"id": "bad", "version": 1, "rules": [{"id": "r", "principle": "P1", "category": "domain_guideline", "kind": "defeasible", "when": {"fact": "technique.T99.score", "op": ">=", "value": 1}, "then": "concern", "explain": "x."}]}',
      /bad-pack\.json: invalid rule pack: pack "bad" rule "r": .*technique\.T99\.score/,
    ],
    ['no rules list', '{"id": "bad", "version": 1}', /bad-pack\.json: invalid rule pack: pack "bad"/],
  ])('a pack with %s exits 2 with the reason', async (_, pack, reason) => {
    const path = file('bad-pack.json', pack);
    const io = captureIo();
    expect(await runCli(['check', rowsFile, '--pack', path], io)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(reason);
    expect(io.out()).toBe('');
  });

  it('names packs that are valid alone but clash together', async () => {
    const io = captureIo();
    expect(await runCli(['check', rowsFile, '--pack', packFile, '--pack', packFile], io)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/cannot be loaded together: .*same id/);
  });

  it('reports a pack that is not JSON, or missing, naming the file', async () => {
    const broken = file('broken.json', '{ "id": ');
    const io = captureIo();
    expect(await runCli(['check', rowsFile, '--pack', broken], io)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/broken\.json: the rule pack is not valid JSON/);
    const missing = captureIo();
    expect(await runCli(['check', rowsFile, '--pack', join(dir, 'nope.json')], missing)).toBe(EXIT_USAGE);
    expect(missing.err()).toMatch(/nope\.json: cannot read the rule pack \(no such file\)/);
  });
});

describe('cogfw check rows', () => {
  it.each([
    ['{"facts": {"technique.T01.score": 0.9}}\nnot json', 2, /not valid JSON/],
    ['{"facts": {"technique.T01.scor": 0.9}}', 1, /unknown fact "technique\.T01\.scor"/],
    ['{"facts": {"technique.T01.score": "high"}}', 1, /fact "technique\.T01\.score" cannot be "high"/],
    ['{"facts": {}, "context": {"level": "ultra"}}', 1, /"context\.level" must be one of minimal/],
    ['{"facts": {}, "context": {"mood": "calm"}}', 1, /unknown "context" keys "mood"/],
    ['{"facts": {}, "context": {"vulnerable": "yes"}}', 1, /"context\.vulnerable" must be true or false/],
    ['{"text": "hi", "facts": {}}', 1, /"text" or "facts", not both/],
    ['{"context": {}}', 1, /missing "text" .* or "facts"/],
    ['[1, 2]', 1, /expected a JSON object/],
  ])('%s → an error naming line %i', async (content, line, reason) => {
    const path = file('rows.jsonl', content);
    const io = captureIo();
    await expect(runCheck(path, {}, io)).rejects.toThrow(CliError);
    expect(io.err()).toMatch(new RegExp(`rows\\.jsonl:${line}: `));
    expect(io.err()).toMatch(reason);
  });

  it('exits 2 through the CLI on a bad row', async () => {
    const io = captureIo();
    expect(await runCli(['check', file('bad.jsonl', '{"facts": 3}')], io)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/bad\.jsonl:1: "facts" must be an object/);
  });

  it('does not judge a text row the analyzer failed on', async () => {
    const failing: ReplyAnalyzer = {
      analyze: async (input) => ({
        engine: 'broken',
        length: input.text.length,
        truncated: false,
        findings: [],
        scores: Object.fromEntries(TECHNIQUE_IDS.map((id) => [id, 0])) as Record<TechniqueId, number>,
        risk: 0,
        level: 'none',
        ...noContext(),
        ...noJudgement(),
        error: 'model exploded',
      }),
    };
    const path = file('text.jsonl', '{"text": "Buy now!"}');
    const error = await runCheck(path, {}, captureIo(), { analyzer: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT_INTERNAL);
    expect((error as CliError).message).toMatch(/line 1: the analyzer failed \(model exploded\)/);
  });

  it('takes facts from the context over those in the row, and defaults the rest', async () => {
    const path = file(
      'levels.jsonl',
      [
        { facts: { 'technique.T01.score': 0.95, 'context.level': 'maximum' } },
        { facts: { 'technique.T01.score': 0.95, 'context.level': 'maximum' }, context: { level: 'minimal' } },
        { facts: { 'technique.T01.score': 0.95 } },
      ]
        .map((row) => JSON.stringify(row))
        .join('\n'),
    );
    const io = captureIo();
    await runCheck(path, { json: true }, io);
    expect(jsonRows(io.out()).map((row) => row.action)).toEqual(['blur', 'badge', 'highlight']);
  });
});
