import { EXTENSION_MISSING_MESSAGE, extensionIsBuilt } from './built-extension.ts';
import { CHROMIUM_MISSING_MESSAGE, findChromium } from './chromium-path.ts';

/** Runs before `playwright test`: a missing browser or build fails in one clear line, not in every test. */
const chromium = findChromium();
if (!chromium) {
  console.error(CHROMIUM_MISSING_MESSAGE);
  process.exit(1);
}
if (!extensionIsBuilt()) {
  console.error(EXTENSION_MISSING_MESSAGE);
  process.exit(1);
}
console.log(`End-to-end tests use ${chromium}`);
