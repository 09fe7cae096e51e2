import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leads } from '@/db/schema';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createJourneyActivities } from './journey-activities';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => {
  await tdb?.stop();
});

const lifecycleOf = async (id: string) => (await tdb.db.select({ lifecycle: leads.lifecycle }).from(leads).where(eq(leads.id, id)))[0]!.lifecycle;

it('updateLead moves the lifecycle forward only: a journey flagging mql after the hot lane handed off (sql) keeps sql', async () => {
  const acts = createJourneyActivities({ db: tdb.db, fetch, signingSecret: 'journey-activities-test' });
  const [lead] = await tdb.db.insert(leads).values({ email: `lc-${randomUUID()}@acme.test`, lifecycle: 'sql' }).returning({ id: leads.id });
  await acts.updateLead({ leadId: lead!.id, stage: 'hot', lifecycle: 'mql' });
  expect(await lifecycleOf(lead!.id)).toBe('sql');
  await acts.updateLead({ leadId: lead!.id, lifecycle: 'customer' });
  expect(await lifecycleOf(lead!.id)).toBe('customer');
});
