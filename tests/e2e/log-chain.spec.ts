import { verifyChain } from '../../protocol/log-entry.ts';
import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { liveServiceWorker, readFootprint, readLog } from './extension-state.ts';
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
  const target = log.find((entry) => entry.type === 'analysis' && entry.seq > 0) ?? log.at(-1);
  if (!target) throw new Error('the log is empty');

  // Rewrite history: the stored verdict of one analysis is softened to "none".
  const worker = await liveServiceWorker(extension);
  await worker.evaluate(async (seq) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('cogfw');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('log', 'readwrite').objectStore('log');
    await new Promise<void>((resolve, reject) => {
      const read = store.get(seq);
      read.onsuccess = () => {
        const entry = read.result;
        entry.body = { ...entry.body, level: 'none', risk: 0 };
        const write = store.put(entry);
        write.onsuccess = () => resolve();
        write.onerror = () => reject(write.error);
      };
      read.onerror = () => reject(read.error);
    });
    db.close();
  }, target.seq);

  const verdict = verifyChain(await readLog(extension));
  expect(verdict).toMatchObject({ ok: false, seq: target.seq, reason: 'body does not match bodyHash' });
  const options = await extension.openExtensionPage('options.html');
  await expect(options.locator('#chain-status')).toHaveText(
    `Broken at entry ${target.seq}: body does not match bodyHash`,
  );
});
