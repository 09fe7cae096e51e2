import { expect, test } from '@playwright/test';
import { captureLead } from './support';

const SINK = process.env.LEADFLOW_TEST_MAIL_SINK ?? '';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A marketer writes Email A's Vietnamese subject; a lead captured with language vi receives exactly that subject, greeted by given name. */
test('edit the Vietnamese subject in the copy editor and a Vietnamese lead receives it', async ({ page, request }) => {
  await page.goto('/emails');
  const editor = page.getByTestId('copy-editor');
  await editor.getByLabel('Template').selectOption('email-a-nurture');
  await expect(editor.getByLabel('Subject')).toHaveValue('{{first_name}}, a quick idea for your pipeline');

  await editor.getByRole('tab', { name: 'Tiếng Việt' }).click();
  await expect(editor.getByRole('tab', { name: 'Tiếng Việt' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByLabel('Subject')).toHaveValue('Anh/chị {{first_name}}, một gợi ý nhỏ để không bỏ lỡ khách hàng tiềm năng');
  const stamp = Date.now().toString(36);
  const subject = `Ưu đãi dành riêng cho anh/chị {{first_name}} ${stamp}`;
  await editor.getByLabel('Subject').fill(subject);
  // Placeholders are checked in this language too: a typo blocks saving.
  await editor.getByLabel('Heading').fill('Chào anh/chị {{ten}},');
  await expect(editor.getByTestId('unknown-heading')).toContainText('{{ten}}');
  await expect(editor.getByTestId('copy-save')).toBeDisabled();
  await editor.getByLabel('Heading').fill('Chào anh/chị {{first_name}},');
  await expect(editor.getByTestId('copy-preview-subject')).toContainText(`Ưu đãi dành riêng cho anh/chị Ada ${stamp}`);

  try {
    await editor.getByTestId('copy-save').click();
    await expect(editor.getByRole('status')).toContainText('Tiếng Việt');
    // The English copy is untouched.
    await editor.getByRole('tab', { name: 'English' }).click();
    await expect(editor.getByLabel('Subject')).toHaveValue('{{first_name}}, a quick idea for your pipeline');

    const lead = await captureLead(request, 'vi-subject', { first_name: undefined, name: 'Nguyễn Thị Lan', language: 'vi' });
    const expected = `Ưu đãi dành riêng cho anh/chị Lan ${stamp}`;
    await page.getByLabel('Recipient').fill(lead.email);
    await expect(page.getByRole('button', { name: new RegExp(`^View “${escape(expected)}” to ${escape(lead.email)}$`) }).first()).toBeVisible({ timeout: 45_000 });
    if (SINK) {
      const res = await request.get(`${SINK}/_sink/messages?to=${encodeURIComponent(lead.email)}`);
      const { data } = (await res.json()) as { data: { subject: string }[] };
      expect(data.map((m) => m.subject)).toContain(expected);
    }
  } finally {
    await editor.getByRole('tab', { name: 'Tiếng Việt' }).click();
    await editor.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(editor.getByLabel('Subject')).toHaveValue('Anh/chị {{first_name}}, một gợi ý nhỏ để không bỏ lỡ khách hàng tiềm năng');
  }
});
