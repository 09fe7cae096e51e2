import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventInbox, eventInboxDead, handoffs, leadEvents, leads, scoreChanges } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { acceptEvents, inboxDepth } from './event-inbox';
import { APPLIER_LOCK, applyInboxOnce, INBOX_PARTITIONS } from './inbox-apply';
import { createInboxApplier } from './inbox-applier';

let tdb: TestDatabase;
beforeAll(async () => {
  // Its own database: these tests drain the whole inbox and count what one batch takes.
  tdb = await startTestDatabase({ isolated: true });
  // The default scoring rules, owners and journey: what a hot event needs to open a hand-off.
  await seedDatabase(tdb.db, { devApiKey: null });
});
afterAll(async () => tdb?.stop());

async function newLeads(n: number): Promise<string[]> {
  const rows = await tdb.db
    .insert(leads)
    .values(Array.from({ length: n }, () => ({ email: `inbox-${randomUUID().slice(0, 8)}@acme.test`, source: 'api' })))
    .returning({ id: leads.id });
  return rows.map((r) => r.id);
}

async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const outcome = await applyInboxOnce(tdb.db);
    if (outcome.applied === 0 && outcome.dropped.length === 0) return;
  }
}

it('accepts into the inbox only: nothing is scored until the applier runs, and a new applier (after a crash) applies it all', async () => {
  const [leadId] = await newLeads(1);
  const ids = [`a-${randomUUID()}`, `a-${randomUUID()}`];
  const res = await acceptEvents(tdb.db, [
    { event_id: ids[0]!, lead_id: leadId!, type: 'visit_pricing' },
    { event_id: ids[1]!, lead_id: leadId!, type: 'download_whitepaper' },
  ]);
  expect(res).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
  expect(await tdb.db.select().from(leadEvents).where(inArray(leadEvents.eventId, ids))).toHaveLength(0);
  expect(await inboxDepth(tdb.db)).toBeGreaterThanOrEqual(2);

  // The accepting process died before applying: a fresh process's applier finds the rows on its own.
  const applier = createInboxApplier(tdb.db, { pollMs: 50 });
  try {
    await expect.poll(async () => (await tdb.db.select().from(leadEvents).where(inArray(leadEvents.eventId, ids))).length, { timeout: 10_000 }).toBe(2);
  } finally {
    applier.stop();
    await applier.idle();
  }
  const [lead] = await tdb.db.select({ score: leads.score }).from(leads).where(eq(leads.id, leadId!));
  expect(lead!.score).toBe(40);
  expect(await tdb.db.select().from(eventInbox).where(inArray(eventInbox.eventId, ids))).toHaveLength(0);
});

it('an apply that fails midway leaves every event in the inbox and nothing half-written; the retry applies each once', async () => {
  await drain();
  const [leadId] = await newLeads(1);
  const ids = Array.from({ length: 5 }, () => `f-${randomUUID()}`);
  await acceptEvents(tdb.db, ids.map((event_id) => ({ event_id, lead_id: leadId!, type: 'email_click' })));
  // Postgres refuses the score-change rows while the trigger exists: the applying transaction fails after lead_events was written.
  await tdb.db.execute(sql.raw(`create function inbox_test_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$;
    create trigger inbox_test_fail before insert on score_changes for each row when (new.lead_id = '${leadId}') execute function inbox_test_fail();`));
  try {
    await expect(applyInboxOnce(tdb.db)).rejects.toThrow();
  } finally {
    await tdb.db.execute(sql.raw(`drop trigger inbox_test_fail on score_changes; drop function inbox_test_fail();`));
  }
  expect(await tdb.db.select().from(leadEvents).where(inArray(leadEvents.eventId, ids))).toHaveLength(0);
  expect(await tdb.db.select().from(eventInbox).where(inArray(eventInbox.eventId, ids))).toHaveLength(5);

  await drain();
  expect(await tdb.db.select().from(leadEvents).where(inArray(leadEvents.eventId, ids))).toHaveLength(5);
  // email_click scores 10 per click: five events, each counted exactly once.
  expect(await tdb.db.select().from(scoreChanges).where(eq(scoreChanges.leadId, leadId!))).toHaveLength(5);
});

