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
  // The message opens as its recipient sees it; its tracked call to action opens in a new tab.
  expect(await cta.getAttribute('href')).toContain('/api/t/c?');
  const [landing] = await Promise.all([context.waitForEvent('page'), cta.click()]);
  await expect(landing).toHaveURL(/\/site\/how-it-works$/);
  // A real page, open to the lead (no sign-in), not a 404.
  await expect(landing.getByTestId('site-title')).toHaveText('How it works');
  expect((await fetch(landing.url(), { redirect: 'manual' })).status).toBe(200);
  await landing.close();

  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId('lead-score')).toHaveText(/25/);
  const emails = page.getByTestId('lead-emails');
  await expect(emails).toContainText('Welcome, Mai', { timeout: 45_000 });
  await expect(emails).toContainText('clicked');
});
