import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { CHAT_SITES } from './chat-sites.ts';
import { type LaunchedExtension, launchExtension } from './launch-extension.ts';

/**
 * The guard that every other end-to-end test relies on must itself be able to fail. These tests load a
 * deliberately leaky extension and check that each kind of request is caught, attributed and reported.
 */
const LEAKY_EXTENSION = fileURLToPath(new URL('./leaky-extension', import.meta.url));

let leaky: LaunchedExtension;

test.beforeEach(async () => {
  leaky = await launchExtension({ extensionDir: LEAKY_EXTENSION });
});

test.afterEach(async () => {
  await leaky.close();
});

function reportedUrls(): string[] {
  return leaky.guard.violations().map((request) => request.url);
}

test('catches a fetch from a page to an unexpected host', async () => {
  const page = await leaky.context.newPage();
  await page.evaluate(() => fetch('https://example.org/').catch(() => 'blocked'));

  expect(reportedUrls()).toContain('https://example.org/');
  expect(() => leaky.guard.assertNoUnexpectedTraffic()).toThrow(/GET https:\/\/example\.org\/\n\s+from page/);
});

test('catches requests from the service worker, the offscreen document and its worker', async () => {
  await leaky.serviceWorker.evaluate(() =>
    (self as unknown as { leakFromServiceWorker(): Promise<unknown> }).leakFromServiceWorker(),
  );
  await leaky.serviceWorker.evaluate(() =>
    (self as unknown as { leakFromOffscreenDocument(): Promise<void> }).leakFromOffscreenDocument(),
  );

  await expect
    .poll(reportedUrls)
    .toEqual(
      expect.arrayContaining([
        'https://example.org/from-service-worker',
        'https://example.org/from-offscreen-document',
        'https://example.net/from-worker',
      ]),
    );
  const sources = leaky.guard.violations().map((request) => `${request.url} ${request.source}`);
  expect(sources).toContainEqual(
    expect.stringMatching(/from-service-worker service worker chrome-extension:\/\//),
  );
  expect(sources).toContainEqual(expect.stringMatching(/from-worker .*offscreen\.html/));
});

test('catches a WebSocket, which request interception does not see, at the proxy sink', async () => {
  await leaky.serviceWorker.evaluate(() =>
    (self as unknown as { leakFromOffscreenDocument(): Promise<void> }).leakFromOffscreenDocument(),
  );

  await expect
    .poll(() =>
      leaky.guard
        .violations()
        .filter((request) => request.layer === 'sink')
        .map((r) => r.url),
    )
    .toContain('example.com:80');
});

test('reports a request to a chat site that is not part of its fixture', async () => {
  const page = await leaky.context.newPage();
  await page.goto(CHAT_SITES.chatgpt.conversationUrl);
  const status = await page.evaluate(() =>
    fetch('/backend-api/conversation', { method: 'POST', body: '{}' }).then((response) => response.status),
  );

  expect(status).toBe(404);
  expect(reportedUrls()).toEqual(['https://chatgpt.com/backend-api/conversation']);
});

test('lets fixture pages and extension pages through without a report', async () => {
  const page = await leaky.context.newPage();
  for (const site of Object.values(CHAT_SITES)) {
    const response = await page.goto(site.conversationUrl);
    expect(response?.status(), `fixture page for ${site.host}`).toBe(200);
  }
  await page.goto(leaky.extensionUrl('manifest.json'));

  expect(leaky.guard.report()).toBe('No request left the browser except to the chat-page fixtures.');
  const served = leaky.guard.observed.filter((request) => request.allowed && request.layer === 'route');
  // Each page, then the streaming machinery the pages share, served from beside the fixtures on that host.
  expect(served.map((request) => request.url)).toEqual(
    Object.values(CHAT_SITES).flatMap((site) => [
      site.conversationUrl,
      `https://${site.host}/fixture-chat.js`,
    ]),
  );
});
