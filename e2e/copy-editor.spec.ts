import { expect, test } from '@playwright/test';
import { adminCredentials } from './auth-state';

const SINK = process.env.LEADFLOW_TEST_MAIL_SINK ?? '';

/** A marketer edits Re-engage's words on the Emails page: the preview follows, save stores it, a test reaches the sink. */
test('edit a template’s copy, see the preview update, save it and send a test', async ({ page, request }) => {
  await page.goto('/emails');
  await expect(page.getByRole('heading', { name: 'A/B tests' })).toBeVisible();
  const editor = page.getByTestId('copy-editor');
  await editor.getByLabel('Template').selectOption('re-engage');
  await expect(editor.getByLabel('Subject')).toHaveValue('Still interested, {{first_name}}?');

  const subject = `Are we still a fit, {{first_name}}? ${Date.now()}`;
  await editor.getByLabel('Subject').fill(subject);
  await editor.getByLabel('Heading').fill('One question before we go');
  await expect(editor.getByTestId('copy-preview-subject')).toContainText(subject.replace('{{first_name}}', 'Ada'));
  await expect(editor.frameLocator('[data-testid="copy-preview-frame"]').getByText('One question before we go')).toBeVisible();

  // A half-filled call to action is refused naming the field, and nothing is saved.
  await editor.getByLabel('Call to action URL').fill('');
  await editor.getByTestId('copy-save').click();
  await expect(editor.getByRole('alert').first()).toContainText('copy.cta.url');
  await editor.getByLabel('Call to action URL').fill('{{app_url}}/stay-subscribed');

  try {
    await editor.getByTestId('copy-save').click();
    await expect(editor.getByRole('status')).toContainText('Saved');
    // Test sends go to team members only: the signed-in admin's own address.
    const to = adminCredentials().email;
    await editor.getByLabel('Send a test to').fill(to);
    await editor.getByTestId('send-test').click();
    await expect(editor.getByText(/Test sent/)).toBeVisible();
    if (SINK) {
      const res = await request.get(`${SINK}/_sink/messages?to=${encodeURIComponent(to)}`);
      const { data } = (await res.json()) as { data: { subject: string }[] };
      expect(data.map((m) => m.subject)).toEqual([`[Test] ${subject.replace('{{first_name}}', 'Ada')}`]);
    }
  } finally {
    await editor.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(editor.getByLabel('Subject')).toHaveValue('Still interested, {{first_name}}?');
  }
});
