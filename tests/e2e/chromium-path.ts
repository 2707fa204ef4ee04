import { accessSync, constants } from 'node:fs';

/** Debian's package; the launcher script is what `apt-get install chromium` puts on the PATH. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const CHROMIUM_MISSING_MESSAGE = [
  'End-to-end tests need Chromium, and none was found',
  `(looked at CHROMIUM_PATH, ${CANDIDATES.join(', ')}).`,
  "Install Debian's package: apt-get update && apt-get install -y chromium, or set CHROMIUM_PATH.",
].join(' ');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium the tests and the demo drive. Playwright's own browser builds are never used (nothing may
 * be downloaded), so this is the one place that decides which binary runs.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return isExecutable(configured) ? configured : undefined;
  return CANDIDATES.find(isExecutable);
}

export function requireChromium(): string {
  const path = findChromium();
  if (!path) throw new Error(CHROMIUM_MISSING_MESSAGE);
  return path;
}
