import { randomUUID } from 'node:crypto';
import { Connection, Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absorbedEvents, journeyRuns, journeys, journeyVersions, signalOutbox } from '@/db/schema';
import { defaultLikeJourney, leadEvent } from '@/lib/journey/engine/fixtures';
import { journeyWorkflowId } from '@/lib/journey/contract';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createTestEnv } from '@/workflows/testing/harness';
import { backoffMs, createSignalRelay, MAX_ATTEMPTS } from './signal-relay';

let tdb: TestDatabase;
let env: TestWorkflowEnvironment;
let journeyId: string;

beforeAll(async () => {
  [tdb, env] = await Promise.all([startTestDatabase(), createTestEnv()]);
  const [j] = await tdb.db.insert(journeys).values({ name: `relay ${randomUUID()}`, status: 'published', draftGraph: {}, publishedVersion: 1 }).returning();
  journeyId = j!.id;
  await tdb.db.insert(journeyVersions).values({ journeyId, version: 1, definition: defaultLikeJourney(), graph: {} });
});
afterAll(async () => {
  // No worker ever polls here and nothing waits on a timer, so tearing the server down is enough.
  await env?.teardown();
  await tdb?.stop();
});

const settings = async () => ({ maxEmailsPer24h: 3 });

/** The real client, with a hook before each signal-with-start (to hold a call open or count calls). */
function clientWith(before: (workflowId: string) => Promise<void>): () => Promise<Client> {
  const real = env.client;
  const workflow = Object.create(real.workflow) as Client['workflow'];
  workflow.signalWithStart = async (type, options) => {
    await before(options.workflowId);
    return real.workflow.signalWithStart(type, options);
  };
  return async () => ({ workflow }) as Client;
}

async function enqueue(rows: { leadId?: string; version?: number; seq?: number }[]) {
  const values = rows.map((r) => {
    const leadId = r.leadId ?? randomUUID();
    const workflowId = journeyWorkflowId(leadId, journeyId);
    return { workflowId, leadId, journeyId, journeyVersion: r.version ?? 1, signal: 'leadEvent', payload: leadEvent(r.seq ?? 1, 0, 'form_submit', randomUUID()) as unknown as Record<string, unknown> };
  });
  return tdb.db.insert(signalOutbox).values(values).returning();
}

