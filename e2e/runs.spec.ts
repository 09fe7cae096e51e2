/** Ops, as their own signed-in user, repairs a failed run on /runs: the run fails at a hand-off nobody can take, an owner becomes available, Retry runs it again. */
import { expect, test } from '@playwright/test';
import { uniqueName } from './journey-helpers';
import { auth, captureLead } from './support';
import { createTeammate, signedIn, trpc, trpcQuery } from './team';

interface Owner {
  id: string;
  handle: string;
  name: string;
  email: string;
  active: boolean;
}

interface ApiRun {
  journey_id: string;
  current_node: string | null;
  status: string;
}

const straightToSales = {
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { label: 'Lead captured', config: { on: 'lead_captured' } } },
    { id: 'handoff', type: 'handoff', position: { x: 0, y: 150 }, data: { label: 'Hand off', config: { owner: { mode: 'round_robin' }, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false } } },
    { id: 'done', type: 'exit', position: { x: 0, y: 300 }, data: { label: 'Done', config: { archive: false } } },
  ],
  edges: [
    { id: 'e-trigger-next-handoff', source: 'trigger', sourceHandle: 'next', target: 'handoff' },
    { id: 'e-handoff-next-done', source: 'handoff', sourceHandle: 'next', target: 'done' },
  ],
};

test('ops retries a failed run from /runs once an owner is available, and it runs again to the end', async ({ browser, request }) => {
  // Nobody can take a hand-off while every owner is inactive; specs run one at a time, and the finally puts them back.
  const owners = (await trpcQuery<Owner[]>(request, 'settings.owners')).filter((o) => o.active);
  const setActive = (active: boolean) => Promise.all(owners.map(({ id, handle, name, email }) => trpc(request, 'settings.saveOwner', { id, handle, name, email, active })));
  const { id: journeyId } = await trpc<{ id: string }>(request, 'journeys.create', { name: uniqueName('Straight to sales'), from: 'blank' });
  try {
    await setActive(false);
    const { revision } = await trpcQuery<{ revision: number }>(request, 'journeys.get', { id: journeyId });
    await trpc(request, 'journeys.saveDraft', { id: journeyId, graph: straightToSales, baseRevision: revision });
    expect(await trpc<{ ok: boolean }>(request, 'journeys.publish', { id: journeyId, acceptWarnings: true })).toMatchObject({ ok: true });

    const lead = await captureLead(request, 'retry');
    const run = async () => {
      const res = await request.get(`/api/leads/${lead.id}`, { headers: auth });
      return ((await res.json()) as { journey_runs: ApiRun[] }).journey_runs.find((r) => r.journey_id === journeyId);
    };
    await expect.poll(async () => (await run())?.status, { timeout: 60_000 }).toBe('failed');

    const ops = await createTeammate(request, 'ops');
    const { context, page } = await signedIn(browser, ops);
    // The journey's live overlay shows the run at the step where it failed.
    await page.goto(`/journeys/${journeyId}`);
    await page.getByTestId('overlay-toggle').check();
    await expect(page.getByTestId('overlay-failed-handoff')).toHaveText('✖ 1');
    await expect(page.getByTestId('overlay-handoff').getByTitle('Waiting here now')).toHaveText('⏳ 0');

    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    const row = page.locator('[data-testid^="failed-run-"]').filter({ hasText: lead.email });
    await expect(row.getByTestId('failure-reason')).toHaveText(/^NoOwner: no active sales owner/);
    await expect(row.getByRole('cell', { name: 'handoff', exact: true })).toBeVisible();

    // The cause is fixed: owners are back. Retry runs the hand-off step again, and the run leaves the failed list.
    await setActive(true);
    await row.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('status')).toContainText('from its failed step');
    await expect(row).toHaveCount(0);

    await expect.poll(async () => (await run())?.status, { timeout: 60_000 }).toBe('completed');
    await page.goto(`/leads/${lead.id}`);
    const runs = page.getByTestId('runs');
    await expect(runs.locator('tr').filter({ hasText: 'Straight to sales' }).getByTestId('run-status')).toHaveText('completed');
    // The retried step did its work: the lead is handed to one of the owners who came back.
    await expect(page.getByTestId('handoffs').locator('tbody tr')).toHaveCount(1);

    await page.getByRole('link', { name: 'Audit' }).click();
    await expect(page.locator('[data-testid="audit-row"][data-action="runs.retry"]').filter({ hasText: ops.email }).first()).toBeVisible();
    await context.close();
  } finally {
    await setActive(true);
    await trpc(request, 'journeys.archive', { id: journeyId });
  }
});
