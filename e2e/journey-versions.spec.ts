import { expect, test } from '@playwright/test';
import { captureLead } from './support';
import { archiveCreatedJourneys, createJourney, expectRunAt, leadRuns, publish, rename, selectNode, uniqueName, waitSaved } from './journey-helpers';

test.afterEach(async ({ request }) => archiveCreatedJourneys(request));

test.use({ viewport: { width: 1600, height: 1000 } });

test('a lead keeps running on v1 after v2 is published; the versions panel shows both with the diff', async ({ page, request }) => {
  const journeyId = await createJourney(page, uniqueName('Versioned'), 'template');
  await publish(page, 1);
  await expect(page.getByTestId('version-1')).toContainText('14 steps');

  // Score 0: Email A, then a 7-day wait — the lead is mid-journey on v1.
  const lead = await captureLead(request, 'versions');
  const run = await expectRunAt(request, lead.id, journeyId, 'wait-a');
  expect(run.journey_version).toBe(1);

  await selectNode(page, 'email-b');
  await rename(page, 'Email B: Welcome (v2)');
  await selectNode(page, 'wait-c');
  await page.getByTestId('inspector').getByLabel('Give up after amount').fill('5');
  await expect(page.locator('.react-flow__node[data-id="wait-c"]')).toContainText('up to 5 days');
  await waitSaved(page);
  await publish(page, 2);

  const v1 = page.getByTestId('version-1');
  const v2 = page.getByTestId('version-2');
  await expect(page.getByTestId('versions').locator(':scope > li')).toHaveCount(2);
  await expect(v2).toContainText('live');
  await expect(v2).toContainText('Email B: Welcome (v2): Name Email B: Welcome + Value → Email B: Welcome (v2)');
  await expect(v2).toContainText('Wait for engagement (C): Give up after 7 → 5 days');
  await expect(v2).toContainText('0 running · 0 leads in total');
  await expect(v1).not.toContainText('live');
  await expect(v1).toContainText('1 running · 1 leads in total');

  // The API agrees: the running lead stays on version 1, still waiting where it was.
  const runs = (await leadRuns(request, lead.id)).filter((r) => r.journey_id === journeyId);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ journey_version: 1, current_node: 'wait-a', status: 'running' });
});
