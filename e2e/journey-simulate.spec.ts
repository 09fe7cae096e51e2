import { expect, test } from '@playwright/test';
import { archiveCreatedJourneys, createJourney, uniqueName } from './journey-helpers';

test.afterEach(async ({ request }) => archiveCreatedJourneys(request));

test.use({ viewport: { width: 1600, height: 1000 } });

test('simulating the SPEC lead 10 → 50 → 70 on the default journey shows Email A, Email C and the hand-off', async ({ page }) => {
  await createJourney(page, uniqueName('Simulated default'), 'template');
  const sim = page.getByRole('region', { name: 'Simulate a lead' });

  // No fit points (no job title, no company size), so the score comes from events alone (default rules):
  //   day 0 email_click +10                              → 10, below 20  → Email A
  //   day 1 visit_pricing +25 and download_whitepaper +15 → 50, 45–59    → Email C (both arrive in the same wake-up)
  //   day 2 webinar_register +20                          → 70, 60 and up → flag as hot, hand-off
  await sim.getByLabel('Job title').fill('');
  await sim.getByLabel('Company size').fill('');
  await sim.getByRole('button', { name: 'Add event' }).click();
  await sim.getByRole('button', { name: 'Add event' }).click();
  const script = [
    { type: 'email_click', day: '0' },
    { type: 'visit_pricing', day: '1' },
    { type: 'download_whitepaper', day: '1' },
    { type: 'webinar_register', day: '2' },
  ];
  const rows = sim.locator('.row-item');
  await expect(rows).toHaveCount(script.length);
  for (const [i, e] of script.entries()) {
    await rows.nth(i).getByLabel(`Event ${i + 1}`, { exact: true }).selectOption(e.type);
    await rows.nth(i).getByLabel('Day').fill(e.day);
    await rows.nth(i).getByLabel('Hour').fill('0');
  }
  await sim.getByLabel('Simulate for (days)').fill('14');
  await page.getByTestId('simulate').click();

  const timeline = page.getByTestId('sim-timeline');
  await expect(timeline).toBeVisible();
  await expect(sim.getByText(/Fit points 0 → final score 70 \(hot\)/)).toBeVisible();
  const sent = (nodeId: string) => timeline.locator(`li[data-node-id="${nodeId}"]`);
  // Each step reads as a sentence naming the step, not its id and a key: value dump.
  await expect(sent('email-a').filter({ hasText: 'Sent Email A: Nurture' }).first()).toBeVisible();
  await expect(sent('email-c').filter({ hasText: 'Sent Email C: Case study' }).first()).toBeVisible();
  await expect(sent('handoff').filter({ hasText: 'Hand off to sales: handed to sales — SLA 15 min' }).first()).toBeVisible();
  await expect(sent('email-b')).toHaveCount(0);
  await expect(timeline).not.toContainText('1970');
  await expect(timeline).not.toContainText('phase');

  // In that order: A on day 0, C on day 1, the hand-off on day 2.
  const order = await timeline.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-node-id') ?? ''));
  const firstOf = (id: string) => order.indexOf(id);
  expect(firstOf('email-a')).toBeGreaterThanOrEqual(0);
  expect(firstOf('email-a')).toBeLessThan(firstOf('email-c'));
  expect(firstOf('email-c')).toBeLessThan(firstOf('handoff'));
  await expect(sent('email-a').first()).toContainText('day 0');
  await expect(sent('email-c').first()).toContainText('day 1');
  await expect(sent('handoff').first()).toContainText('day 2');

  // The simulated path lights up on the canvas.
  for (const id of ['score', 'email-a', 'email-c', 'mark-hot', 'handoff']) await expect(page.locator(`.react-flow__node[data-id="${id}"] .jnode`)).toHaveClass(/on-path/);
  await expect(page.locator('.react-flow__node[data-id="email-b"] .jnode')).not.toHaveClass(/on-path/);
});
