import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The project's own chat-page fixtures (they stream, unlike the captures). */
export const FIXTURE_DIR = join(repoRoot, 'tests/fixtures/chat-pages');

/** Pages saved from the real sites, shared next to the repository when available. */
export const CAPTURES_DIR = join(repoRoot, '../shared/captures');
export const capturesExist = existsSync(CAPTURES_DIR);

/** What the fixtures' shared script (fixture-chat.js) exposes as `window.cogfwFixture`. */
export interface FixtureHooks {
  site: string;
  demoUserText: string;
  demoReply: string;
  navigationReply: string;
  streamReply(
    text?: string,
    options?: { chunks?: number; intervalMs?: number; userText?: string },
  ): Promise<{
    messageId: string;
  }>;
  rerender(): void;
  navigate(conversationId?: string, exchange?: { userText?: string; reply?: string }): { messageId: string };
  isStreaming(): boolean;
  state(): string;
}

/**
 * Parses a saved page into its own happy-dom window at `url`, without running any of its scripts: the
 * adapters only read the DOM.
 */
export function loadStaticPage(path: string, url: string): { document: Document; close(): Promise<void> } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true },
    },
  });
  const html = readFileSync(path, 'utf8');
  if (/<html[\s>]/i.test(html)) window.document.write(html);
  else window.document.body.innerHTML = html;
  return {
    document: window.document as unknown as Document,
    close: () => window.happyDOM.close(),
  };
}

/**
 * Loads one of the project's fixtures into the test environment's own document at `url` and runs its scripts
 * (the shared fixture-chat.js, then the page's own) there, so the page can stream under the test's (fake) timers.
 */
export function loadFixtureIntoTestDocument(name: string, url: string): FixtureHooks {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const html = readFileSync(join(FIXTURE_DIR, name), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  // A script the page loads by src (/fixture-chat.js) sits beside the pages, where the e2e routing serves it from.
  const scripts = [...parsed.querySelectorAll('script')].map((script) => {
    const src = script.getAttribute('src');
    return src ? readFileSync(join(FIXTURE_DIR, basename(src)), 'utf8') : (script.textContent ?? '');
  });
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.documentElement.removeAttribute('data-fixture-state');
  document.title = parsed.title;
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  for (const code of scripts) new Function(code)();
  return (window as unknown as { cogfwFixture: FixtureHooks }).cogfwFixture;
}
