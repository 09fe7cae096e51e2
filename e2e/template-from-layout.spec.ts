import { expect, test } from '@playwright/test';
import { archiveCreatedJourneys, connect, createJourney, dropKind, publish, uniqueName } from './journey-helpers';
import { captureLead } from './support';

test.use({ viewport: { width: 1920, height: 1200 } });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let createdKey: string | null = null;

test.afterEach(async ({ request }) => {
  await archiveCreatedJourneys(request);
  if (createdKey) expect((await request.post('/api/trpc/emails.deleteTemplate', { data: { json: { key: createdKey } } })).ok()).toBe(true);
});

/** A marketer creates a template from a layout, writes it in both languages, sends it from a journey step, and cannot archive it while that journey is live. */
test('create a template from a layout, use it in a journey step, and archiving it is refused while the journey is published', async ({ page, request }) => {
  const name = uniqueName('Webinar invite');
  await page.goto('/emails');
  const editor = page.getByTestId('copy-editor');
  const form = editor.getByTestId('new-template');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Layout').selectOption('email-c-case-study');
  await form.getByRole('button', { name: 'Create template' }).click();

  // The new template is selected in the editor, listed beside the built-in ones, and starts from the layout's copy.
  const picker = editor.getByLabel('Template');
  await expect(picker.locator('option:checked')).toHaveText(name);
  createdKey = await picker.inputValue();
  expect(createdKey).toMatch(/^custom-/);
  await expect(editor.getByLabel('Subject')).toHaveValue('How a team like {{company}} cut hand-off time from 95 to 12 minutes');

  const stamp = Date.now().toString(36);
  await editor.getByLabel('Subject').fill(`Join our webinar, {{first_name}} ${stamp}`);
  await editor.getByTestId('copy-save').click();
  await expect(editor.getByRole('status')).toContainText('English');

  // No Vietnamese copy yet: the editor says Vietnamese leads get the English; writing it gives them their own.
  await editor.getByRole('tab', { name: 'Tiếng Việt' }).click();
  await expect(editor.getByTestId('copy-fallback')).toContainText('receive the English copy');
  await expect(editor.getByLabel('Subject')).toHaveValue(`Join our webinar, {{first_name}} ${stamp}`);
  await editor.getByLabel('Subject').fill(`Mời anh/chị {{first_name}} tham dự webinar ${stamp}`);
  await editor.getByTestId('copy-save').click();
  await expect(editor.getByRole('status')).toContainText('Tiếng Việt');
  await expect(editor.getByTestId('copy-fallback')).toHaveCount(0);

  // A journey's Send email step picks it by name; published, it mails a Vietnamese lead the Vietnamese copy.
  const journeyName = uniqueName('Webinar journey');
  await createJourney(page, journeyName, 'blank');
  const mail = await dropKind(page, 'send_email', { x: 420, y: 120 });
  await page.getByTestId('inspector').getByLabel('Template').selectOption({ label: name });
  const exit = await dropKind(page, 'exit', { x: 760, y: 120 });
  await connect(page, 'trigger', 'next', mail);
  await connect(page, mail, 'next', exit);
  await publish(page, 1);

  const lead = await captureLead(request, 'custom-tpl', { first_name: undefined, name: 'Phạm Văn Nam', language: 'vi' });
  await page.goto('/emails');
  await page.getByLabel('Recipient').fill(lead.email);
  await expect(page.getByRole('button', { name: new RegExp(`^View “${escape(`Mời anh/chị Nam tham dự webinar ${stamp}`)}” to ${escape(lead.email)}$`) })).toBeVisible({ timeout: 45_000 });

  // Archiving it now is refused, naming the journey that sends it.
  await editor.getByLabel('Template').selectOption({ label: name });
  await editor.getByTestId('template-actions').getByRole('button', { name: 'Archive template' }).click();
  await expect(editor.getByTestId('template-refused')).toContainText(`the published journey “${journeyName}” sends it`);
  await expect(editor.getByLabel('Template').locator('option', { hasText: name })).toHaveCount(1);
});
