import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { batchRoot, type LogBatch, verifyBatchSignature } from '../../protocol/batch.ts';
import { applyKeyEntry } from '../../protocol/device-key.ts';
import { type LogEntry, verifyChain } from '../../protocol/log-entry.ts';
import type { ChatTurn } from '../../wasm-core/types.ts';
import { readBatches, readLog } from './extension-state.ts';
import { type LaunchedExtension, launchExtension } from './launch-extension.ts';
import { PLAIN_REPLY, URGENT_POLITICAL_REPLY } from './replies.ts';

/**
 * SPEC §12, "a crash mid-write leaves the chain verifiable": the browser is killed outright (SIGKILL, no
 * shutdown of any kind) while the extension records a burst of replies; after a restart on the same
 * profile, the stored chain and its signed batches verify, and new entries continue them.
 */

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const BURST = 600;
/** Kill once this many entries are stored: past the first batch, with hundreds of writes still coming. */
const KILL_AT = 180;
const AFTER_RESTART = 120;

test.setTimeout(180_000);

let profile: string;
const launched: LaunchedExtension[] = [];

test.beforeEach(() => {
  profile = mkdtempSync(join(tmpdir(), 'cogfw-crash-profile-'));
});

test.afterEach(async () => {
  const guards = [];
  for (const extension of launched.splice(0)) {
    await extension.close();
    guards.push(extension.guard);
  }
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  for (const guard of guards) guard.assertNoUnexpectedTraffic();
});

async function launch(): Promise<LaunchedExtension> {
  const extension = await launchExtension({ userDataDir: profile, sites: [] });
  launched.push(extension);
  return extension;
}

/** Processes of the browser using `userDataDir`: the browser itself, and its helpers (with --type=). */
function browserProcesses(userDataDir: string): { pid: number; helper: boolean }[] {
  const found: { pid: number; helper: boolean }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!args.includes(`--user-data-dir=${userDataDir}`)) continue;
    let state = '';
    try {
      state = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
    } catch {
      continue;
    }
    if (state === 'Z') continue;
    found.push({ pid: Number(name), helper: args.some((arg) => arg.startsWith('--type=')) });
  }
  return found;
}

/** SIGKILL to the browser process: no unload, no flush, no chance for the extension to finish anything. */
async function killBrowser(extension: LaunchedExtension): Promise<void> {
  const browser = browserProcesses(profile).filter((process) => !process.helper);
  expect(browser, 'exactly one browser process uses the test profile').toHaveLength(1);
  const closed = extension.context.waitForEvent('close', { timeout: 15_000 });
  process.kill(browser[0]?.pid as number, 'SIGKILL');
  await closed;
  // Its helpers go down with it; any that lingers is ended too (by its own id), so the profile is free.
  const deadline = Date.now() + 10_000;
  while (browserProcesses(profile).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const { pid } of browserProcesses(profile)) process.kill(pid, 'SIGKILL');
}

function turn(conversationId: string, index: number): ChatTurn {
  return {
    site: 'claude.ai',
    conversationId,
    messageId: `${conversationId}-${index}`,
    turnIndex: index,
    role: 'assistant',
    text: index % 2 === 0 ? URGENT_POLITICAL_REPLY : PLAIN_REPLY,
    time: Date.now(),
  };
}

/**
 * Sends replies to the background from an extension page, as the content script does (same message, same
 * path: background → offscreen analysis → one store transaction per reply), all at once and unawaited.
 */
async function sendBurst(page: Page, turns: ChatTurn[]): Promise<void> {
  await page.evaluate((turns) => {
    for (const turn of turns) {
      chrome.runtime.sendMessage({ type: 'cogfw:analyze-turn', turn }).catch(() => {});
    }
  }, turns);
}

async function waitForEntries(extension: LaunchedExtension, count: number): Promise<LogEntry[]> {
  let log: LogEntry[] = [];
  await expect
    .poll(
      async () => {
        log = await readLog(extension);
        return log.length;
      },
      { timeout: 90_000, intervals: [100] },
    )
    .toBeGreaterThanOrEqual(count);
  return log;
}

/**
 * The stored record checked in Node with the protocol's own functions: the chain (every link and hash),
 * and every batch — consecutive from seq 0, its Merkle root over the stored entry hashes, its signature,
 * and its signer the key in force after its last entry. Returns the first seq not yet in a batch.
 */
function checkStoredRecord(entries: LogEntry[], batches: LogBatch[]): number {
  expect(verifyChain(entries)).toEqual({ ok: true, entries: entries.length, redacted: 0 });
  let next = 0;
  let key: string | undefined;
  for (const batch of batches) {
    expect(batch.first, 'batches follow each other').toBe(next);
    expect(batch.last).toBeLessThan(entries.length);
    for (let seq = batch.first; seq <= batch.last; seq++) {
      const entry = entries[seq] as LogEntry;
      if (entry.type !== 'key') continue;
      const applied = applyKeyEntry(key, entry.body, entry.prev);
      if ('error' in applied) throw new Error(`key entry ${seq}: ${applied.error}`);
      key = applied.key;
    }
    expect(batch.signer, `batch ${batch.first}–${batch.last} is signed by the key in force`).toBe(key);
    expect(verifyBatchSignature(batch)).toBe(true);
    expect(batch.root).toBe(batchRoot(entries.slice(batch.first, batch.last + 1).map((e) => e.hash)));
    next = batch.last + 1;
  }
  return next;
}

/** "Verify my record" on the options page: the stored record exported and checked in its worker. */
async function verifyMyRecord(extension: LaunchedExtension): Promise<void> {
  const options = await extension.openExtensionPage('options.html');
  await options.getByRole('button', { name: 'Verify my record' }).click();
  await expect(options.locator('#verify-result')).toContainText('Your record is intact', { timeout: 60_000 });
  await options.close();
}

test('a browser killed during a burst of writes restarts with a verifying chain that new entries continue', async () => {
  const first = await launch();
  const page = await first.openExtensionPage('options.html');
  await sendBurst(
    page,
    Array.from({ length: BURST }, (_, i) => turn('burst', i)),
  );
  const seen = await waitForEntries(first, KILL_AT);
  await killBrowser(first);

  const second = await launch();
  const entries = await readLog(second);
  const batches = await readBatches(second);
  // Everything stored before the kill is still there; the burst did not finish.
  expect(entries.length).toBeGreaterThanOrEqual(seen.length);
  expect(entries.length).toBeLessThan(BURST + 1);
  expect(entries.slice(0, seen.length)).toEqual(seen);
  expect(entries[0]?.type).toBe('key');
  expect(batches.length).toBeGreaterThanOrEqual(1);
  const unsealed = checkStoredRecord(entries, batches);
  expect(entries.length - unsealed).toBeLessThan(100);
  test.info().annotations.push({
    type: 'crash',
    description: `${seen.length} entries seen before the kill, ${entries.length} after the restart, ${batches.length} batches, ${entries.length - unsealed} not yet in a batch`,
  });

  // The chain goes on from the last entry that survived.
  const last = entries.at(-1) as LogEntry;
  const more = await second.openExtensionPage('options.html');
  await sendBurst(
    more,
    Array.from({ length: AFTER_RESTART }, (_, i) => turn('after', i)),
  );
  const grown = await waitForEntries(second, entries.length + AFTER_RESTART);
  expect(grown[last.seq + 1]?.prev).toBe(last.hash);
  const grownBatches = await readBatches(second);
  expect(grownBatches.length).toBeGreaterThan(batches.length);
  checkStoredRecord(grown, grownBatches);
  await verifyMyRecord(second);
});
