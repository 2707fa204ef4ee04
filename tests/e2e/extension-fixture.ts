import { test as base } from '@playwright/test';
import { type LaunchedExtension, launchExtension } from './launch-extension.ts';

/**
 * `extension`: a fresh profile with the built extension, chat sites served from fixtures. After the test
 * the network guard must have seen nothing but fixture and chrome-extension:// traffic, or the test fails
 * with the list of offending requests.
 */
export const test = base.extend<{ extension: LaunchedExtension }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
  extension: async ({}, use, testInfo) => {
    const extension = await launchExtension();
    try {
      await use(extension);
    } finally {
      await extension.close();
      await testInfo.attach('network-requests.json', {
        body: JSON.stringify(extension.guard.observed, null, 2),
        contentType: 'application/json',
      });
    }
    extension.guard.assertNoUnexpectedTraffic();
  },
});

export { expect } from '@playwright/test';
