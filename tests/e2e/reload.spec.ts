import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { badgeText, readFootprint, readLog } from './extension-state.ts';

for (const site of [CHAT_SITES.chatgpt, CHAT_SITES.gemini]) {
  test(`${site.host}: reloading the conversation counts nothing twice`, async ({ extension }) => {
    const page = await openConversation(extension, site);
    const earlier = await waitForAnalysedTurns(page, site);
    await streamReply(page, undefined, { chunks: 4, intervalMs: 80 });
    const marksBefore = await waitForAnalysedTurns(page, site, earlier.length + 1);
    const recordsBefore = await readFootprint(extension);
    const logBefore = await readLog(extension);
    const badgeBefore = await badgeText(extension, page);
    expect(badgeBefore).not.toBe('');

    await page.reload();
    // The replies on the saved page come back and are reported again; the store must recognise them.
    const marksAfter = await waitForAnalysedTurns(page, site, earlier.length);

    expect(marksAfter).toEqual(marksBefore.slice(0, earlier.length));
    expect(await readFootprint(extension)).toEqual(recordsBefore);
    expect((await readLog(extension)).map((entry) => entry.hash)).toEqual(
      logBefore.map((entry) => entry.hash),
    );
    await expect.poll(() => badgeText(extension, page)).toBe(badgeBefore);
  });
}
