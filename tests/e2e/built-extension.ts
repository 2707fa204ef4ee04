import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` (wxt build) puts the unpacked MV3 extension. */
export const EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));

export const EXTENSION_MISSING_MESSAGE = `The built extension is missing (${join(EXTENSION_DIR, 'manifest.json')}): run npm run build first.`;

export function extensionIsBuilt(dir: string = EXTENSION_DIR): boolean {
  return existsSync(join(dir, 'manifest.json'));
}
