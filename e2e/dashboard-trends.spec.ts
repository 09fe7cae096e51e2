import { expect, test } from '@playwright/test';
import { captureLead } from './support';

test('changing the dashboard date range redraws the charts, and a bar opens the leads behind it', async ({ page, request }) => {
  const tag = Math.random().toString(36).slice(2, 10);
  const source = `e2e_chart_${tag}`;
  const first = await captureLead(request, 'chart', { source, utm_campaign: `camp_${tag}` });
  const second = await captureLead(request, 'chart', { source, utm_campaign: `camp_${tag}` });
  const today = new Date().toISOString().slice(0, 10);

  await page.goto('/dashboard?from=2001-01-01&to=2001-01-31');
  await expect(page.getByTestId('range-from')).toHaveValue('2001-01-01');
  await expect(page.locator('#per-source-h')).toContainText('all 0');
  await expect(page.locator(`.series-${source}`)).toHaveCount(0);

  await page.getByTestId('range-from').fill(today);
  await page.getByTestId('range-to').fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  const bar = page.locator(`[data-testid="chart-source"] .series-${source} path`).first();
  await expect(bar).toBeVisible();
  await bar.click();

  await expect(page).toHaveURL(new RegExp(`/leads\\?source=${source}&createdFrom=${today}&createdTo=${today}`));
  await expect(page.getByTestId('leads-link-filters')).toContainText(source);
  await expect(page.getByTestId('leads-total')).toHaveText(/^2 leads/);
  await expect(page.getByTestId(`lead-row-${first.id}`)).toBeVisible();
  await expect(page.getByTestId(`lead-row-${second.id}`)).toBeVisible();
});
