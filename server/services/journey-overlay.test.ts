import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyRuns, journeys, journeySteps, journeyVersions, leads } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import type { Text } from '@/lib/i18n/server-text';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { journeyOverlay } from './journey-overlay';
import { getLeadDetails } from './lead-details';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => tdb?.stop());

async function journey(goal?: Record<string, unknown>): Promise<string> {
  const definition = {
    schemaVersion: 1,
    name: `overlay ${randomUUID()}`,
    nodes: [
      { id: 'trigger', kind: 'trigger', label: '', config: { on: 'lead_captured', ...(goal ? { goal } : {}) } },
      { id: 'wait', kind: 'wait', label: 'Wait 3 days', config: { duration: { amount: 3, unit: 'days' } } },
    ],
    edges: [{ id: 'e1', source: 'trigger', output: 'next', target: 'wait' }],
  } as unknown as JourneyDefinition;
  const [j] = await tdb.db.insert(journeys).values({ name: definition.name, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning({ id: journeys.id });
  await tdb.db.insert(journeyVersions).values({ journeyId: j!.id, version: 1, definition, graph: {} });
  return j!.id;
}

/** A lead that entered the journey and reached the wait; with `goal`, it then met the goal there and left. */
async function runThrough(journeyId: string, opts: { goal?: boolean; handoff?: boolean } = {}): Promise<string> {
  const [l] = await tdb.db.insert(leads).values({ email: `ov-${randomUUID().slice(0, 8)}@acme.test` }).returning({ id: leads.id });
  const leadId = l!.id;
  const workflowId = `lead-${leadId}-journey-${journeyId}`;
  const at = new Date();
  await tdb.db.insert(journeyRuns).values({ leadId, journeyId, journeyVersion: 1, workflowId, status: opts.goal ? 'completed' : 'running', currentNode: 'wait', goalReachedAt: opts.goal ? at : null });
  const step = (nodeId: string, kind: string, detail: Record<string, unknown>) => ({ workflowId, leadId, journeyId, journeyVersion: 1, nodeId, kind, stepKey: `${workflowId}:${nodeId}:1`, detail });
  await tdb.db.insert(journeySteps).values([
    step('trigger', 'trigger', { phase: 'done' }),
    step('wait', 'wait', { phase: 'entered' }),
    ...(opts.goal ? [step('goal', 'goal', { phase: 'done', reason: 'Booked a demo', from: 'wait' })] : []),
    ...(opts.handoff ? [step('handoff', 'handoff', { phase: 'done' })] : []),
  ]);
  return leadId;
}

describe('the live overlay with a journey goal', () => {
  it('counts, per step and in total, the leads that met the goal', async () => {
    const j = await journey({ on: 'event', eventType: 'schedule_demo', label: '' });
    const converted = await runThrough(j, { goal: true });
    await runThrough(j);
    // A hand-off is no conversion once the journey has a goal.
    await runThrough(j, { handoff: true });
    const overlay = await journeyOverlay(tdb.db, j, 1);
    expect(overlay.goal).toEqual({ text: 'Booked a demo', words: { key: 'serverText.event.schedule_demo' }, reached: 1, entered: 3 });
    expect(inVietnamese(overlay.goal!.words as Text)).toBe('Đã đặt lịch demo');
    expect(overlay.nodes.wait).toMatchObject({ waiting: 2, passed: 3, conversions: 1 });
    expect(overlay.nodes.trigger).toMatchObject({ passed: 3, conversions: 1 });
    expect(overlay.nodes.goal).toBeUndefined();

    const details = await getLeadDetails(tdb.db, converted);
    expect(details!.runs).toMatchObject([{ journeyId: j, goal: 'Booked a demo', goalReachedAt: expect.any(Date), status: 'completed', currentStep: 'Wait 3 days' }]);
    // The lead page words the goal and the current step from the same messages.
    expect(inVietnamese(details!.runs[0]!.goalText as Text)).toBe('Đã đặt lịch demo');
    expect(inVietnamese(details!.runs[0]!.currentStepText!)).toBe('Chờ 3 ngày');
  });

  it('without a goal, counts hand-offs as before and reports no goal', async () => {
    const j = await journey();
    await runThrough(j, { handoff: true });
    await runThrough(j);
    const overlay = await journeyOverlay(tdb.db, j, 1);
    expect(overlay.goal).toBeNull();
    expect(overlay.nodes.wait).toMatchObject({ passed: 2, conversions: 1 });
  });
});
