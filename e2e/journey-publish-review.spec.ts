/** Publishing a marketer can trust: a review naming what changes, an "unpublished changes" state, old versions read-only, restore, archive undo. */
import { expect, test } from '@playwright/test';
import { archiveCreatedJourneys, createJourney, node, publish, selectNode, uniqueName, waitSaved } from './journey-helpers';

test.use({ viewport: { width: 1440, height: 900 } });
test.afterAll(async ({ request }) => archiveCreatedJourneys(request));

test('review names the changed field, v1 opens read-only, compares with v2 and comes back as the draft', async ({ page }) => {
  const name = uniqueName('Reviewed');
  const id = await createJourney(page, name, 'template');
  await publish(page, 1);
  await expect(page.getByTestId('unpublished-changes')).toHaveCount(0);

  // Give up on engagement (A) after 2 days instead of 7.
  const panel = await selectNode(page, 'wait-a');
  await panel.getByLabel('Give up after amount').fill('2');
  await waitSaved(page);
  await expect(page.getByTestId('unpublished-changes')).toBeVisible();

  await page.getByTestId('publish').click();
  const diff = page.getByTestId('publish-diff');
  await expect(diff).toContainText('Wait for engagement (A): Give up after 7 → 2 days');
  await expect(page.getByTestId('publish-leads-staying')).toBeVisible();
  await page.getByTestId('publish-confirm-accept').click();
  await expect(page.getByTestId('publish-status')).toHaveText('Published version 2.');
  await expect(page.getByTestId('unpublished-changes')).toHaveCount(0);
  await expect(page.getByTestId('version-2')).toContainText('Give up after 7 → 2 days');

  // v1 as it was, read-only, compared in words with v2.
  await page.getByTestId('open-version-1').click();
  await page.waitForURL(new RegExp(`/journeys/${id}/versions/1$`));
  await expect(page.getByTestId('read-only')).toBeVisible();
  await expect(node(page, 'wait-a')).toContainText('up to 7 days');
  await expect(page.getByTestId('palette-wait')).toHaveCount(0);
  await page.getByTestId('compare-to').selectOption('2');
  await expect(page.getByTestId('version-compare')).toContainText('Give up after 7 → 2 days');

  // Opened afresh (a bookmark): this page's own copy of the v2 draft must not stand in for the restored one.
  await page.reload();
  await expect(page.getByTestId('read-only')).toBeVisible();
  await page.getByTestId('restore-version').click();
  await page.waitForURL(new RegExp(`/journeys/${id}$`));
  await expect(node(page, 'wait-a')).toContainText('up to 7 days');
  await expect(page.getByText('live v2', { exact: true })).toBeVisible();
  await expect(page.getByTestId('unpublished-changes')).toBeVisible();
  // The server keeps it: an edit saves on top of the restored draft (no conflict), and a reload shows both.
  await (await selectNode(page, 'wait-a')).getByLabel('Name', { exact: true }).fill('Wait for engagement (A), restored');
  await waitSaved(page);
  await page.reload();
  await expect(node(page, 'wait-a')).toContainText('up to 7 days');
  await expect(node(page, 'wait-a')).toContainText('Wait for engagement (A), restored');

  // The list says the same, and an archive can be undone.
  await page.getByRole('link', { name: 'Journeys', exact: true }).click();
  const row = page.getByTestId(`journey-${id}`);
  await expect(row).toContainText('unpublished changes');
  await expect(row).toContainText('0');
  await page.getByRole('button', { name: `Archive ${name}` }).click();
  await expect(row).toHaveCount(0);
  await page.getByTestId('undo-archive').click();
  await expect(row).toBeVisible();
  await expect(row).toContainText('published');
});
