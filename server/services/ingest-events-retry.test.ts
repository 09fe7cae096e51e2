import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { journeyRuns, journeys, leads } from '@/db/schema';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { ingestEvents } from './ingest-events';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => tdb?.stop());

it('an ingestion Postgres aborts to break a lock cycle (the relay marking a run started, say) is run again, not a 500', async () => {
  const [lead] = await tdb.db.insert(leads).values({ email: `cycle-${randomUUID().slice(0, 8)}@acme.test`, source: 'api' }).returning({ id: leads.id });
  const [j] = await tdb.db.insert(journeys).values({ name: `cycle ${randomUUID()}`, draftGraph: {} }).returning({ id: journeys.id });
  const workflowId = `lead-${lead!.id}-journey-${j!.id}`;
  await tdb.db.insert(journeyRuns).values({ leadId: lead!.id, journeyId: j!.id, journeyVersion: 1, workflowId });

  // Another session holds the run's row, then wants the lead's: ingestion holds the lead and waits for the run.
  const other = tdb.sql.reserve();
  const session = await other;
  await session`begin`;
  await session`select 1 from journey_runs where workflow_id = ${workflowId} for update`;
  const ingesting = ingestEvents(tdb.db, [{ event_id: `cycle-${randomUUID()}`, lead_id: lead!.id, type: 'email_click' }]);
  // Until ingestion is blocked on the run's row lock (it then holds the lead's).
  for (;;) {
    const [w] = await tdb.sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%from "journey_runs"%'`;
    if (w!.n > 0) break;
    await new Promise((r) => setImmediate(r));
  }
  const closing = session`select 1 from leads where id = ${lead!.id} for update`.then(() => session`commit`).finally(() => session.release());
  const result = await ingesting;
  await closing;
  expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
});
