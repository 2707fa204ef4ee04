import { expect, type Locator, type Page } from '@playwright/test';
import type { ChatSite } from './chat-sites.ts';
import type { LaunchedExtension } from './launch-extension.ts';

/** The attribute the content script sets on an analysed assistant turn (extension/page-marks). */
export const MARK_ATTRIBUTE = 'data-cogfw';
/** Marks that mean the analysis came back; `pending` and `error` do not. */
export const ANALYSED_MARKS: readonly string[] = ['none', 'low', 'medium', 'high'];

export interface StreamOptions {
  chunks?: number;
  intervalMs?: number;
  userText?: string;
}

/** What the fixture pages in tests/fixtures/chat-pages expose to drive them. */
interface FixtureControls {
  demoReply: string;
  streamReply(text?: string, options?: StreamOptions): Promise<unknown>;
  isStreaming(): boolean;
}

type FixtureWindow = Window & { cogfwFixture: FixtureControls };

export async function openConversation(extension: LaunchedExtension, site: ChatSite): Promise<Page> {
  const page = await extension.context.newPage();
  const response = await page.goto(site.conversationUrl);
  expect(response?.status(), `fixture page for ${site.host}`).toBe(200);
  return page;
}

export function assistantTurns(page: Page, site: ChatSite): Locator {
  return page.locator(site.assistantTurn);
}

export function marksOf(page: Page, site: ChatSite): Promise<(string | null)[]> {
  return assistantTurns(page, site).evaluateAll(
    (turns, attribute) => turns.map((turn) => turn.getAttribute(attribute)),
    MARK_ATTRIBUTE,
  );
}

/** Waits until `count` assistant turns (by default: all, at least one) carry a finished analysis's mark. */
export async function waitForAnalysedTurns(page: Page, site: ChatSite, count?: number): Promise<string[]> {
  let marks: (string | null)[] = [];
  await expect
    .poll(
      async () => {
        marks = await marksOf(page, site);
        const analysed =
          marks.length > 0 && marks.every((mark) => mark !== null && ANALYSED_MARKS.includes(mark));
        return analysed && (count === undefined || marks.length === count);
      },
      {
        message: `${count ?? 'every'} assistant turn(s) on ${site.host} carry an analysed ${MARK_ATTRIBUTE} mark`,
        timeout: 30_000,
      },
    )
    .toBe(true);
  return marks as string[];
}

/**
 * Streams an assistant reply into the fixture page as the site would (the fixture's own demo reply when no
 * text is given) and resolves when the site shows it finished.
 */
export async function streamReply(page: Page, text?: string, options: StreamOptions = {}): Promise<void> {
  await page.evaluate(
    ({ text, options }) =>
      (window as unknown as FixtureWindow).cogfwFixture.streamReply(text ?? undefined, options),
    {
      text: text ?? null,
      options,
    },
  );
}