it('an event id counts once: repeated in a call, sent again while waiting, and sent again after it was applied', async () => {
  const [leadId] = await newLeads(1);
  const id = `d-${randomUUID()}`;
  const event = { event_id: id, lead_id: leadId!, type: 'visit_pricing' };
  expect(await acceptEvents(tdb.db, [event, event])).toMatchObject({ accepted: 1, duplicates: 1, duplicateIndexes: [1] });
  expect(await acceptEvents(tdb.db, [event])).toMatchObject({ accepted: 0, duplicates: 1 });
  await drain();
  expect(await acceptEvents(tdb.db, [event])).toMatchObject({ accepted: 0, duplicates: 1 });
  await drain();
  expect(await tdb.db.select().from(leadEvents).where(eq(leadEvents.eventId, id))).toHaveLength(1);
  const [lead] = await tdb.db.select({ score: leads.score }).from(leads).where(eq(leads.id, leadId!));
  expect(lead!.score).toBe(25);
});

it('unknown leads and types are refused at the door, by index', async () => {
  const [leadId] = await newLeads(1);
  const res = await acceptEvents(tdb.db, [
    { event_id: `r-${randomUUID()}`, lead_id: randomUUID(), type: 'email_open' },
    { event_id: `r-${randomUUID()}`, lead_id: leadId!, type: 'no_such_type' },
    { event_id: `r-${randomUUID()}`, lead_id: leadId!, type: 'email_open' },
  ]);
  expect(res.accepted).toBe(1);
  expect(res.rejected.map((r) => [r.index, r.field])).toEqual([
    [0, 'lead_id'],
    [1, 'type'],
  ]);
});

it("keeps each lead's events in the order they were accepted, across small batches", async () => {
  await drain();
  const [a, b] = await newLeads(2);
  const types = ['email_open', 'visit_pricing', 'email_click', 'download_whitepaper', 'webinar_register', 'email_click'];
  const sent: string[] = [];
  for (const [i, type] of types.entries()) {
    for (const leadId of [a!, b!]) {
      const event_id = `o-${i}-${randomUUID()}`;
      sent.push(event_id);
      await acceptEvents(tdb.db, [{ event_id, lead_id: leadId, type }]);
    }
  }
  while ((await applyInboxOnce(tdb.db, 5)).applied > 0);
  for (const leadId of [a!, b!]) {
    const rows = await tdb.db.select({ eventId: leadEvents.eventId, type: leadEvents.type }).from(leadEvents).where(eq(leadEvents.leadId, leadId)).orderBy(asc(leadEvents.seq));
    expect(rows.map((r) => r.type)).toEqual(types);
    expect(rows.map((r) => r.eventId)).toEqual(sent.filter((_, i) => i % 2 === (leadId === a ? 0 : 1)));
  }
});

