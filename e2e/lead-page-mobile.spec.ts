import { expect, test, type Page } from '@playwright/test';
import { captureLead, postEvent } from './support';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** True when the page itself scrolls sideways: the thing a phone user cannot read past. */
const scrollsSideways = (page: Page) => page.evaluate(() => {
  const el = document.scrollingElement!;
  return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
});

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await scrollsSideways(page);
  expect(scrollWidth, `page is ${scrollWidth} px wide in a ${clientWidth} px window`).toBeLessThanOrEqual(clientWidth);
}

test('the lead page speaks in sentences naming the journey, links the SLA workflow, and fits 390 px and 1440 px', async ({ page, request }) => {
  const lead = await captureLead(request, 'mobile');
  // A booked demo is a hot lead at once: a hand-off (with its SLA workflow) joins the runs, steps and emails.
  await postEvent(request, lead.id, 'schedule_demo');

  await page.setViewportSize(PHONE);
  await page.goto(`/leads/${lead.id}`);
  const timeline = page.getByTestId('timeline');
  // A journey step reads as a sentence and names its journey; no raw kinds, ids, ISO dates or phases.
  const branched = timeline.locator('li[data-kind="step"]').filter({ hasText: /Route by score: went to “/ });
  await expect(branched.first()).toBeVisible();
  await expect(branched.first().getByTestId('timeline-journey')).toHaveText('Lead nurturing (default)');
  await expect(timeline).not.toContainText(/score_branch|send_email|phase:|\d{4}-\d\d-\d\dT/);
  // Where the run is now is a step's name, not its id.
  await expect(page.getByTestId('run-current-node').first()).not.toHaveText(/^(wait-[a-z]|email-[a-z]|score)$/);

  const handoffs = page.getByTestId('handoffs');
  const sla = handoffs.locator('[data-testid^="handoff-temporal-link-"]').first();
  await expect(sla).toHaveAttribute('href', new RegExp(`/workflows/lead-${lead.id}-handoff-[0-9a-f-]{36}$`));
  await expect(page.getByTestId('temporal-link').first()).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.setViewportSize(DESKTOP);
  await expect(sla).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The desk of the rep who got this lead, at both sizes.
  const owner = (await handoffs.locator('[data-testid^="handoff-"] td').first().innerText()).split('@')[0]!.trim();
  await page.setViewportSize(PHONE);
  await page.goto('/desk');
  const pick = page.getByTestId('desk-owner');
  await expect(pick).toBeVisible();
  const value = await pick.locator('option', { hasText: owner }).getAttribute('value');
  expect(value).not.toBeNull();
  await pick.selectOption(value ?? '');
  await expect(page.getByRole('heading', { name: `Desk · ${owner}` })).toBeVisible();
  await expect(page.locator(`[data-testid="desk-handoff"][data-lead-id="${lead.id}"]`)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.setViewportSize(DESKTOP);
  await expect(page.getByRole('heading', { name: `Desk · ${owner}` })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
