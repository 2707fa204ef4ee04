import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, type Rollup } from 'vite';
import { CHROMIUM_MISSING_MESSAGE, findChromium } from '../tests/e2e/chromium-path.ts';
import type { StoreRound } from './log-append/log-append-page.ts';

export type LogAppendBench =
  | {
      skipped: false;
      entries: number;
      batches: number;
      /** Appends through the store (hash chain + batch sealing), entries per second. */
      storePerSecond: number;
      /** Raw IndexedDB puts of the same entries, entries per second. */
      rawPerSecond: number;
      /** store / raw: the share of the bare IndexedDB write rate the log's append path keeps. */
      ratio: number;
    }
  | { skipped: true; reason: string };

const PAGE_ENTRY = fileURLToPath(new URL('./log-append/log-append-page.ts', import.meta.url));

/** The page's script as one ES module, built with the project's Vite (no files written). */
async function bundlePage(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      rollupOptions: { input: PAGE_ENTRY, output: { format: 'es', inlineDynamicImports: true } },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((file) => file.type === 'chunk' && file.isEntry);
  if (chunk?.type !== 'chunk') throw new Error('the bench page did not bundle');
  return chunk.code;
}

/** Serves the page and its script from 127.0.0.1 (IndexedDB and WebCrypto need a secure origin). */
async function servePage(script: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface BenchPage {
  storeRound(count: number): Promise<StoreRound>;
  rawRound(count: number): Promise<number>;
}

/**
 * Append rate into IndexedDB in Chromium: the extension's store (one transaction per entry, hash chain,
 * a signed Merkle batch sealed every 100 entries) against raw puts of the same entries in the same page.
 * Rounds alternate so both see the same machine load; each keeps its fastest round.
 */
export async function benchLogAppend(entries = 1000, rounds = 3): Promise<LogAppendBench> {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: true, reason: CHROMIUM_MISSING_MESSAGE };
  const server = await servePage(await bundlePage());
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'cogfwLogAppendBench' in globalThis);
    let storeMs = Number.POSITIVE_INFINITY;
    let rawMs = Number.POSITIVE_INFINITY;
    let batches = 0;
    for (let round = 0; round < rounds; round++) {
      const store = await page.evaluate(
        (count) =>
          (globalThis as unknown as { cogfwLogAppendBench: BenchPage }).cogfwLogAppendBench.storeRound(count),
        entries,
      );
      if (store.entries !== entries + 1) throw new Error(`the store holds ${store.entries} entries`);
      batches = store.batches;
      storeMs = Math.min(storeMs, store.ms);
      const raw = await page.evaluate(
        (count) =>
          (globalThis as unknown as { cogfwLogAppendBench: BenchPage }).cogfwLogAppendBench.rawRound(count),
        entries,
      );
      rawMs = Math.min(rawMs, raw);
    }
    const storePerSecond = (entries / storeMs) * 1000;
    const rawPerSecond = (entries / rawMs) * 1000;
    return {
      skipped: false,
      entries,
      batches,
      storePerSecond,
      rawPerSecond,
      ratio: storePerSecond / rawPerSecond,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
