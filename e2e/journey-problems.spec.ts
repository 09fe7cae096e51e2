import { expect, test, type Page } from '@playwright/test';
import { archiveCreatedJourneys, connect, createJourney, dropKind, node, rename, selectNode, uniqueName } from './journey-helpers';

test.afterEach(async ({ request }) => archiveCreatedJourneys(request));

test.use({ viewport: { width: 1920, height: 1200 } });

/** The problem shows in the list under its node's entry and on the node itself. */
async function expectProblem(page: Page, nodeId: string, message: RegExp) {
  await expect(page.getByTestId(`problem-${nodeId}`)).toContainText(message);
  await expect(node(page, nodeId).locator('.jnode-problems')).toContainText(message);
  await expect(node(page, nodeId).locator('.jnode')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('publish')).toBeDisabled();
}

/** Clicks the middle of an edge's drawn path (its bounding box centre may lie off the path). */
async function clickEdge(page: Page, edgeId: string) {
  const point = await page.locator(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`).evaluate((el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
  await page.mouse.click(point.x, point.y);
  await expect(page.locator(`.react-flow__edge[data-id="${edgeId}"]`)).toHaveClass(/selected/);
}

test('an unconnected output, a loop without a wait and a score gap each block publishing until fixed', async ({ page }) => {
  await createJourney(page, uniqueName('Broken journey'), 'blank');
  for (let i = 0; i < 2; i++) await page.locator('.react-flow__controls-zoomout').click();
  await expect(page.locator('.react-flow__viewport')).toHaveAttribute('style', /scale\(0\.[5-7]\d*\)/);

  // trigger (centre of the view) → score; cold/warm/engaged → email → wait (event → score, timeout → nowhere yet); hot → update lead.
  const score = await dropKind(page, 'score_branch', { x: 200, y: 200 });
  const email = await dropKind(page, 'send_email', { x: 400, y: 60 });
  await page.getByTestId('inspector').getByLabel('Template').selectOption('email-a-nurture');
  const wait = await dropKind(page, 'wait_for_event', { x: 600, y: 60 });
  const update = await dropKind(page, 'update_lead', { x: 400, y: 320 });
  await rename(page, 'Flag as hot');

  await connect(page, 'trigger', 'next', score);
  for (const range of ['cold', 'warm', 'engaged']) await connect(page, score, range, email);
  await connect(page, score, 'hot', update);
  await connect(page, email, 'next', wait);
  await connect(page, wait, 'event', score);

  // 1. The wait's timeout goes nowhere.
  await expectProblem(page, wait, /“timeout” output .* is not connected/);
  await expect(page.getByTestId('problems').locator('li')).toHaveCount(1);

  // 2. Flag as hot → back to the score branch: a loop with no wait in it.
  await connect(page, update, 'next', score);
  const loop = page.getByTestId('problems').locator('li').filter({ hasText: /loop without any wait/ });
  await expect(loop).toHaveCount(1);
  const loopNode = (await loop.getAttribute('data-testid'))!.replace(/^problem-/, '');
  expect([score, update]).toContain(loopNode);
  await expectProblem(page, loopNode, /loop without any wait/);

  // 3. Nobody routes scores 20–24.
  await selectNode(page, score);
  await page.getByTestId('inspector').locator('.row-item').nth(1).getByLabel('From').fill('25');
  await expectProblem(page, score, /scores 20 to 24 match no range/);
  await expect(page.getByTestId('problems').locator('li')).toHaveCount(loopNode === score ? 2 : 3);

  // Fix them one by one; publishing stays blocked until the last one is gone.
  const exit = await dropKind(page, 'exit', { x: 780, y: 60 });
  await connect(page, wait, 'timeout', exit);
  await expect(page.getByTestId(`problem-${wait}`)).toHaveCount(0);
  await expect(node(page, wait).locator('.jnode-problems')).toHaveCount(0);
  await expect(page.getByTestId('publish')).toBeDisabled();

  await selectNode(page, score);
  await page.getByTestId('inspector').locator('.row-item').nth(1).getByLabel('From').fill('20');
  await expect(page.getByTestId('problems')).not.toContainText('match no range');
  await expect(node(page, score).locator('.jnode-problems')).not.toContainText('match no range');
  await expect(page.getByTestId('publish')).toBeDisabled();

  // Break the loop: delete the arrow back into the score branch.
  await clickEdge(page, `e-${update}-next-${score}`);
  await page.keyboard.press('Delete');
  await expect(page.locator(`.react-flow__edge[data-id="e-${update}-next-${score}"]`)).toHaveCount(0);
  await expect(page.getByTestId('problems')).toBeEmpty();
  await expect(page.locator('.jnode.has-problems')).toHaveCount(0);
  await expect(page.getByTestId('publish')).toBeEnabled();
});
