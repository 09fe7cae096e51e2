/** Enrolment from the editor: an entry condition lets in only the leads it names, and a goal takes a lead out and counts it as a conversion. */
import { expect, test } from '@playwright/test';
import { captureLead, postEvent } from './support';
import { archiveCreatedJourneys, connect, createJourney, expectRunAt, leadRuns, node, publish, selectedNodeId, selectNode, uniqueName, waitSaved } from './journey-helpers';

test.use({ viewport: { width: 1440, height: 900 } });
test.afterAll(async ({ request }) => archiveCreatedJourneys(request));

test('entry condition and goal exit', async ({ page, request }) => {
  // A source no other spec uses: only this spec's lead can match, whatever else is captured meanwhile.
  const source = `goal_e2e_${Math.random().toString(36).slice(2, 8)}`;
  const name = uniqueName('Demo push');
  const journeyId = await createJourney(page, name, 'blank');

  // Trigger → wait 3 days → end.
  await selectNode(page, 'trigger');
  await page.getByTestId('palette-wait').click();
  const wait = await selectedNodeId(page);
  await page.getByTestId('palette-exit').click();
  const end = await selectedNodeId(page);
  // Every step in view, so each handle can be dragged.
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  for (const id of ['trigger', wait, end]) await expect(node(page, id)).toBeInViewport();
  await connect(page, 'trigger', 'next', wait);
  await connect(page, wait, 'next', end);

  const panel = await selectNode(page, 'trigger');
  await panel.getByLabel('Leads that may enter').selectOption({ label: 'Only leads matching all of these conditions' });
  const rule = panel.getByTestId('entry-rule-1');
  await rule.getByLabel('Field').selectOption({ label: 'Source' });
  // An empty value is refused on the row and blocks publishing, naming the condition and its field.
  await expect(rule.getByRole('alert')).toHaveText('Condition 1: Source needs a value.');
  await expect(page.getByTestId('problems')).toContainText('entry condition 1 (Source) needs a value');
  await rule.getByLabel('Value').fill(source);
  await expect(rule.getByRole('alert')).toHaveCount(0);

  await panel.getByLabel('The lead has converted when it').selectOption({ label: 'books a demo' });
  await expect(node(page, 'trigger')).toContainText('matching leads only · goal: Booked a demo');
  await waitSaved(page);
  await publish(page, 1);

  // The settings come back from the server as the marketer left them.
  await page.reload();
  const again = await selectNode(page, 'trigger');
  await expect(again.getByTestId('entry-rule-1').getByLabel('Value')).toHaveValue(source);
  await expect(again.getByLabel('The lead has converted when it')).toHaveValue('demo');

  const outsider = await captureLead(request, 'goal-out', { source: 'facebook_ads' });
  const lead = await captureLead(request, 'goal-in', { source });
  await expectRunAt(request, lead.id, journeyId, wait);
  // Enrolment is decided in the capture's own transaction, so the earlier lead's answer is final by now.
  expect((await leadRuns(request, outsider.id)).map((r) => r.journey_id)).not.toContain(journeyId);

  // Booking a demo is the goal: the lead leaves the 3-day wait at once.
  await postEvent(request, lead.id, 'schedule_demo');
  await expect.poll(async () => (await leadRuns(request, lead.id)).find((r) => r.journey_id === journeyId)?.status, { timeout: 60_000 }).toBe('completed');

  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByTestId('timeline')).toContainText(`Left ${name} — goal reached: Booked a demo`);
  const run = page.getByTestId('runs').locator('tr', { hasText: name });
  await expect(run.getByTestId('run-status')).toHaveText('goal reached: Booked a demo');

  await page.goto(`/journeys/${journeyId}`);
  await page.getByTestId('overlay-toggle').check();
  await expect(page.getByTestId('overlay-goal')).toHaveText('Goal “Booked a demo”: 1 of 1 converted');
  await expect(page.getByTestId(`overlay-conversions-${wait}`)).toHaveText('★ 1');
  await expect(page.getByTestId(`overlay-${wait}`)).toContainText('⏳ 0');
});
