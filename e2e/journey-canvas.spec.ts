/** The canvas as a new marketer meets it: readable at first sight, new steps in free space, a tidy auto-layout, titles that follow settings. */
import { expect, test, type Page } from '@playwright/test';
import { archiveCreatedJourneys, canvas, createJourney, dropKind, node, selectNode, uniqueName, waitSaved } from './journey-helpers';

test.use({ viewport: { width: 1440, height: 900 } });
test.afterAll(async ({ request }) => archiveCreatedJourneys(request));

const zoom = async (page: Page) => {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
};

async function expectNoOverlaps(page: Page): Promise<number> {
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  for (const a of boxes)
    for (const b of boxes) {
      if (a.id! >= b.id!) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  return boxes.length;
}

test('the default journey opens at a readable zoom around the trigger', async ({ page }) => {
  await createJourney(page, uniqueName('Readable'), 'template');
  const title = node(page, 'trigger').locator('.jnode-title');
  await expect(title).toBeInViewport();
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.75);
  const onScreenPx = (await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))) * (await zoom(page));
  expect(onScreenPx).toBeGreaterThanOrEqual(11);
  // The trigger sits inside the canvas, not clipped at its edge.
  const box = (await node(page, 'trigger').boundingBox())!;
  const area = (await canvas(page).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(area.x);
  expect(box.y).toBeGreaterThanOrEqual(area.y);
  expect(box.y + box.height).toBeLessThanOrEqual(area.y + area.height);
});

test('five steps added to a blank journey land in free space, and auto-layout keeps every step apart', async ({ page }) => {
  await createJourney(page, uniqueName('Five steps'), 'blank');
  const kinds = ['wait', 'send_email', 'condition', 'wait_for_event', 'exit'];
  for (const [i, kind] of kinds.entries()) {
    await page.getByTestId(`palette-${kind}`).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(i + 2);
  }
  expect(await expectNoOverlaps(page)).toBe(6);
  // Clearing the selection sends the next step to the view's centre, where earlier steps already sit.
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.getByTestId('palette-webhook').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expectNoOverlaps(page);
  await page.getByTestId('auto-layout').click();
  await waitSaved(page);
  expect(await expectNoOverlaps(page)).toBe(7);
});

test('auto-layout right after steps are added uses their sizes with problem notes', async ({ page }) => {
  await createJourney(page, uniqueName('Quick layout'), 'blank');
  // No waiting between clicks: the layout must not use sizes from before the steps' problem notes show.
  for (const kind of ['wait', 'send_email', 'condition']) await page.getByTestId(`palette-${kind}`).click();
  await page.getByTestId('auto-layout').click();
  await expect(page.locator('.react-flow__node .jnode-problems')).toHaveCount(4);
  await waitSaved(page);
  expect(await expectNoOverlaps(page)).toBe(4);
});

test('a step dropped where only its bare size fits is moved clear once its problem notes show', async ({ page }) => {
  await createJourney(page, uniqueName('Drop above'), 'blank');
  const trigger = (await node(page, 'trigger').boundingBox())!;
  const area = (await canvas(page).boundingBox())!;
  const z = await zoom(page);
  // A bare condition (about 114 px tall) fits 150 px above the trigger; with its problem notes it is twice that.
  const id = await dropKind(page, 'condition', { x: trigger.x - area.x, y: trigger.y - area.y - 150 * z });
  await expect(node(page, id).locator('.jnode-problems')).toBeVisible();
  await waitSaved(page);
  expect(await expectNoOverlaps(page)).toBe(2);
});

test('auto-layout of the default journey places every step apart, left to right', async ({ page }) => {
  await createJourney(page, uniqueName('Layout'), 'template');
  await page.getByTestId('auto-layout').click();
  await waitSaved(page);
  expect(await expectNoOverlaps(page)).toBeGreaterThan(10);
  const x = async (id: string) => (await node(page, id).boundingBox())!.x;
  expect(await x('score')).toBeGreaterThan(await x('trigger'));
});

test('the trigger\'s title follows its settings until the marketer names it', async ({ page }) => {
  await createJourney(page, uniqueName('Titles'), 'blank');
  const panel = await selectNode(page, 'trigger');
  await panel.getByLabel('Starts').selectOption('event');
  await panel.getByLabel('Event', { exact: true }).selectOption('webinar_register');
  await expect(node(page, 'trigger').locator('.jnode-title')).toHaveText('Registered for a webinar');
  await panel.getByLabel('Name', { exact: true }).fill('Webinar sign-ups');
  await panel.getByLabel('Event', { exact: true }).selectOption('schedule_demo');
  await expect(node(page, 'trigger').locator('.jnode-title')).toHaveText('Webinar sign-ups');
});
