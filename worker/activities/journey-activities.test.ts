import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
