import { buildWeeklyReport } from '../../wasm-core/report/weekly-report.ts';
import type { TechniqueId } from '../../wasm-core/taxonomy.ts';
import type { FootprintRecord } from '../../wasm-core/types.ts';
import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { readFootprint } from './extension-state.ts';
import { URGENT_POLITICAL_REPLY } from './replies.ts';

/** Instances of a technique over the records, as the report counts them (a finding is at least one). */
function instances(records: FootprintRecord[], technique: TechniqueId): number {
  let total = 0;
  for (const record of records) {
    for (const finding of record.findings)
      if (finding.technique === technique) total += Math.max(1, finding.count);
  }
  return total;
}

test('a fresh profile shows the empty report', async ({ extension }) => {
  const popup = await extension.openExtensionPage('popup.html');

  await expect(popup.getByRole('heading', { name: 'Nothing seen yet this week' })).toBeVisible();
  await expect(popup.getByRole('list', { name: 'Influence report' })).toHaveCount(0);
  expect(await readFootprint(extension)).toEqual([]);
});

test('the popup reports what the extension recorded, in plain sentences', async ({ extension }) => {
  const chatgpt = await openConversation(extension, CHAT_SITES.chatgpt);
  const earlier = await waitForAnalysedTurns(chatgpt, CHAT_SITES.chatgpt);
  await streamReply(chatgpt, URGENT_POLITICAL_REPLY, { chunks: 4, intervalMs: 80 });
  await waitForAnalysedTurns(chatgpt, CHAT_SITES.chatgpt, earlier.length + 1);
  const gemini = await openConversation(extension, CHAT_SITES.gemini);
  const geminiEarlier = await waitForAnalysedTurns(gemini, CHAT_SITES.gemini);
  await streamReply(gemini, undefined, { chunks: 4, intervalMs: 80 });
  await waitForAnalysedTurns(gemini, CHAT_SITES.gemini, geminiEarlier.length + 1);

  const records = await readFootprint(extension);
  const urgency = instances(records, 'T01');
  const political = instances(records, 'T18');
  expect(urgency, 'urgency found in the stored records').toBeGreaterThan(0);
  expect(political, 'political steering found in the stored records').toBeGreaterThan(0);

  const popup = await extension.openExtensionPage('popup.html');
  const sentences = popup.getByRole('list', { name: 'Influence report' }).getByRole('listitem');
  await expect(sentences.first()).toBeVisible();
  const shown = await sentences.allTextContents();

  expect(shown).toContain(
    `${urgency} ${urgency === 1 ? 'instance' : 'instances'} of urgency-inducing language detected.`,
  );
  expect(shown).toContain(
    `This week, the AI encouraged you to view political content ${political} ${political === 1 ? 'time' : 'times'}.`,
  );
  // Every sentence, in order, is what the report computes from the same records.
  const timeZone = await popup.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(shown).toEqual(buildWeeklyReport(records, { now: Date.now(), timeZone }).sentences);
  await expect(popup.locator('#replies-analysed')).toHaveText(String(records.length));
  await expect(popup.locator('#replies-flagged')).toHaveText(
    String(records.filter((record) => record.findings.length > 0).length),
  );
});
