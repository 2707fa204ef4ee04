import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import type { LogEntry } from '../../protocol/log-entry.ts';
import { verifyExport } from '../../protocol/log-verify.ts';
import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES, type ChatSite } from './chat-sites.ts';
import { readLog, rewriteLogEntry } from './extension-state.ts';
import { type LaunchedExtension, launchExtension } from './launch-extension.ts';

/**
 * The record moves between profiles (SPEC §7, issue 5): exported with a passphrase from the options page,
 * imported through the options page of a fresh profile, where it verifies, holds the very same entries and
 * goes on. The file the browser saved verifies with the command-line tool too.
 */

const PASSPHRASE = 'lantern over the quiet bay';
const CLI = fileURLToPath(new URL('../../cli/bin/cogfw.mjs', import.meta.url));
const run = promisify(execFile);

// Scrypt (128 MiB per derivation) runs three times on the way: export, the check before import, import.
test.setTimeout(180_000);

const launched: LaunchedExtension[] = [];
let scratch: string;

test.beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cogfw-export-'));
});

test.afterEach(async () => {
  const guards = [];
  for (const extension of launched.splice(0)) {
    await extension.close();
    guards.push(extension.guard);
  }
  rmSync(scratch, { recursive: true, force: true });
  // Nothing but fixture pages and the extension's own files, in either profile.
  for (const guard of guards) guard.assertNoUnexpectedTraffic();
});

async function launch(): Promise<LaunchedExtension> {
  const extension = await launchExtension();
  launched.push(extension);
  return extension;
}

/** Replies on a fixture chat page, analysed and recorded: the turns already there and one streamed in. */
async function produceReplies(extension: LaunchedExtension, site: ChatSite): Promise<void> {
  const page = await openConversation(extension, site);
  const earlier = await waitForAnalysedTurns(page, site);
  await streamReply(page, undefined, { chunks: 3, intervalMs: 60 });
  await waitForAnalysedTurns(page, site, earlier.length + 1);
  await page.close();
}

async function openOptions(extension: LaunchedExtension): Promise<Page> {
  const page = await extension.openExtensionPage('options.html');
  await expect(page.getByRole('heading', { name: 'Your record' })).toBeVisible();
  return page;
}

/** Presses "Verify my record" and waits for a verdict that says `expected`. */
async function verifyMyRecord(options: Page, ...expected: string[]): Promise<void> {
  const result = options.locator('#verify-result');
  await options.getByRole('button', { name: 'Verify my record' }).click();
  for (const text of expected) await expect(result).toContainText(text, { timeout: 60_000 });
}

test('a record exported with a passphrase and imported onto a fresh profile verifies, is identical and goes on', async () => {
  // The first profile: replies, then the export, saved where the browser saves downloads.
  const first = await launch();
  await produceReplies(first, CHAT_SITES.claude);
  const exported = await readLog(first);
  expect(exported.filter((entry) => entry.type === 'analysis').length).toBeGreaterThanOrEqual(2);

  const options = await openOptions(first);
  await expect(options.locator('#log-entries')).toHaveText(String(exported.length));
  const exportForm = options.getByRole('form', { name: 'Export' });
  await exportForm.getByLabel('Passphrase for the file (optional)').fill(PASSPHRASE);
  await exportForm.getByLabel('The same passphrase again').fill(PASSPHRASE);
  const downloading = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cogfw-record-\d{4}-\d{2}-\d{2}\.cogfw$/);
  const file = join(scratch, download.suggestedFilename());
  await download.saveAs(file);
  await expect(options.locator('#export-result')).toContainText(`Saved ${download.suggestedFilename()}`);
  await expect(exportForm.getByLabel('Passphrase for the file (optional)')).toHaveValue('');
  expect(await options.content()).not.toContain(PASSPHRASE);
  // The export sealed every pending entry into a batch; the entries themselves did not change.
  expect(await readLog(first)).toEqual(exported);

  // The command-line tool reaches the same verdict on the very file the browser saved.
  const bytes = new Uint8Array(readFileSync(file));
  expect(verifyExport(bytes, { passphrase: PASSPHRASE })).toMatchObject({
    ok: true,
    entries: exported.length,
    secretKey: true,
  });
  const passphraseFile = join(scratch, 'passphrase.txt');
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  const cli = await run(process.execPath, [CLI, 'verify', file, '--passphrase-file', passphraseFile]);
  expect(cli.stdout).toContain(`valid: ${file}`);
  expect(cli.stdout).toMatch(new RegExp(`entries\\s+${exported.length} \\(none redacted\\)`));

  // A fresh profile: a new user data directory, the same extension.
  const second = await launch();
  const fresh = await openOptions(second);
  const fileInput = fresh.getByLabel('Record file (.cogfw or .jsonl)');
  await expect(fileInput).toBeEnabled();
  await fileInput.setInputFiles(file);
  const passphraseInput = fresh.getByLabel('Passphrase of this file');
  await passphraseInput.fill('not the passphrase at all');
  await fresh.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.locator('#import-result')).toHaveText(
    'Not imported. That passphrase does not open this file.',
    { timeout: 60_000 },
  );
  await passphraseInput.fill(PASSPHRASE);
  await fresh.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.locator('#import-result')).toContainText(`Imported ${exported.length} entries`, {
    timeout: 60_000,
  });
  expect(await fresh.content()).not.toContain(PASSPHRASE);

  await verifyMyRecord(fresh, 'Your record is intact', `${exported.length} entries`);
  const imported = await readLog(second);
  expect(imported.map(({ seq, hash, body }) => ({ seq, hash, body }))).toEqual(
    exported.map(({ seq, hash, body }) => ({ seq, hash, body })),
  );
  expect(imported).toEqual(exported);
  // This profile now has a record: a second import is refused, and said so.
  await expect(fresh.locator('#import-refused')).toBeVisible();
  await expect(fileInput).toBeDisabled();

  // New replies on the fresh profile continue the imported chain, and the whole still verifies.
  await produceReplies(second, CHAT_SITES.chatgpt);
  const continued = await readLog(second);
  const last = exported.at(-1) as LogEntry;
  const next = continued[exported.length];
  expect(continued.slice(0, exported.length)).toEqual(exported);
  expect(next).toMatchObject({ seq: last.seq + 1, prev: last.hash, type: 'analysis' });
  await verifyMyRecord(fresh, `${continued.length} entries`, 'Your record is intact');
});

test('"Verify my record" names the entry that was changed after it was written', async () => {
  const extension = await launch();
  await produceReplies(extension, CHAT_SITES.claude);
  const options = await openOptions(extension);
  await verifyMyRecord(options, 'Your record is intact');

  const log = await readLog(extension);
  const target = log.find((entry) => entry.type === 'analysis');
  if (!target) throw new Error('no analysis entry was recorded');
  // History rewritten: the stored verdict of one reply turned round (a flagged reply made harmless, or
  // the other way).
  const body = target.body as { level: string; risk: number };
  const changed = body.level === 'none' ? { level: 'high', risk: 0.9 } : { level: 'none', risk: 0 };
  await rewriteLogEntry(extension, target.seq, { ...body, ...changed });

  await verifyMyRecord(
    options,
    `The record does not verify. Entry ${target.seq} does not check out.`,
    'Why: the body does not match bodyHash',
  );
  await expect(options.locator('#verify-result')).toHaveClass(/error/);
  // The page's quick check of the chain agrees (a write made outside Dexie is seen on the next load).
  await options.reload();
  await expect(options.locator('#chain-status')).toHaveText(
    `Broken at entry ${target.seq}: body does not match bodyHash`,
  );
});