const rowsById = async (ids: number[]) => {
  const rows = await tdb.db.select().from(signalOutbox).where(inArray(signalOutbox.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
};
/** Lets time pass for the backoff without waiting: the row becomes due now. */
const makeDue = (id: number) => tdb.db.update(signalOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(signalOutbox.id, id));

describe('signal relay', () => {
  it('backs a failing row off, dead-letters it after MAX_ATTEMPTS with its reason, and then lets its lead move on', async () => {
    const relay = createSignalRelay({ db: tdb.db, client: async () => env.client, taskQueue: 'relay-test', settings });
    const leadId = randomUUID();
    // Version 99 does not exist: this row fails every time. The lead's next event sits behind it.
    const [bad, next] = await enqueue([{ leadId, version: 99, seq: 1 }, { leadId, seq: 2 }]);
    const [other] = await enqueue([{}]);
    const ids = [bad!.id, next!.id, other!.id];

    await relay.deliver(ids);
    let rows = await rowsById(ids);
    expect(rows.get(other!.id)!.deliveredAt).not.toBeNull();
    expect(rows.get(bad!.id)).toMatchObject({ attempts: 1, deliveredAt: null, deadAt: null, claimedUntil: null });
    expect(rows.get(bad!.id)!.lastError).toContain('has no version 99');
    const wait = rows.get(bad!.id)!.nextAttemptAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(backoffMs(1) - 1_500);
    expect(wait).toBeLessThanOrEqual(backoffMs(1));
    // Behind a row in backoff, the lead's later event waits: events never overtake each other.
    expect(rows.get(next!.id)!.deliveredAt).toBeNull();
    await relay.deliver(ids);
    expect((await rowsById(ids)).get(bad!.id)!.attempts).toBe(1);

    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await makeDue(bad!.id);
      await relay.deliver();
      expect((await rowsById(ids)).get(bad!.id)!.attempts).toBe(attempt);
    }
    rows = await rowsById(ids);
    expect(rows.get(bad!.id)!.deadAt).not.toBeNull();
    expect(rows.get(bad!.id)!.nextAttemptAt).toBeNull();
    // Dead-lettered, it no longer holds the lead: the next event goes through.
    await relay.deliver([next!.id]);
    expect((await rowsById(ids)).get(next!.id)!.deliveredAt).not.toBeNull();
  });

  it('calls Temporal outside any transaction and keeps each delivery even if a later call fails', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight!: () => void;
    const called = new Promise<void>((resolve) => (inFlight = resolve));
    const [slow] = await enqueue([{}]);
    const [fine] = await enqueue([{}]);
    const [broken] = await enqueue([{ version: 98 }]);
    const relay = createSignalRelay({
      db: tdb.db,
      taskQueue: 'relay-test',
      settings,
      client: clientWith(async (workflowId) => {
        if (workflowId !== slow!.workflowId) return;
        inFlight();
        await gate;
      }),
    });
    const delivering = relay.deliver([slow!.id, fine!.id, broken!.id]);
    await called;
    // While Temporal holds the call, the row is claimed (committed) but not locked: another session can lock it at once.
    const [claimed] = await tdb.sql.begin(async (tx) => tx`select claimed_until from signal_outbox where id = ${slow!.id} for update nowait`);
    expect(claimed!.claimed_until).not.toBeNull();
    expect(new Date(claimed!.claimed_until as string).getTime()).toBeGreaterThan(Date.now());
    release();
    await delivering;
    const rows = await rowsById([slow!.id, fine!.id, broken!.id]);
    expect(rows.get(slow!.id)!.deliveredAt).not.toBeNull();
    expect(rows.get(fine!.id)!.deliveredAt).not.toBeNull();
    expect(rows.get(broken!.id)).toMatchObject({ deliveredAt: null, attempts: 1 });
  });

  it('signals each row once when two relays poll together, and a dead relay’s claim comes back after its lease', async () => {
    const calls = new Map<string, number>();
    const counting = clientWith(async (workflowId) => void calls.set(workflowId, (calls.get(workflowId) ?? 0) + 1));
    const a = createSignalRelay({ db: tdb.db, client: counting, taskQueue: 'relay-test', settings });
    const b = createSignalRelay({ db: tdb.db, client: counting, taskQueue: 'relay-test', settings });
    const rows = await enqueue(Array.from({ length: 40 }, () => ({})));
    const ids = rows.map((r) => r.id);
    await Promise.all([a.deliver(ids), b.deliver(ids)]);
    const after = await rowsById(ids);
    expect([...after.values()].every((r) => r.deliveredAt !== null)).toBe(true);
    expect(rows.map((r) => calls.get(r.workflowId))).toEqual(rows.map(() => 1));

    // A relay claimed this row and died before signalling: nobody touches it until the lease ends.
    const [orphan] = await enqueue([{}]);
    await tdb.db.update(signalOutbox).set({ claimedUntil: sql`now() + interval '30 seconds'` }).where(eq(signalOutbox.id, orphan!.id));
    await a.deliver([orphan!.id]);
    expect((await rowsById([orphan!.id])).get(orphan!.id)!.deliveredAt).toBeNull();
    await tdb.db.update(signalOutbox).set({ claimedUntil: sql`now() - interval '1 second'` }).where(eq(signalOutbox.id, orphan!.id));
    await a.deliver([orphan!.id]);
    expect((await rowsById([orphan!.id])).get(orphan!.id)!.deliveredAt).not.toBeNull();
  });

  it('costs a row no attempt when Temporal itself is unreachable', async () => {
    // Nothing listens on port 1; no retry interceptor, so the call fails UNAVAILABLE at once.
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500, interceptors: [] }) });
    const relay = createSignalRelay({ db: tdb.db, client: async () => client, taskQueue: 'relay-test', settings });
    const [row] = await enqueue([{}]);
    await relay.deliver([row!.id]);
    const after = (await rowsById([row!.id])).get(row!.id)!;
    expect(after).toMatchObject({ attempts: 0, deliveredAt: null, deadAt: null, nextAttemptAt: null, claimedUntil: null });
    expect(after.lastError).toBeTruthy();
  });

  it('prunes delivered rows after 7 days and keeps newer ones and dead letters', async () => {
    const relay = createSignalRelay({ db: tdb.db, client: async () => env.client, taskQueue: 'relay-test', settings });
    const [old, recent, dead] = await enqueue([{}, {}, {}]);
    await tdb.db.update(signalOutbox).set({ deliveredAt: sql`now() - interval '8 days'` }).where(eq(signalOutbox.id, old!.id));
    await tdb.db.update(signalOutbox).set({ deliveredAt: sql`now() - interval '6 days'` }).where(eq(signalOutbox.id, recent!.id));
    await tdb.db.update(signalOutbox).set({ deadAt: sql`now() - interval '30 days'`, attempts: MAX_ATTEMPTS }).where(eq(signalOutbox.id, dead!.id));
    expect(await relay.prune()).toBeGreaterThanOrEqual(1);
    expect([...(await rowsById([old!.id, recent!.id, dead!.id])).keys()].sort()).toEqual([recent!.id, dead!.id].sort());
  });

  it('prunes held events an unpark took over a day ago, and keeps fresher taken ones and untaken ones', async () => {
    const relay = createSignalRelay({ db: tdb.db, client: async () => env.client, taskQueue: 'relay-test', settings });
    const workflowId = `prune-${randomUUID()}`;
    const at = (sqlAgo: string | null) => ({ workflowId, payload: { eventId: randomUUID() }, loop: false, ...(sqlAgo ? { takenBy: 'wait:1', takenAt: sql.raw(`now() - interval '${sqlAgo}'`) } : {}) });
    await tdb.db.insert(absorbedEvents).values([at('25 hours'), at('2 hours'), at(null)]);
    await relay.prune();
    const left = await tdb.db.select().from(absorbedEvents).where(eq(absorbedEvents.workflowId, workflowId)).orderBy(absorbedEvents.id);
    expect(left.map((r) => (r.takenAt ? 'taken' : 'held'))).toEqual(['taken', 'held']);
  });

  it('starts a new run with signal-with-start, then sends a started run plain signals; a closed run is settled, not retried', async () => {
    let withStart = 0;
    const relay = createSignalRelay({ db: tdb.db, client: clientWith(async () => void (withStart += 1)), taskQueue: 'relay-test', settings });
    const leadId = randomUUID();
    const workflowId = journeyWorkflowId(leadId, journeyId);
    await tdb.db.insert(journeyRuns).values({ leadId, journeyId, journeyVersion: 1, workflowId });
    const [first] = await enqueue([{ leadId, seq: 1 }]);
    await relay.deliver([first!.id]);
    expect(withStart).toBe(1);
    expect((await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.workflowId, workflowId)))[0]!.status).toBe('running');

    const later = await enqueue([{ leadId, seq: 2 }, { leadId, seq: 3 }]);
    await relay.deliver(later.map((r) => r.id));
    // No definition travels again: both events arrive as plain signals on the one run.
    expect(withStart).toBe(1);
    const { events } = await env.client.workflow.getHandle(workflowId).fetchHistory();
    expect(events!.filter((e) => e.workflowExecutionSignaledEventAttributes).length).toBe(3);
    expect([...(await rowsById(later.map((r) => r.id))).values()].every((r) => r.deliveredAt !== null && r.lastError === null)).toBe(true);

    await env.client.workflow.getHandle(workflowId).terminate('test: the run is over');
    const [afterEnd] = await enqueue([{ leadId, seq: 4 }]);
    await relay.deliver([afterEnd!.id]);
    expect((await rowsById([afterEnd!.id])).get(afterEnd!.id)).toMatchObject({ lastError: 'run already closed', attempts: 0 });
    expect(withStart).toBe(1);
  });
});
