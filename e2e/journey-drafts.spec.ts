import { expect, test, type Page } from '@playwright/test';
import { archiveCreatedJourneys, createJourney, dropKind, node, rename, selectNode, uniqueName, waitSaved } from './journey-helpers';

test.afterEach(async ({ request }) => archiveCreatedJourneys(request));

test.use({ viewport: { width: 1600, height: 1000 } });

/** What a person can see of the graph: every node's id, position and title. */
const snapshot = (page: Page) =>
  page.locator('.react-flow__node').evaluateAll((els) =>
    els
      .map((el) => ({ id: (el as HTMLElement).dataset.id, at: (el as HTMLElement).style.transform, title: el.querySelector('.jnode-title')?.textContent }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  );

test('a refresh mid-edit keeps the autosaved draft', async ({ page }) => {
  await createJourney(page, uniqueName('Refreshed'), 'blank');
  const email = await dropKind(page, 'send_email', { x: 40, y: 40 });
  await rename(page, 'Kept across a refresh');
  await page.getByTestId('inspector').getByLabel('Template').selectOption('email-b-welcome-value');
  await waitSaved(page);
  const before = await snapshot(page);

  await page.reload();
  await expect(node(page, email)).toContainText('Kept across a refresh');
  await expect(node(page, email)).toContainText('Email B');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  expect(await snapshot(page)).toEqual(before);
});

test('undo and redo step back and forth through adds, renames and moves exactly', async ({ page }) => {
  await createJourney(page, uniqueName('Undo redo'), 'blank');
  const s0 = await snapshot(page);

  const wait = await dropKind(page, 'wait', { x: 40, y: 40 });
  const s1 = await snapshot(page);
  await rename(page, 'Cool off');
  await expect(node(page, wait)).toContainText('Cool off');
  const s2 = await snapshot(page);

  const title = (await node(page, wait).locator('.jnode-title').boundingBox())!;
  await page.mouse.move(title.x + 10, title.y + 5);
  await page.mouse.down();
  await page.mouse.move(title.x + 90, title.y + 65, { steps: 8 });
  await page.mouse.up();
  const s3 = await snapshot(page);
  expect(s3).not.toEqual(s2);

  // Shortcuts are ignored while typing, so give the canvas the keyboard first.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const undo = () => page.keyboard.press('Control+z');
  const redo = () => page.keyboard.press('Control+Shift+z');
  for (const expected of [s2, s1, s0]) {
    await undo();
    await expect.poll(() => snapshot(page)).toEqual(expected);
  }
  await expect(page.getByRole('button', { name: 'Undo (Ctrl+Z)' })).toBeDisabled();
  for (const expected of [s1, s2, s3]) {
    await redo();
    await expect.poll(() => snapshot(page)).toEqual(expected);
  }
  await expect(page.getByRole('button', { name: 'Redo (Shift+Ctrl+Z)' })).toBeDisabled();
  await waitSaved(page);
});

test('two tabs on one draft: the stale tab gets a conflict banner and overwrites nothing', async ({ page, context }) => {
  await createJourney(page, uniqueName('Two tabs'), 'blank');
  const other = await context.newPage();
  await other.setViewportSize({ width: 1600, height: 1000 });
  await other.goto(page.url());
  await expect(node(other, 'trigger')).toBeVisible();

  await selectNode(page, 'trigger');
  await rename(page, 'Renamed in tab one');
  await waitSaved(page);

  await selectNode(other, 'trigger');
  await rename(other, 'Renamed in tab two');
  await expect(other.getByTestId('conflict-banner')).toBeVisible();
  await expect(other.getByTestId('save-status')).toHaveText('Not saved');
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);

  // What is stored is still tab one's edit.
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await expect(node(fresh, 'trigger')).toContainText('Renamed in tab one');
  await expect(node(fresh, 'trigger')).not.toContainText('Renamed in tab two');
  await other.close();
  await fresh.reload();
  await expect(node(fresh, 'trigger')).toContainText('Renamed in tab one');
});
