/** A deep event inbox refuses more with 503 + Retry-After instead of growing without bound, and accepts again once drained. */
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { APPLIER_LOCK, INBOX_PARTITIONS } from '@/server/services/inbox-apply';
import { api, eventually } from './support';

// One connection: the session-level advisory lock and its release must happen on the same one.
const sql = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
const [lowId, highId] = ['it-backpressure-low', 'it-backpressure-high'] as const;
const fakeIds = [lowId, highId];

afterAll(async () => {
  await sql`delete from event_inbox where event_id in ${sql(fakeIds)}`;
  await sql`select pg_advisory_unlock_all()`;
  await sql.end();
});

it('POST /api/events answers 503 with Retry-After while the inbox is over EVENT_INBOX_MAX, then 404s an unknown lead again once it drains', async () => {
  // A lead id nobody has: below the limit the event is refused as unknown (404) and nothing is stored.
  const probe = { event_id: `bp-${crypto.randomUUID()}`, lead_id: crypto.randomUUID(), type: 'email_open' };
  expect((await api('/api/events', { body: probe })).status).toBe(404);

  // Hold every partition's applier lock so nothing drains, and make the inbox's id span (its depth bound) exceed the default 250,000.
  await sql`select pg_advisory_lock(${APPLIER_LOCK}, p) from generate_series(0, ${INBOX_PARTITIONS - 1}) as p`;
  const [row] = await sql<{ low: string }[]>`select nextval(pg_get_serial_sequence('event_inbox', 'id'))::text as low`;
  const low = row?.low ?? '';
  const high = (BigInt(low) + 300_000n).toString();
  const lead = crypto.randomUUID();
  await sql`insert into event_inbox (id, event_id, lead_id, type) values (${low}, ${lowId}, ${lead}, 'email_open'), (${high}, ${highId}, ${lead}, 'email_open')`;

  // The applier reads the depth on its poll (1 s); wait for the refusal a client would see.
  const refused = await eventually(async () => {
    const res = await api('/api/events', { body: probe });
    return res.status === 503 ? res : null;
  }, 30_000, 'a 503 from a full inbox');
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(refused.json).toMatchObject({ field: 'events' });
  expect(refused.json.error).toMatch(/waiting to be applied/);

  // Nothing of the refused request was stored.
  const stored = await sql`select 1 from event_inbox where event_id = ${probe.event_id}`;
  expect(stored.length).toBe(0);

  // Drained (the fake rows gone, the lock released): the next poll sees an empty inbox and the endpoint answers as before.
  await sql`delete from event_inbox where event_id in ${sql(fakeIds)}`;
  await sql`select pg_advisory_unlock(${APPLIER_LOCK}, p) from generate_series(0, ${INBOX_PARTITIONS - 1}) as p`;
  await eventually(async () => (await api('/api/events', { body: probe })).status === 404, 30_000, 'the endpoint accepting again');
});
