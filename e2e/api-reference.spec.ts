import { expect, test } from '@playwright/test';

test('the API reference renders the OpenAPI document in Chromium: operations, their schemas, and the bearer key', async ({ page }) => {
  await page.goto('/api/reference');
  await expect(page.getByRole('heading', { name: 'Leadflow API' }).first()).toBeVisible();
  for (const summary of ['Capture a lead', 'Hand a lead to a sales owner now; the SLA clock starts', 'Database, Temporal and worker, each up or down']) {
    await expect(page.getByText(summary).first()).toBeVisible();
  }
  // The request body comes from the route's zod schema.
  await page.getByText('Capture a lead').first().click();
  await expect(page.getByText('utm_campaign').first()).toBeVisible();
});
