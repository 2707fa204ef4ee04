import type { Page } from '@playwright/test';
import { EXTENSION_MISSING_MESSAGE, extensionIsBuilt } from '../e2e/built-extension.ts';
import { waitForAnalysedTurns } from '../e2e/chat-page.ts';
import { CHAT_SITES } from '../e2e/chat-sites.ts';
import { CHROMIUM_MISSING_MESSAGE, findChromium } from '../e2e/chromium-path.ts';
import { type LaunchedExtension, launchExtension } from '../e2e/launch-extension.ts';
import { formatPopupReport, readPopupReport } from './popup-report-text.ts';

/**
 * `npm start`: the demo conversation on a ChatGPT page (served offline at its real URL) with the built
 * extension. With a display, Chromium opens for the user to look around; without one, the conversation runs
 * headless and the weekly report the extension produced is printed.
 */
const site = CHAT_SITES.chatgpt;
const DEMO_URL = 'https://chatgpt.com/c/demo?autostream=1';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** The fixture streams its demo reply on load; waits for it to finish and for every reply to be analysed. */
async function runDemoConversation(extension: LaunchedExtension): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(DEMO_URL);
  await page.locator('html[data-fixture-state="done"]').waitFor({ timeout: 30_000 });
  const marks = await waitForAnalysedTurns(page, site);
  console.log(`Analysed ${marks.length} assistant replies on ${DEMO_URL} (risk: ${marks.join(', ')}).`);
  return page;
}

function networkVerdict(extension: LaunchedExtension): string {
  const violations = extension.guard.violations();
  return violations.length === 0 ? `Network: ${extension.guard.report()}` : extension.guard.report();
}

async function headed(): Promise<void> {
  const extension = await launchExtension({ headless: false, sites: [site] });
  const closed = new Promise<void>((resolve) => extension.context.once('close', () => resolve()));
  process.once('SIGINT', () => void extension.close());
  await runDemoConversation(extension);
  const popup = await extension.openExtensionPage('popup.html');
  await readPopupReport(popup);
  await popup.bringToFront();
  console.log('Chromium is open with the demo chat and the extension popup (in its own tab).');
  console.log('Close the browser window to end the demo.');
  await closed;
  console.log(networkVerdict(extension));
  await extension.close();
}

async function headless(): Promise<void> {
  const extension = await launchExtension({ headless: true, sites: [site] });
  try {
    await runDemoConversation(extension);
    const popup = await extension.openExtensionPage('popup.html');
    const report = await readPopupReport(popup);
    console.log('');
    console.log(formatPopupReport(report));
    console.log('');
  } finally {
    await extension.close();
  }
  console.log(networkVerdict(extension));
  if (extension.guard.violations().length > 0) process.exit(1);
}

if (!findChromium()) fail(CHROMIUM_MISSING_MESSAGE);
if (!extensionIsBuilt()) fail(EXTENSION_MISSING_MESSAGE);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
try {
  await (hasDisplay ? headed() : headless());
} catch (error) {
  fail(`The demo failed: ${error instanceof Error ? error.message : String(error)}`);
}
