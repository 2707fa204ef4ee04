import type { Page } from '@playwright/test';
import { MARK_ATTRIBUTE, marksOf, openConversation, streamReply, waitForAnalysedTurns } from './chat-page.ts';
import { CHAT_SITES } from './chat-sites.ts';
import { expect, test } from './extension-fixture.ts';
import { readFootprint } from './extension-state.ts';

interface MarkChange {
  value: string | null;
  /** Whether the fixture page was still streaming a reply when the mark changed. */
  whileStreaming: boolean;
}

/** Records, in the page, every change of a mark on a turn that was not on the page before. */
function recordNewMarks(page: Page, turnSelector: string): Promise<void> {
  return page.evaluate(
    ({ turnSelector, attribute }) => {
      const before = new Set(document.querySelectorAll(turnSelector));
      const changes: MarkChange[] = [];
      const fixture = (window as unknown as { cogfwFixture: { isStreaming(): boolean } }).cogfwFixture;
      new MutationObserver((mutations) => {
        for (const mutation of mutations) {
          const target = mutation.target as Element;
          if (before.has(target) || !target.matches(turnSelector)) continue;
          changes.push({ value: target.getAttribute(attribute), whileStreaming: fixture.isStreaming() });
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: [attribute] });
      (window as unknown as { markChanges: MarkChange[] }).markChanges = changes;
    },
    { turnSelector, attribute: MARK_ATTRIBUTE },
  );
}

function newMarkChanges(page: Page): Promise<MarkChange[]> {
  return page.evaluate(() => (window as unknown as { markChanges: MarkChange[] }).markChanges);
}

for (const site of Object.values(CHAT_SITES)) {
  test.describe(site.host, () => {
    test('a streamed manipulative reply is marked after it finishes, with a level above none', async ({
      extension,
    }) => {
      const page = await openConversation(extension, site);
      const earlier = await waitForAnalysedTurns(page, site);
      await recordNewMarks(page, site.assistantTurn);

      // The fixture's demo reply: flattery, urgency, political steering, a product push, a data request.
      await streamReply(page, undefined, { chunks: 10, intervalMs: 120 });
      const marks = await waitForAnalysedTurns(page, site, earlier.length + 1);

      expect(marks.at(-1)).not.toBe('none');
      const changes = await newMarkChanges(page);
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.filter((change) => change.whileStreaming)).toEqual([]);
      expect(changes.at(-1)?.value).toBe(marks.at(-1));

      const records = await readFootprint(extension);
      const newest = records.reduce((a, b) => (b.turnIndex > a.turnIndex ? b : a));
      expect(newest.level).toBe(marks.at(-1));
      expect(newest.findings.length).toBeGreaterThan(0);
    });

    test('a reply is not marked while it is still streaming', async ({ extension }) => {
      const page = await openConversation(extension, site);
      const earlier = await waitForAnalysedTurns(page, site);

      // Slow enough that the adapter's settle time passes several times within the stream.
      const streaming = streamReply(page, undefined, { chunks: 12, intervalMs: 300 });
      const seenWhileStreaming: (string | null)[] = [];
      while (
        await page.evaluate(() =>
          (window as unknown as { cogfwFixture: { isStreaming(): boolean } }).cogfwFixture.isStreaming(),
        )
      ) {
        const marks = await marksOf(page, site);
        if (marks.length > earlier.length) seenWhileStreaming.push(...marks.slice(earlier.length));
        await page.waitForTimeout(100);
      }
      await streaming;

      expect(seenWhileStreaming.length, 'the streaming turn was sampled').toBeGreaterThan(5);
      expect(seenWhileStreaming.filter((mark) => mark !== null)).toEqual([]);
      await waitForAnalysedTurns(page, site, earlier.length + 1);
    });
  });
}
