import { expect, test } from '@playwright/test';
import { captureLead, postEvent } from './support';

/**
 * The nurture loop from the Outbox: a cold lead (Email A) has downloaded the whitepaper (15, still cold); clicking
 * Email A's call to action adds 10 → 25, warm, and Email B follows.
 */
test('clicking the call to action of a nurture email scores the click and the next email follows', async ({ page, request, context }) => {
  const lead = await captureLead(request, 'outboxclick');
  await postEvent(request, lead.id, 'download_whitepaper');

  await page.goto('/emails');
  await page.getByLabel('Recipient').fill(lead.email);
  // Every published journey with a capture trigger sends its own Email A (other specs publish some); any one will do.
  const view = page.getByRole('button', { name: new RegExp(`^View “Mai, a quick idea.*” to ${lead.email.replace(/[.+]/g, '\\$&')}$`) }).first();
  await expect(view).toBeVisible({ timeout: 30_000 });

  await view.click();
  const message = page.frameLocator('[data-testid="message-frame"]');
  const cta = message.getByRole('link', { name: 'See how it works' });
  await expect(cta).toBeVisible();
  // The Outbox shows mail in an inert sandbox (viewing must never count as a click), so the click happens
  // where the recipient makes it: following the same tracked link from their mail client.
  const href = await cta.getAttribute('href');
  expect(href).toContain('/api/t/c?');
  const recipient = await context.newPage();
  const landed = await recipient.goto(href!);
  expect(landed?.request().redirectedFrom()?.url()).toBe(href);
  await expect(recipient).toHaveURL(/\/how-it-works$/);
  await recipient.close();

  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId('lead-score')).toHaveText(/25/);
  const emails = page.getByTestId('lead-emails');
  await expect(emails).toContainText('Welcome, Mai', { timeout: 45_000 });
  await expect(emails).toContainText('clicked');
});
