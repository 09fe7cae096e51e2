import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventInbox, leads } from '@/db/schema';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createEventCoalescer } from './ingest-coalescer';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => tdb?.stop());

async function newLeads(n: number): Promise<string[]> {
  const rows = await tdb.db
    .insert(leads)
    .values(Array.from({ length: n }, () => ({ email: `co-${randomUUID().slice(0, 8)}@acme.test`, source: 'api' })))
    .returning({ id: leads.id });
  return rows.map((r) => r.id);
}

it('concurrent single events share inbox inserts, and each request still gets its own answer', async () => {
  const ids = await newLeads(5);
  const committed: number[] = [];
  const co = createEventCoalescer(tdb.db, { maxInFlight: 1, onCommitted: (o) => committed.push(o) });
  const eventIds = Array.from({ length: 40 }, () => `co-${randomUUID()}`);
  const outcomes = await Promise.all([
    ...eventIds.map((event_id, i) => co.ingest({ event_id, lead_id: ids[i % ids.length]!, type: 'email_open' })),
    // The same id twice in flight: stored once, the second is a duplicate.
    co.ingest({ event_id: eventIds[0]!, lead_id: ids[0]!, type: 'email_open' }),
    co.ingest({ event_id: `co-${randomUUID()}`, lead_id: randomUUID(), type: 'email_open' }),
    co.ingest({ event_id: `co-${randomUUID()}`, lead_id: ids[0]!, type: 'no_such_type' }),
  ]);
  expect(outcomes.slice(0, 40).every((o) => o.status === 'accepted')).toBe(true);
  expect(outcomes[40]).toEqual({ status: 'duplicate' });
  expect(outcomes[41]).toMatchObject({ status: 'rejected', rejection: { field: 'lead_id' } });
  expect(outcomes[42]).toMatchObject({ status: 'rejected', rejection: { field: 'type' } });

  const rows = await tdb.db.select({ eventId: eventInbox.eventId, receivedAt: eventInbox.receivedAt }).from(eventInbox).where(inArray(eventInbox.eventId, eventIds));
  expect(rows).toHaveLength(40);
  // received_at is the transaction's start: 40 events in far fewer transactions than 40.
  const transactions = new Set(rows.map((r) => r.receivedAt.getTime())).size;
  expect(transactions).toBeLessThanOrEqual(5);
  expect(committed.length).toBeLessThanOrEqual(5);
  expect(committed.reduce((a, b) => a + b, 0)).toBe(40);
});

it('an event Postgres refuses fails alone: its neighbours in the group are stored', async () => {
  const [leadId] = await newLeads(1);
  const co = createEventCoalescer(tdb.db, { maxInFlight: 1 });
  const good = Array.from({ length: 6 }, () => `co-${randomUUID()}`);
  // Occupies the one slot, so the rest queue up and go as one group.
  const first = co.ingest({ event_id: `co-${randomUUID()}`, lead_id: leadId!, type: 'email_open' });
  const results = await Promise.allSettled([
    ...good.map((event_id) => co.ingest({ event_id, lead_id: leadId!, type: 'email_open' })),
    // jsonb cannot hold \u0000: Postgres refuses this row, and with it the group's transaction.
    co.ingest({ event_id: `co-${randomUUID()}`, lead_id: leadId!, type: 'email_open', properties: { note: 'a\u0000b' } }),
  ]);
  await first;
  expect(results.slice(0, 6).map((r) => r.status)).toEqual(Array(6).fill('fulfilled'));
  expect(results[6]!.status).toBe('rejected');
  const stored = await tdb.db.select({ eventId: eventInbox.eventId }).from(eventInbox).where(inArray(eventInbox.eventId, good));
  expect(stored).toHaveLength(6);
});
