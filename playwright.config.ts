import { defineConfig } from '@playwright/test';
import { findChromium } from './tests/e2e/chromium-path.ts';

// In the Playwright we use (1.65), service-worker requests reach context.on('request') and routes by
// default (the old PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS opt-in is gone). This variable is the
// opt-out, and the network guard needs those requests.
delete process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK;

/**
 * End-to-end tests: the built extension in Debian's Chromium (tests/e2e/launch-extension.ts starts it;
 * Playwright's own browsers are never downloaded). One worker: the machine has two cores and each test
 * runs a whole browser with the analysis worker.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTimeout: 15 * 60_000,
  reporter: [['list'], ['./tests/e2e/summary-reporter.ts']],
  outputDir: 'test-results/e2e',
  use: {
    // The extension tests launch Chromium themselves (launch-extension.ts); this keeps Playwright's own
    // fixtures on the same binary, never on a browser build of Playwright's.
    launchOptions: { executablePath: findChromium() },
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
  },
});
