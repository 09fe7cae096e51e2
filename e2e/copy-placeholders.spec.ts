/** Unknown placeholders are flagged as the marketer types and block saving; the list names every one, {{company}} included. */
import { expect, test } from '@playwright/test';

test('a typo in a placeholder is flagged as you type and blocks Save until fixed', async ({ page }) => {
  await page.goto('/emails');
  const editor = page.getByTestId('copy-editor');
  await editor.getByLabel('Template').selectOption('email-b-welcome-value');
  await expect(editor.getByTestId('placeholder-list')).toContainText('{{company}}');
  await expect(editor.getByTestId('placeholder-list')).toContainText('{{first_name}}');
  await expect(editor.getByTestId('copy-save')).toBeEnabled();

  await editor.getByLabel('Heading').fill('Welcome aboard, {{firstname}}');
  await expect(editor.getByTestId('unknown-heading')).toHaveText('Unknown placeholder {{firstname}} — did you mean {{first_name}}?');
  await expect(editor.getByTestId('copy-save')).toBeDisabled();

  await editor.getByLabel('Heading').fill('Welcome aboard, {{first_name}} at {{company}}');
  await expect(editor.getByTestId('unknown-heading')).toHaveCount(0);
  await expect(editor.getByTestId('copy-save')).toBeEnabled();
});

test('switching templates shows the new one’s copy, never the previous one’s', async ({ page }) => {
  await page.goto('/emails');
  const editor = page.getByTestId('copy-editor');
  await editor.getByLabel('Template').selectOption('email-a-nurture');
  const headingA = await editor.getByLabel('Heading').inputValue();
  await editor.getByLabel('Template').selectOption('re-engage');
  await expect(editor.getByLabel('Subject')).toHaveValue('Still interested, {{first_name}}?');
  await expect(editor.getByLabel('Heading')).not.toHaveValue(headingA);
});
