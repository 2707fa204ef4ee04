import { verifyChain } from '../../protocol/log-entry.ts';
import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { readFootprint, readLog, rewriteLogEntry } from './extension-state.ts';
import type { LaunchedExtension } from './launch-extension.ts';

async function analyseConversation(extension: LaunchedExtension): Promise<void> {
  const site = CHAT_SITES.claude;
  const page = await openConversation(extension, site);
  const earlier = await waitForAnalysedTurns(page, site);
  await streamReply(page, undefined, { chunks: 4, intervalMs: 80 });
  await waitForAnalysedTurns(page, site, earlier.length + 1);
}

test('the stored log is one verifying hash chain with an entry per analysed reply', async ({ extension }) => {
  await analyseConversation(extension);
  const log = await readLog(extension);
  const records = await readFootprint(extension);

  expect(verifyChain(log)).toEqual({ ok: true, entries: log.length, redacted: 0 });
  // Each analysis entry commits to its footprint row, excerpts aside (they are deletable raw text).
  const analysed = log.filter((entry) => entry.type === 'analysis').map((entry) => entry.body);
  const committed = records.map(({ excerpts: _excerpts, ...body }) => body);
  expect(analysed).toHaveLength(records.length);
  expect(analysed).toEqual(expect.arrayContaining(committed));

  const options = await extension.openExtensionPage('options.html');
  await expect(options.locator('#chain-status')).toHaveText('Verified');
  await expect(options.locator('#log-entries')).toHaveText(String(log.length));
});

test('a changed log entry breaks the chain, and the options page says where', async ({ extension }) => {
  await analyseConversation(extension);
  const log = await readLog(extension);
  // An analysis whose verdict the rewrite below really changes (seq 0 is the device key's genesis entry).
  const target =
    log.find(
      (entry) =>
        entry.type === 'analysis' && entry.seq > 0 && (entry.body as { level?: string }).level !== 'none',
    ) ?? log.at(-1);
  if (!target) throw new Error('the log is empty');

  // Rewrite history: the stored verdict of one analysis is softened to "none".
  await rewriteLogEntry(extension, target.seq, { ...(target.body as object), level: 'none', risk: 0 });

  const verdict = verifyChain(await readLog(extension));
  expect(verdict).toMatchObject({ ok: false, seq: target.seq, reason: 'body does not match bodyHash' });
  const options = await extension.openExtensionPage('options.html');
  await expect(options.locator('#chain-status')).toHaveText(
    `Broken at entry ${target.seq}: body does not match bodyHash`,
  );
});
