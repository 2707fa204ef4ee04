import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { describeRequestSource, type NetworkGuard } from './network-guard.ts';

export const CHAT_PAGES_DIR = fileURLToPath(new URL('../fixtures/chat-pages', import.meta.url));

export interface ChatSite {
  /** Fixture file in tests/fixtures/chat-pages, without `.html`. */
  fixture: string;
  /** The adapter's site name, as stored in footprint records. */
  site: string;
  host: string;
  /** A conversation URL of the shape the real site uses, so the adapter's URL parsing runs for real. */
  conversationUrl: string;
  /** How the site marks an assistant turn (the element the extension marks). */
  assistantTurn: string;
}

/** The real chat sites the end-to-end tests visit; each is served from its fixture page, offline. */
export const CHAT_SITES = {
  chatgpt: {
    fixture: 'chatgpt',
    site: 'chatgpt',
    host: 'chatgpt.com',
    conversationUrl: 'https://chatgpt.com/c/6820f3a1-7b2c-8005-9d41-3e5a0c2b9f17',
    assistantTurn: '[data-message-author-role="assistant"]',
  },
  claude: {
    fixture: 'claude',
    site: 'claude',
    host: 'claude.ai',
    conversationUrl: 'https://claude.ai/chat/0b7c9e52-4f1d-4c8a-a6e3-2d95f08b71c4',
    assistantTurn: '[data-is-streaming]',
  },
  gemini: {
    fixture: 'gemini',
    site: 'gemini',
    host: 'gemini.google.com',
    conversationUrl: 'https://gemini.google.com/app/4e8b1c0f9a2d7365',
    assistantTurn: 'model-response',
  },
  /** A site handled by the generic adapter profiles (Le Chat). */
  generic: {
    fixture: 'generic',
    site: 'mistral',
    host: 'chat.mistral.ai',
    conversationUrl: 'https://chat.mistral.ai/chat/5d2e8f41-93b0-4a7c-b1e6-0c4f7a9d2e58',
    assistantTurn: '[data-message-author-role="assistant"]',
  },
} as const satisfies Record<string, ChatSite>;

export type ChatSiteName = keyof typeof CHAT_SITES;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function fixturePagePath(site: ChatSite): string {
  return join(CHAT_PAGES_DIR, `${site.fixture}.html`);
}

/**
 * Serves each chat site from its fixture: any navigation on the site's host gets the fixture page, and
 * a sub-resource (such as the pages' shared fixture-chat.js) is served only when a file of that name sits
 * beside the fixtures. Any other request to
 * the host (an API call, a beacon) is answered 404 and reported by the guard: the real site would have
 * received it.
 */
export async function routeChatSites(
  context: BrowserContext,
  guard: NetworkGuard,
  sites: readonly ChatSite[] = Object.values(CHAT_SITES),
): Promise<void> {
  for (const site of sites) {
    await context.route(`https://${site.host}/**`, (route, request) => {
      const isDocument = request.resourceType() === 'document';
      const file = isDocument
        ? fixturePagePath(site)
        : join(CHAT_PAGES_DIR, basename(new URL(request.url()).pathname));
      const served = existsSync(file);
      guard.record({
        method: request.method(),
        url: request.url(),
        source: describeRequestSource(request),
        layer: 'route',
        allowed: served,
      });
      if (!served) {
        const body = isDocument ? `No fixture page ${fixturePagePath(site)}` : 'not part of the fixture';
        return route.fulfill({ status: 404, contentType: 'text/plain', body });
      }
      return route.fulfill({
        status: 200,
        contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
      });
    });
  }
}
