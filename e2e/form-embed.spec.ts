import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

/** A marketer's own site: one plain HTML page on another origin (another free port) that pastes the embed snippet. */
async function startSite(html: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('a form built in the UI, embedded on a page from another origin, submitted there: the lead appears with its source, UTM and journey', async ({ page }) => {
  const tag = Math.random().toString(36).slice(2, 10);
  let snippet = '';
  const site = await startSite(() => `<!doctype html><html><head><title>Acme webinar</title></head><body><h1>Acme webinar</h1>${snippet}</body></html>`);
  try {
    await page.goto('/forms');
    await page.getByTestId('new-form').click();
    await expect(page).toHaveURL(/\/forms\/new$/);
    await page.getByTestId('form-name').fill(`Webinar ${tag}`);
    await page.getByTestId('form-title').fill('Register for the webinar');
    await page.getByTestId('required-first_name').check();
    await page.getByTestId('add-field-key').selectOption('company');
    await page.getByTestId('add-field').click();
    await expect(page.getByTestId('field-company')).toBeVisible();
    await page.getByTestId('thank-you-message').fill(`Thanks ${tag}, see you there`);
    await page.getByTestId('form-origins').fill(site.origin);
    await page.getByTestId('save-form').click();

    await expect(page).toHaveURL(/\/forms\/[0-9a-f-]{36}$/);
    snippet = await page.getByTestId('embed-snippet').inputValue();
    expect(snippet).toMatch(/<script src="http:\/\/[^/"]+\/api\/forms\/[0-9a-f-]{36}\/embed" async><\/script>/);

    const visitor = await page.context().newPage();
    await visitor.goto(`${site.origin}/?utm_source=newsletter&utm_campaign=webinar-${tag}`);
    const form = visitor.locator('form.lf-form');
    await expect(form.getByRole('heading', { name: 'Register for the webinar' })).toBeVisible();
    // The same validation as the server, in the page: nothing is sent until the required fields are right.
    await form.getByLabel('Email *').fill('not-an-email');
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect(form.locator('[data-error-for="email"]')).toHaveText('must be a valid email address');
    await expect(form.locator('[data-error-for="first_name"]')).toHaveText('is required');
    await expect(form.locator('[data-error-for="consent"]')).toHaveText('must be ticked to continue');

    const email = `webinar-${tag}@embed.e2e.test`;
    await form.getByLabel('Email *').fill(email);
    await form.getByLabel('First name *').fill('Lan');
    await form.getByLabel('Company').fill('Sao Việt');
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect(visitor.locator('[data-leadflow-done]')).toContainText(`Thanks ${tag}, see you there`);
    await visitor.close();

    await page.getByTestId('form-leads').click();
    await expect(page).toHaveURL(/\/leads\?source=form%3AWebinar/);
    await expect(page.getByTestId('leads-total')).toHaveText(/^1 lead/);
    // The host page's UTMs came along as hidden fields.
    await page.goto(`/leads?utmCampaign=webinar-${tag}`);
    await expect(page.getByTestId('leads-total')).toHaveText(/^1 lead/);
    const row = page.getByTestId('leads-table').getByRole('row').filter({ hasText: 'Sao Việt' });
    await row.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('runs').locator('[data-testid^="run-"]').first()).toBeVisible();
    await expect(page.getByTestId('temporal-link').first()).toHaveAttribute('href', /lead-[0-9a-f-]{36}-journey-/);

    // An unlisted site gets no form post through: the browser's preflight is refused.
    const other = await startSite(() => `<!doctype html><html><body>${snippet}</body></html>`);
    try {
      const stranger = await page.context().newPage();
      await stranger.goto(other.origin);
      const strangerForm = stranger.locator('form.lf-form');
      await strangerForm.getByLabel('Email *').fill(`stranger-${tag}@embed.e2e.test`);
      await strangerForm.getByLabel('First name *').fill('Eve');
      await strangerForm.getByRole('checkbox').check();
      await strangerForm.getByRole('button', { name: 'Submit' }).click();
      await expect(stranger.locator('.lf-status')).toHaveText('Could not reach the server; please try again.');
      await stranger.close();
    } finally {
      await other.close();
    }
  } finally {
    await site.close();
  }
});
