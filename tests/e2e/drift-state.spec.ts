import { driftScenario } from '../../extension/behaviour/testing/drift-fixtures.ts';
import { describeDriftState } from '../../wasm-core/behaviour/drift-monitor.ts';
import { openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { readDriftRows, seedFootprint } from './drift-seeding.ts';
import { expect, test } from './extension-fixture.ts';
import { PLAIN_REPLY } from './replies.ts';

/** The ChatGPT fixture marks its replies with `data-message-model-slug="gpt-5"`; Claude's names no model. */
const CHATGPT = 'chatgpt|gpt-5';
const CLAUDE = 'claude';

test('the popup shows each assistant’s drift state after replies on chat pages', async ({ extension }) => {
  const chatgpt = await openConversation(extension, CHAT_SITES.chatgpt);
  const earlier = await waitForAnalysedTurns(chatgpt, CHAT_SITES.chatgpt);
  await streamReply(chatgpt, PLAIN_REPLY, { chunks: 3, intervalMs: 80 });
  await waitForAnalysedTurns(chatgpt, CHAT_SITES.chatgpt, earlier.length + 1);
  const claude = await openConversation(extension, CHAT_SITES.claude);
  await waitForAnalysedTurns(claude, CHAT_SITES.claude);

  const popup = await extension.openExtensionPage('popup.html');
  // The turn pipeline assessed each assistant as its replies came in.
  await expect
    .poll(async () => (await readDriftRows(popup)).map((row) => row.assistant).sort())
    .toEqual([CHATGPT, CLAUDE]);
  const assistants = popup.getByRole('list', { name: 'Assistants' });
  for (const [assistant, name] of [
    [CHATGPT, 'ChatGPT (gpt-5)'],
    [CLAUDE, 'Claude'],
  ]) {
    const item = assistants.locator(`li[data-assistant="${assistant}"]`);
    await expect(item.getByRole('heading', { name })).toBeVisible();
    await expect(item.locator('.drift-state')).toHaveText('NORMAL');
    await expect(item.locator('.drift-description')).toHaveText(describeDriftState('NORMAL'));
    await expect(item.getByRole('button', { name: "I've seen this" })).toHaveCount(0);
    // Too few replies for an index yet, and the popup says so rather than showing a number.
    await expect(item.locator('.engagement')).toContainText(`Too few replies from ${name}`);
  }
});

test('a drifting week puts the assistant on hold, and acknowledging moves it to recovery', async ({
  extension,
}) => {
  // Opening the popup creates the database with the extension's schema; the seed goes in through it.
  const popup = await extension.openExtensionPage('popup.html');
  await expect(popup.getByText('No assistant has replied yet.')).toBeVisible();
  await seedFootprint(popup, driftScenario(CHATGPT, Date.now(), 'hold'));

  // The next reply from that assistant has the pipeline assess its last 37 days.
  const chatgpt = await openConversation(extension, CHAT_SITES.chatgpt);
  await waitForAnalysedTurns(chatgpt, CHAT_SITES.chatgpt);
  await expect
    .poll(async () => (await readDriftRows(popup)).find((row) => row.assistant === CHATGPT)?.drift.state)
    .toBe('HOLD');

  const item = popup.getByRole('list', { name: 'Assistants' }).locator(`li[data-assistant="${CHATGPT}"]`);
  await expect(item.locator('.drift-state')).toHaveText('HOLD');
  await expect(item.locator('.drift-description')).toHaveText(describeDriftState('HOLD'));
  await expect(
    item.getByRole('list', { name: 'What drifted for ChatGPT (gpt-5)' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expect(item.getByRole('list', { name: 'Patterns in replies from ChatGPT (gpt-5)' })).toContainText(
    'patterns consistent with a scam',
  );

  await item.getByRole('button', { name: "I've seen this" }).click();
  await expect(item.locator('.drift-state')).toHaveText('RECOVERY');
  await expect(item.locator('.drift-description')).toHaveText(describeDriftState('RECOVERY'));
  await expect(item.getByRole('button', { name: "I've seen this" })).toHaveCount(0);
  expect((await readDriftRows(popup)).find((row) => row.assistant === CHATGPT)?.drift.state).toBe('RECOVERY');
});
