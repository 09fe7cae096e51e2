import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { absorbedEvents, journeyRuns, journeys, journeySteps } from '@/db/schema';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createJourneyActivities } from './journey-activities';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => {
  await tdb?.stop();
});

const acts = () => createJourneyActivities({ db: tdb.db, fetch: async () => new Response(null, { status: 204 }), signingSecret: 's' });

it('a missing lead is a non-retryable LeadNotFound, not an error retried forever', async () => {
  const err = await acts().loadLead({ leadId: randomUUID() }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type: 'LeadNotFound', nonRetryable: true });
});

it('a hand-off with no such owner is a non-retryable NoOwner', async () => {
  const leadId = randomUUID();
  const err = await acts()
    .startHandoff({ requestKey: `k:${leadId}`, leadId, workflowId: `lead-${leadId}-journey-j`, reason: 'hot', owner: { mode: 'fixed', ownerId: randomUUID() }, slaMinutes: 15, escalationMinutes: 30 })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ type: 'NoOwner', nonRetryable: true });
});

it('recordSteps writes a pass in one statement: every step, the last record of a twice-recorded visit, and the run position', async () => {
  const [j] = await tdb.db.insert(journeys).values({ name: `steps ${randomUUID()}`, draftGraph: {} }).returning();
  const leadId = randomUUID();
  const workflowId = `lead-${leadId}-journey-${j!.id}`;
  await tdb.db.insert(journeyRuns).values({ leadId, journeyId: j!.id, journeyVersion: 1, workflowId });
  const step = (nodeId: string, kind: string, visit: number, detail: Record<string, unknown>) => ({ workflowId, leadId, journeyId: j!.id, journeyVersion: 1, nodeId, kind, visit, detail });
  await acts().recordSteps({
    workflowId,
    steps: [
      step('wait-b', 'wait_for_event', 1, { phase: 'resolved', output: 'event' }),
      step('score', 'score_branch', 2, { phase: 'done', output: 'warm' }),
      step('email-b', 'send_email', 2, { phase: 'done', skipped: 'once_per_lead' }),
      step('wait-b', 'wait_for_event', 2, { phase: 'entered' }),
      // A pending event releases the wait at once: the same visit recorded twice, the later record wins.
      step('wait-b', 'wait_for_event', 2, { phase: 'resolved', output: 'event' }),
    ],
  });
  const rows = await tdb.db.select().from(journeySteps).where(eq(journeySteps.workflowId, workflowId));
  expect(rows.map((r) => [r.stepKey.slice(workflowId.length + 1), r.detail.phase]).sort()).toEqual([
    ['email-b:2', 'done'],
    ['score:2', 'done'],
    ['wait-b:1', 'resolved'],
    ['wait-b:2', 'resolved'],
  ]);
  expect((await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.workflowId, workflowId)))[0]).toMatchObject({ currentNode: 'wait-b', status: 'running' });

  await acts().recordSteps({ workflowId, steps: [step('exit', 'exit', 1, { phase: 'done' })], run: { currentNode: 'exit', status: 'archived' } });
  expect((await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.workflowId, workflowId)))[0]).toMatchObject({ currentNode: 'exit', status: 'archived' });
  // A finished run's position no longer moves with a late plain record.
  await acts().recordSteps({ workflowId, steps: [step('late', 'exit', 1, { phase: 'done' })] });
  expect((await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.workflowId, workflowId)))[0]).toMatchObject({ currentNode: 'exit', status: 'archived' });
});

it('unpark is safe to retry: an attempt that committed but never reached the workflow hands the same held events to its retry', async () => {
  const workflowId = `lead-${randomUUID()}-journey-unpark`;
  const hold = (eventId: string) => tdb.db.insert(absorbedEvents).values({ workflowId, payload: { eventId, type: 'email_open' }, loop: true });
  const ids = (held: { signal: { eventId: string } }[]) => held.map((h) => h.signal.eventId);
  await hold('e1');
  await hold('e2');
  const first = await acts().unpark({ workflowId, nodeId: 'wait-a', visit: 1 });
  // The first attempt's result was lost (task timed out after the commit): the retry must not come back empty.
  await hold('e3');
  const retry = await acts().unpark({ workflowId, nodeId: 'wait-a', visit: 1 });
  expect(ids(first)).toEqual(['e1', 'e2']);
  expect(ids(retry)).toEqual(['e1', 'e2', 'e3']);
  // The run's next park gets only what was held since; what ingestion may still release is only what no unpark took.
  await hold('e4');
  expect(ids(await acts().unpark({ workflowId, nodeId: 'wait-b', visit: 1 }))).toEqual(['e4']);
  await hold('e5');
  const untaken = await tdb.db.select().from(absorbedEvents).where(and(eq(absorbedEvents.workflowId, workflowId), isNull(absorbedEvents.takenBy)));
  expect(untaken.map((r) => r.payload.eventId)).toEqual(['e5']);
});
