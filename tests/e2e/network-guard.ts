import type { BrowserContext, CDPSession, Request } from '@playwright/test';
import type { NetworkSink } from './network-sink.ts';

/** Which interception layer saw a request. */
export type GuardLayer = 'route' | 'cdp' | 'sink';

export interface ObservedRequest {
  method: string;
  url: string;
  /** The context that made it: a page, the service worker, the offscreen document (and its workers) … */
  source: string;
  layer: GuardLayer;
  allowed: boolean;
}

/**
 * Chromium's own service calls (sign-in probe, component updater) that it makes whatever flags it gets.
 * They never come from the extension or a page — those are caught by the route and CDP layers, which see
 * every HTTP request of every context — and the sink refuses them before they leave the machine.
 */
export const CHROMIUM_SERVICE_HOSTS: readonly string[] = ['accounts.google.com', 'update.googleapis.com'];

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

export function isNetworkUrl(url: string): boolean {
  try {
    return NETWORK_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function describeRequestSource(request: Request): string {
  const worker = request.serviceWorker();
  if (worker) return `service worker ${worker.url()}`;
  try {
    return `page ${request.frame().url()}`;
  } catch {
    return 'unknown context';
  }
}

/**
 * Chromium asks a page's origin for /favicon.ico by itself, outside the page's own requests (so routes do
 * not see it), at moments of its choosing. For the hosts whose pages are served locally it is answered 404
 * here; the exact path with no query carries nothing from the page or the extension.
 */
function isFaviconProbe(url: string, servedHosts: ReadonlySet<string>): boolean {
  const { protocol, host, pathname, search } = new URL(url);
  return protocol === 'https:' && servedHosts.has(host) && pathname === '/favicon.ico' && search === '';
}

/**
 * Records every network request of a browser context and says which ones should not have happened.
 * Allowed: the chat-page fixtures served by routing (the route layer marks them) and non-network URLs
 * (chrome-extension:, data:, blob:), which are never recorded at all.
 */
export class NetworkGuard {
  readonly observed: ObservedRequest[] = [];

  constructor(private readonly sink?: NetworkSink) {}

  record(request: ObservedRequest): void {
    this.observed.push(request);
  }

  violations(): ObservedRequest[] {
    const intercepted = this.observed.filter((request) => !request.allowed);
    const reachedSink = (this.sink?.records ?? [])
      .filter((record) => !CHROMIUM_SERVICE_HOSTS.includes(record.host))
      .map(
        (record): ObservedRequest => ({
          method: record.target.split(' ')[0] ?? '',
          url: record.target.slice(record.target.indexOf(' ') + 1),
          source: 'not attributable (reached the network proxy)',
          layer: 'sink',
          allowed: false,
        }),
      );
    return [...intercepted, ...reachedSink];
  }

  report(): string {
    const violations = this.violations();
    if (violations.length === 0) return 'No request left the browser except to the chat-page fixtures.';
    const lines = violations.map(
      (request) =>
        `  ${request.method} ${request.url}\n      from ${request.source} (seen by the ${request.layer} layer)`,
    );
    return [
      `${violations.length} request(s) went somewhere other than the routed chat-page fixtures and chrome-extension:// URLs.`,
      'Nothing the user or the AI wrote may leave the device (SPEC §12). The requests, all blocked:',
      ...lines,
    ].join('\n');
  }

  /** Throws with the list of offending requests. */
  assertNoUnexpectedTraffic(): void {
    if (this.violations().length > 0) throw new Error(this.report());
  }
}

/**
 * Installs the two interception layers that see attributable traffic:
 * - a catch-all Playwright route (pages and the service worker): every http(s) request that no more
 *   specific route serves is recorded and aborted;
 * - browser-wide CDP Fetch interception, which also sees what Playwright does not follow — the offscreen
 *   document and the workers it starts — and what got past the Playwright routes.
 * Register chat-site routes AFTER this: Playwright tries the most recently registered route first.
 */
export async function attachNetworkGuard(
  context: BrowserContext,
  guard: NetworkGuard,
  options: { servedHosts?: readonly string[] } = {},
): Promise<CDPSession> {
  const servedHosts = new Set(options.servedHosts ?? []);
  await context.route(
    (url) => NETWORK_SCHEMES.has(url.protocol),
    (route, request) => {
      guard.record({
        method: request.method(),
        url: request.url(),
        source: describeRequestSource(request),
        layer: 'route',
        allowed: false,
      });
      return route.abort('blockedbyclient');
    },
  );

  const browser = context.browser();
  if (!browser)
    throw new Error('The network guard needs the browser behind the context for CDP interception.');
  const cdp = await browser.newBrowserCDPSession();
  const targets = new Map<string, string>();
  const remember = ({ targetInfo }: { targetInfo: { targetId: string; type: string; url: string } }) => {
    targets.set(targetInfo.targetId, `${targetInfo.type.replace('_', ' ')} ${targetInfo.url}`);
  };
  cdp.on('Target.targetCreated', remember);
  cdp.on('Target.targetInfoChanged', remember);
  await cdp.send('Target.setDiscoverTargets', { discover: true });

  cdp.on('Fetch.requestPaused', (event) => {
    const { requestId, request, frameId } = event;
    if (!isNetworkUrl(request.url)) {
      cdp.send('Fetch.continueRequest', { requestId }).catch(() => {});
      return;
    }
    const owner = targets.get(frameId);
    if (isFaviconProbe(request.url, servedHosts)) {
      guard.record({
        method: request.method,
        url: request.url,
        source: 'the browser (tab icon)',
        layer: 'cdp',
        allowed: true,
      });
      cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 404 }).catch(() => {});
      return;
    }
    guard.record({
      method: request.method,
      url: request.url,
      // A dedicated worker's requests carry the frame of the document that started it.
      source: owner ? `${owner} (or a worker it started)` : `unknown context (frame ${frameId})`,
      layer: 'cdp',
      allowed: false,
    });
    cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => {});
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  return cdp;
}