it('a hot event overtakes a deep inbox, after its own lead’s earlier events', async () => {
  await drain();
  const flood = await newLeads(50);
  const floodIds: string[] = [];
  for (let round = 0; round < 3; round++) {
    const events = Array.from({ length: 1000 }, (_, i) => ({ event_id: `fl-${round}-${i}-${randomUUID()}`, lead_id: flood[i % flood.length]!, type: 'email_open' }));
    floodIds.push(...events.map((e) => e.event_id));
    await acceptEvents(tdb.db, events);
  }
  const [hot] = await newLeads(1);
  const earlier = `h-open-${randomUUID()}`;
  const demo = `h-demo-${randomUUID()}`;
  await acceptEvents(tdb.db, [{ event_id: earlier, lead_id: hot!, type: 'email_open' }]);
  await acceptEvents(tdb.db, [{ event_id: demo, lead_id: hot!, type: 'schedule_demo' }]);
  expect(await inboxDepth(tdb.db)).toBeGreaterThanOrEqual(3002);

  const first = await applyInboxOnce(tdb.db, 1000);
  expect(first.applied).toBe(2);
  const rows = await tdb.db.select({ eventId: leadEvents.eventId }).from(leadEvents).where(eq(leadEvents.leadId, hot!)).orderBy(asc(leadEvents.seq));
  expect(rows.map((r) => r.eventId)).toEqual([earlier, demo]);
  expect(await tdb.db.select().from(handoffs).where(eq(handoffs.leadId, hot!))).toHaveLength(1);
  // None of the 3,000 flood events went first.
  expect(await tdb.db.select().from(leadEvents).where(inArray(leadEvents.eventId, floodIds.slice(0, 1000)))).toHaveLength(0);
  await drain();
  expect(await tdb.db.select().from(leadEvents).where(inArray(leadEvents.eventId, floodIds))).toHaveLength(3000);
});

/** The partition the appliers give a lead: the same hash the apply query uses. */
async function partitionOf(leadId: string): Promise<number> {
  const [row] = await tdb.db.execute<{ p: number }>(sql`select (hashtext(${leadId}::text) & 2147483647) % ${INBOX_PARTITIONS} as p`);
  return Number(row!.p);
}

it('one applier at a time per partition: a second process finds the lock taken and does nothing', async () => {
  const [leadId] = await newLeads(1);
  const partition = await partitionOf(leadId!);
  await acceptEvents(tdb.db, [{ event_id: `l-${randomUUID()}`, lead_id: leadId!, type: 'email_open' }]);
  await tdb.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPLIER_LOCK}, ${partition})`);
    expect(await applyInboxOnce(tdb.db, 1000, { partition })).toMatchObject({ ran: false, applied: 0 });
    // Applying the whole inbox needs every partition.
    expect(await applyInboxOnce(tdb.db)).toMatchObject({ ran: false, applied: 0 });
  });
  await drain();
});

it('partitions apply in parallel: a partition held by a stuck applier holds back only its own leads, and per-lead order holds', async () => {
  await drain();
  const ids = await newLeads(24);
  const byPartition = new Map<number, string[]>();
  for (const id of ids) {
    const p = await partitionOf(id);
    byPartition.set(p, [...(byPartition.get(p) ?? []), id]);
  }
  expect(byPartition.size).toBeGreaterThan(1);
  const [stuck, stuckLeads] = [...byPartition.entries()][0]!;
  const types = ['email_open', 'visit_pricing', 'email_click', 'download_whitepaper'];
  const sent = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const type of types) {
    const events = ids.map((lead_id) => ({ event_id: `pp-${type}-${randomUUID()}`, lead_id, type }));
    for (const e of events) sent.get(e.lead_id)!.push(e.event_id);
    await acceptEvents(tdb.db, events);
  }
  const applied = async (leadIds: string[]) => (await tdb.db.select().from(leadEvents).where(inArray(leadEvents.leadId, leadIds))).length;
  const others = ids.filter((id) => !stuckLeads.includes(id));
  // Small batches, so every partition takes several transactions and the loops interleave.
  const applier = createInboxApplier(tdb.db, { pollMs: 50, batch: 7 });
  try {
    await tdb.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${APPLIER_LOCK}, ${stuck})`);
      applier.wake();
      await expect.poll(() => applied(others), { timeout: 10_000 }).toBe(others.length * types.length);
      expect(await applied(stuckLeads)).toBe(0);
    });
    // The lock released (the stuck applier ended): its partition is applied too.
    await expect.poll(() => applied(stuckLeads), { timeout: 10_000 }).toBe(stuckLeads.length * types.length);
  } finally {
    applier.stop();
    await applier.idle();
  }
  for (const id of ids) {
    const rows = await tdb.db.select({ eventId: leadEvents.eventId }).from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(asc(leadEvents.seq));
    expect(rows.map((r) => r.eventId)).toEqual(sent.get(id));
  }
});

