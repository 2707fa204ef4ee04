import type { Locator, Page } from '@playwright/test';
import { assistantTurns, openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { badgeText, readFootprint } from './extension-state.ts';
import type { LaunchedExtension } from './launch-extension.ts';
import { URGENT_POLITICAL_REPLY } from './replies.ts';

/**
 * What the page shows of a manipulative reply at each protection level (SPEC §6). The reply urges the user
 * to act "before it's too late" and tells them which party to vote for; the shipped constitution finds user
 * autonomy (P1) and value alignment (P8) violated at every level (checked with the node analyzer), so the
 * level alone decides what is shown: minimal → badge only, standard → highlights, enhanced → + a warning,
 * maximum → + the reply blurred until "Show reply".
 */
const site = CHAT_SITES.chatgpt;
const HIGHLIGHT = 'cogfw-finding';
type Level = 'minimal' | 'standard' | 'enhanced' | 'maximum';

/** Chooses the level the way a user does: the options page's radio buttons. */
async function setProtectionLevel(extension: LaunchedExtension, level: Level): Promise<void> {
  const options = await extension.openExtensionPage('options.html');
  const radio = options.locator(`input[name="protection-level"][value="${level}"]`);
  if (!(await radio.isChecked())) {
    await radio.check();
    await expect(options.locator('.save-status')).toHaveText('Saved.');
  }
  await expect(radio).toBeChecked();
  await options.close();
}

/** Streams the manipulative reply into a conversation and waits until the extension has answered for it. */
async function manipulativeReply(extension: LaunchedExtension, level: Level, replies = 1) {
  await setProtectionLevel(extension, level);
  const page = await openConversation(extension, site);
  const earlier = await waitForAnalysedTurns(page, site);
  for (let i = 0; i < replies; i++) {
    await streamReply(page, URGENT_POLITICAL_REPLY, { chunks: 4, intervalMs: 60 });
  }
  await waitForAnalysedTurns(page, site, earlier.length + replies);
  const turn = assistantTurns(page, site).last();
  return { page, turn, note: noteBefore(turn) };
}

/** The extension's note right before a reply (its content is in an open shadow root, which locators pierce). */
function noteBefore(turn: Locator): Locator {
  return turn.locator('xpath=preceding-sibling::*[1][self::cogfw-reply-note]');
}

/** The text of every range the extension registered for highlighting that lies inside the turn. */
function highlightedIn(turn: Locator): Promise<string[]> {
  return turn.evaluate((element, name) => {
    const highlight = CSS.highlights.get(name);
    return [...(highlight ?? [])]
      .filter((range) => element.contains(range.startContainer))
      .map((range) => range.toString());
  }, HIGHLIGHT);
}

/** Copies of the note a cloning re-render left behind (a clone has no shadow root): there must be none. */
function strayNotes(page: Page): Promise<number> {
  return page.evaluate(
    () => [...document.querySelectorAll('cogfw-reply-note')].filter((note) => !note.shadowRoot).length,
  );
}

function filterOf(turn: Locator): Promise<string> {
  return turn.evaluate((element) => getComputedStyle(element).filter);
}

async function expectNotBlurred(turn: Locator): Promise<void> {
  expect(await filterOf(turn)).toBe('none');
  expect(await turn.evaluate((element) => element.hasAttribute('inert'))).toBe(false);
}

async function recordedAction(extension: LaunchedExtension): Promise<string | undefined> {
  const records = await readFootprint(extension);
  return records.sort((a, b) => a.time - b.time).at(-1)?.action;
}

test('minimal: the reply is recorded and counted on the badge, nothing else is shown', async ({
  extension,
}) => {
  const { page, turn, note } = await manipulativeReply(extension, 'minimal');
  expect(await recordedAction(extension)).toBe('badge');
  await expect.poll(() => badgeText(extension, page)).not.toBe('');
  await expect(turn).toHaveAttribute('data-cogfw', /^(low|medium|high)$/);
  await expect(note).toHaveCount(0);
  expect(await highlightedIn(turn)).toEqual([]);
  await expectNotBlurred(turn);
});

test('standard: the manipulative phrases are highlighted, no warning and no blur', async ({ extension }) => {
  const { turn, note } = await manipulativeReply(extension, 'standard');
  expect(await recordedAction(extension)).toBe('highlight');
  const highlighted = await highlightedIn(turn);
  expect(highlighted.join(' | ')).toMatch(/act now/i);
  expect(highlighted.join(' | ')).toMatch(/vote for/i);
  await expect(note.locator('.marker-button')).toHaveText(/principles? at stake/);
  await expect(note.locator('.warning')).toHaveCount(0);
  await expect(note.locator('.show-reply')).toHaveCount(0);
  await expectNotBlurred(turn);
});

test('standard: the marker explains itself on keyboard focus, and to screen readers', async ({
  extension,
}) => {
  const { page, note } = await manipulativeReply(extension, 'standard');
  const marker = note.locator('.marker-button');
  const explanation = note.locator('.explanation');
  await expect(explanation).toBeHidden();
  await marker.focus();
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText(/User autonomy \(P1\) — violated/);
  await expect(explanation).toContainText(/Urgency/);
  await expect(marker).toHaveAttribute('aria-expanded', 'true');
  await expect(marker).toHaveAccessibleDescription(/user autonomy/i);
  expect(await marker.evaluate((element) => element.matches(':focus-visible'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(explanation).toBeHidden();
  await expect(marker).toHaveAttribute('aria-expanded', 'false');
  // Enter pins it open, as a click does.
  await page.keyboard.press('Enter');
  await expect(explanation).toBeVisible();
});

test('enhanced: a warning above the reply names the violated principle, and survives a re-render', async ({
  extension,
}) => {
  const { page, turn, note } = await manipulativeReply(extension, 'enhanced');
  expect(await recordedAction(extension)).toBe('warn');
  const warning = note.locator('.warning');
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('role', 'alert');
  await expect(warning).toContainText('this reply violates');
  await expect(warning).toContainText(/user autonomy/i);
  const warningBox = await warning.boundingBox();
  const turnBox = await turn.boundingBox();
  expect(warningBox && turnBox && warningBox.y + warningBox.height <= turnBox.y + 1).toBe(true);
  expect((await highlightedIn(turn)).length).toBeGreaterThan(0);
  await expect(note.locator('.show-reply')).toHaveCount(0);
  await expectNotBlurred(turn);

  // The site replaces every turn with a fresh copy, as a framework re-render does.
  await page.evaluate(() =>
    (window as unknown as { cogfwFixture: { rerender(): void } }).cogfwFixture.rerender(),
  );
  const rerendered = assistantTurns(page, site).last();
  await expect(noteBefore(rerendered).locator('.warning')).toContainText(/user autonomy/i);
  await expect.poll(() => highlightedIn(rerendered).then((ranges) => ranges.length)).toBeGreaterThan(0);
  expect(await strayNotes(page)).toBe(0);
});

test('maximum: the reply stays blurred until "Show reply" is pressed with the keyboard', async ({
  extension,
}) => {
  const { page } = await manipulativeReply(extension, 'maximum', 2);
  expect(await recordedAction(extension)).toBe('blur');
  const turns = assistantTurns(page, site);
  const count = await turns.count();

  for (const [offset, key] of [
    [2, 'Enter'],
    [1, 'Space'],
  ] as const) {
    const turn = turns.nth(count - offset);
    const note = noteBefore(turn);
    expect(await filterOf(turn)).toMatch(/blur/);
    expect(await turn.evaluate((element) => element.hasAttribute('inert'))).toBe(true);
    await expect(note.locator('.warning')).toContainText(/user autonomy/i);
    const show = note.locator('.show-reply');
    await expect(show).toBeVisible();
    // The overlay lies over the blurred reply.
    const showBox = await show.boundingBox();
    const turnBox = await turn.boundingBox();
    expect(showBox && turnBox && showBox.y >= turnBox.y && showBox.y < turnBox.y + turnBox.height).toBe(true);

    await show.focus();
    expect(await show.evaluate((element) => element.matches(':focus-visible'))).toBe(true);
    expect(await show.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
    await page.keyboard.press(key);

    await expect(show).toHaveCount(0);
    await expect.poll(() => filterOf(turn)).toBe('none');
    await expectNotBlurred(turn);
    // Focus is not dropped: it moves to the warning, which stays.
    await expect(note.locator('.warning')).toBeFocused();
  }
});

test('maximum: a reply re-rendered by the site before it was shown is blurred again', async ({
  extension,
}) => {
  const { page } = await manipulativeReply(extension, 'maximum');
  await page.evaluate(() =>
    (window as unknown as { cogfwFixture: { rerender(): void } }).cogfwFixture.rerender(),
  );
  const rerendered = assistantTurns(page, site).last();
  await expect.poll(() => filterOf(rerendered)).toMatch(/blur/);
  await expect(noteBefore(rerendered).locator('.show-reply')).toBeVisible();
  expect(await strayNotes(page)).toBe(0);
});
