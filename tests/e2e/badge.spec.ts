import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { badgeText, readFootprint } from './extension-state.ts';
import { PLAIN_REPLY, URGENT_POLITICAL_REPLY } from './replies.ts';

for (const site of [CHAT_SITES.chatgpt, CHAT_SITES.claude, CHAT_SITES.gemini]) {
  test(`${site.host}: the badge counts the flagged replies of the conversation`, async ({ extension }) => {
    const page = await openConversation(extension, site);
    const earlier = await waitForAnalysedTurns(page, site);
    await streamReply(page, URGENT_POLITICAL_REPLY, { chunks: 4, intervalMs: 80 });
    await streamReply(page, PLAIN_REPLY, { chunks: 4, intervalMs: 80 });
    await streamReply(page, undefined, { chunks: 4, intervalMs: 80 });
    await waitForAnalysedTurns(page, site, earlier.length + 3);

    const records = await readFootprint(extension);
    expect(records).toHaveLength(earlier.length + 3);
    const flagged = records.filter((record) => record.findings.length > 0).length;
    expect(flagged, 'the manipulative replies are flagged').toBeGreaterThanOrEqual(2);

    await expect.poll(() => badgeText(extension, page)).toBe(String(flagged));
  });
}