it('an event Postgres keeps refusing is retried alone, then kept in event_inbox_dead with its error; the lead moves on', async () => {
  await drain();
  const [leadId, other] = await newLeads(2);
  const [before, poison, after] = ['before', 'poison', 'after'].map((k) => `pz-${k}-${randomUUID()}`) as [string, string, string];
  await acceptEvents(tdb.db, [
    { event_id: before, lead_id: leadId!, type: 'email_open' },
    { event_id: poison, lead_id: leadId!, type: 'visit_pricing', properties: { page: '/pricing' } },
    { event_id: after, lead_id: leadId!, type: 'email_click' },
    { event_id: `pz-other-${randomUUID()}`, lead_id: other!, type: 'email_open' },
  ]);
  // A trigger that refuses this one event every time, as a constraint or a broken value would.
  await tdb.db.execute(sql.raw(`create function inbox_test_poison() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$;
    create trigger inbox_test_poison before insert on lead_events for each row when (new.event_id = '${poison}') execute function inbox_test_poison();`));
  const applier = createInboxApplier(tdb.db, { pollMs: 50 });
  try {
    await expect.poll(async () => (await tdb.db.select().from(eventInbox).where(eq(eventInbox.leadId, leadId!))).length, { timeout: 15_000 }).toBe(0);
  } finally {
    applier.stop();
    await applier.idle();
    await tdb.db.execute(sql.raw(`drop trigger inbox_test_poison on lead_events; drop function inbox_test_poison();`));
  }
  const [dead] = await tdb.db.select().from(eventInboxDead).where(eq(eventInboxDead.eventId, poison));
  expect(dead).toMatchObject({ leadId, type: 'visit_pricing', properties: { page: '/pricing' }, attempts: 3 });
  expect(dead!.error).toMatch(/^P0001: refused for the test/);
  const rows = await tdb.db.select({ eventId: leadEvents.eventId }).from(leadEvents).where(eq(leadEvents.leadId, leadId!)).orderBy(asc(leadEvents.seq));
  expect(rows.map((r) => r.eventId)).toEqual([before, after]);
  expect(await tdb.db.select().from(leadEvents).where(eq(leadEvents.leadId, other!))).toHaveLength(1);
});

it('a lead that turns hot inside a backlog batch has its hand-off start delivered at once', async () => {
  await drain();
  const flood = await newLeads(30);
  const [climber] = await newLeads(1);
  // No single event crosses 60 from 0, so none is marked hot: the lead turns hot inside an ordinary bulk batch.
  const events = [
    ...Array.from({ length: 150 }, (_, i) => ({ event_id: `bk-${i}-${randomUUID()}`, lead_id: flood[i % flood.length]!, type: 'email_open' })),
    ...['visit_pricing', 'download_whitepaper', 'webinar_register'].map((type) => ({ event_id: `bk-${type}-${randomUUID()}`, lead_id: climber!, type })),
  ];
  await acceptEvents(tdb.db, events);
  const delivered: number[][] = [];
  const applier = createInboxApplier(tdb.db, { pollMs: 60_000, onCommitted: (ids) => delivered.push(ids) });
  try {
    applier.wake();
    await applier.idle();
  } finally {
    applier.stop();
  }
  const [handoff] = await tdb.db.select().from(handoffs).where(eq(handoffs.leadId, climber!));
  expect(handoff).toBeDefined();
  const starts = await tdb.db.execute<{ id: number }>(sql`select id from signal_outbox where signal = 'startHandoffSla' and lead_id = ${climber!}`);
  expect(delivered.flat().sort()).toEqual(starts.map((r) => Number(r.id)).sort());
});
