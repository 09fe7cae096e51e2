import { expect, test } from '@playwright/test';
import { captureLead, postEvent } from './support';

test('a lead captured through the API shows on the leads list and its page, with its journey and Temporal link', async ({ page, request }) => {
  const lead = await captureLead(request, 'leadpage');
  await postEvent(request, lead.id, 'visit_pricing');

  await page.goto('/leads');
  await page.getByTestId('leads-search').fill(lead.email);
  await expect(page.getByTestId(`lead-row-${lead.id}`)).toBeVisible();
  await page.getByTestId(`lead-row-${lead.id}`).getByRole('link').first().click();

  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}`));
  await expect(page.getByTestId('lead-score')).toHaveText(/25/);
  await expect(page.getByTestId('timeline')).toContainText(/pricing/i);
  const temporal = page.getByTestId('temporal-link').first();
  await expect(temporal).toHaveAttribute('href', new RegExp(`lead-${lead.id}-journey-`));
});

test('searching without accents finds a Vietnamese name, shown family name first', async ({ page, request }) => {
  const lead = await captureLead(request, 'vnsearch', { first_name: undefined, name: 'Nguyễn Thị Lan', company: 'Sao Việt' });
  await page.goto('/leads');
  await page.getByTestId('leads-search').fill(`nguyen thi lan`);
  const row = page.getByTestId(`lead-row-${lead.id}`);
  await expect(row).toBeVisible();
  await expect(row.getByRole('link').first()).toHaveText('Nguyễn Thị Lan');
  await page.getByTestId('leads-search').fill(lead.email.split('@')[0]!.toUpperCase());
  await expect(row).toBeVisible();
});
