/** Autosave never loses an edit: it flushes when the marketer leaves by a link, and warns before unload while unsaved. */
import { expect, test } from '@playwright/test';
import { archiveCreatedJourneys, createJourney, node, rename, selectNode, uniqueName } from './journey-helpers';

test.use({ viewport: { width: 1440, height: 900 } });
test.afterAll(async ({ request }) => archiveCreatedJourneys(request));

test('an edit made right before clicking a navigation link is kept', async ({ page }) => {
  const id = await createJourney(page, uniqueName('Flush'), 'blank');
  await selectNode(page, 'trigger');
  await rename(page, 'Renamed then left at once');
  // No wait for "All changes saved": the link is clicked well inside the autosave debounce.
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.waitForURL(/\/leads$/);
  await page.getByRole('link', { name: 'Journeys', exact: true }).click();
  await page.getByRole('link', { name: /^Flush / }).click();
  await page.waitForURL(new RegExp(`/journeys/${id}$`));
  await expect(node(page, 'trigger')).toContainText('Renamed then left at once');
  await page.reload();
  await expect(node(page, 'trigger')).toContainText('Renamed then left at once');
});

test('leaving the page with unsaved edits asks first, and the edit still reaches the server', async ({ page, request }) => {
  const id = await createJourney(page, uniqueName('Unload'), 'blank');
  await selectNode(page, 'trigger');
  await rename(page, 'Renamed then closed');
  const asked = page.waitForEvent('dialog');
  const closing = page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await closing;
  await expect
    .poll(async () => {
      const res = await request.get(`/api/trpc/journeys.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`);
      return JSON.stringify(await res.json());
    })
    .toContain('Renamed then closed');
});
