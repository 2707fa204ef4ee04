import type { Page } from '@playwright/test';
import { expect, test } from './extension-fixture.ts';

const PASSPHRASE = 'seven quiet lanterns';

const statusOf = (page: Page, principle: string) => page.locator(`tr[data-principle="${principle}"] .status`);

test('a personal rule added in the options page changes the live preview', async ({ extension }) => {
  const page = await extension.openExtensionPage('options.html');
  // The preview runs the real analysis worker, started from the options page.
  await expect(page.locator('[data-action]')).toBeVisible({ timeout: 30_000 });
  await expect(statusOf(page, 'P10')).toHaveText('respected');

  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByLabel('Principle', { exact: true }).selectOption('P10');
  await page.getByLabel('When', { exact: true }).selectOption('every');
  await page.getByLabel('On', { exact: true }).selectOption('chatgpt');
  await page.getByLabel('Then', { exact: true }).selectOption('concern');
  await page.getByRole('button', { name: 'Add rule' }).click();

  const id = 'personal-P10-flag-all-chatgpt';
  await expect(page.locator('.rule-status')).toHaveText(`Rule ${id} added.`);
  await expect(page.locator(`li[data-rule-id="${id}"]`)).toContainText('flags as a concern');
  await expect(statusOf(page, 'P10')).toHaveText('concern');
  await expect(page.locator('tr[data-principle="P10"] .fired')).toContainText(id);

  // The rule applies on the site it names only.
  await page.getByLabel('As if on', { exact: true }).selectOption('claude');
  await expect(statusOf(page, 'P10')).toHaveText('respected');

  // Saved: a fresh page shows the rule.
  await page.reload();
  await expect(page.locator(`li[data-rule-id="${id}"]`)).toBeVisible();
});

test('a carer lock refuses a level change without the passphrase and allows it with', async ({
  extension,
}) => {
  const page = await extension.openExtensionPage('options.html');
  const radio = (level: string) => page.locator(`input[name="protection-level"][value="${level}"]`);
  await expect(radio('standard')).toBeChecked();

  const lockCard = page.locator('.carer-lock');
  await lockCard.getByLabel(/^Passphrase \(at least/).fill(PASSPHRASE);
  await lockCard.getByLabel('Passphrase again').fill(PASSPHRASE);
  await lockCard.getByRole('button', { name: 'Lock the level' }).click();
  await expect(lockCard.locator('.lock-feedback')).toContainText('Locked.');
  await expect(page.locator('#level-heading')).toContainText('Locked by a carer');

  // Without the passphrase the write path refuses: the level stays.
  await page.getByText('Minimal', { exact: true }).click();
  await expect(page.locator('.save-status')).toContainText('Not changed: the level is locked by a carer');
  await expect(radio('standard')).toBeChecked();

  const unlock = page.locator('form.level-unlock');
  await unlock.getByLabel(/Carer’s passphrase/).fill('not the passphrase');
  await unlock.getByRole('button', { name: 'Change the level' }).click();
  await expect(unlock.getByRole('alert')).toHaveText('That passphrase does not open the carer lock.');
  await expect(radio('standard')).toBeChecked();

  await unlock.getByLabel(/Carer’s passphrase/).fill(PASSPHRASE);
  await unlock.getByRole('button', { name: 'Change the level' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved.');
  await expect(radio('minimal')).toBeChecked();

  // The change is stored, the lock still holds, and the passphrase appears nowhere on the page.
  await page.reload();
  await expect(radio('minimal')).toBeChecked();
  await expect(page.locator('#level-heading')).toContainText('Locked by a carer');
  expect(await page.content()).not.toContain(PASSPHRASE);
});
