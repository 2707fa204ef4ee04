import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { EXTENSION_DIR } from './built-extension.ts';
import { CHAT_SITES, type ChatSite, routeChatSites } from './chat-sites.ts';
import { requireChromium } from './chromium-path.ts';
import { attachNetworkGuard, NetworkGuard } from './network-guard.ts';
import { startNetworkSink } from './network-sink.ts';

const SERVICE_WORKER_TIMEOUT_MS = 15_000;

export interface LaunchOptions {
  /** Unpacked extension to load; the build output by default. */
  extensionDir?: string;
  headless?: boolean;
  /** Chat sites to serve from fixtures; all of them by default. */
  sites?: readonly ChatSite[];
  /**
   * A profile directory the caller owns and keeps (a relaunch reuses it); by default a fresh temporary one,
   * removed on close.
   */
  userDataDir?: string;
}

export interface LaunchedExtension {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  guard: NetworkGuard;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  /** Opens a page of the extension (popup.html, options.html) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh profile and the extension loaded, every chat site served from its fixture,
 * and every other request blocked and recorded. Used by the end-to-end tests and by the demo.
 */
export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const executablePath = requireChromium();
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const sink = await startNetworkSink();
  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cogfw-profile-'));
  // No speculative connections to hosts a page might visit next: they would show up as traffic.
  if (!existsSync(join(userDataDir, 'Default', 'Preferences'))) {
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(
      join(userDataDir, 'Default', 'Preferences'),
      JSON.stringify({ net: { network_prediction_options: 2 } }),
    );
  }
  const guard = new NetworkGuard(sink);

  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => {});
    await sink.close();
    if (!ownsProfile) return;
    // Chromium's helper processes can still be writing the profile for a moment after the browser exits.
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.warn(`Could not remove the temporary profile ${userDataDir}: ${String(error)}`);
    }
  };

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.headless ?? true,
      viewport: { width: 1280, height: 800 },
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The sink is the browser's only way out, loopback included: nothing can leave the machine.
        `--proxy-server=${sink.proxyServer}`,
        '--proxy-bypass-list=<-loopback>',
      ],
    });
    const sites = options.sites ?? Object.values(CHAT_SITES);
    const cdp = await attachNetworkGuard(context, guard, { servedHosts: sites.map((site) => site.host) });
    await routeChatSites(context, guard, sites);

    const isOurs = (worker: Worker) => worker.url().startsWith('chrome-extension://');
    const serviceWorker =
      context.serviceWorkers().find(isOurs) ??
      (await context
        .waitForEvent('serviceworker', { predicate: isOurs, timeout: SERVICE_WORKER_TIMEOUT_MS })
        .catch(async () => {
          const { targetInfos } = await cdp.send('Target.getTargets');
          const targets = targetInfos.map((target) => `${target.type} ${target.url}`).join('; ');
          throw new Error(
            `The extension's service worker did not start within ${SERVICE_WORKER_TIMEOUT_MS / 1000} s. ` +
              `Is ${extensionDir} a complete build (was it being rebuilt)? Browser targets: ${targets}`,
          );
        }));
    const extensionId = new URL(serviceWorker.url()).host;
    const launched: BrowserContext = context;
    const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

    return {
      context: launched,
      serviceWorker,
      extensionId,
      guard,
      extensionUrl,
      async openExtensionPage(path) {
        const page = await launched.newPage();
        await page.goto(extensionUrl(path));
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
