// A run parked in a wait is not woken for events that cannot change its path: ingestion holds them in Postgres and
// the run applies them, in order, when something does wake it. Real Postgres, ingestion, relay and activities
// (mail to an in-process Resend-compatible sink), Temporal's time-skipping server.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { absorbedEvents, journeyRuns, journeys, journeyVersions, leadEvents, messages, salesOwners, scoringRules, settings, signalOutbox } from '@/db/schema';
import { SAMPLE_OWNERS } from '@/db/seed';
import { defaultLikeJourney } from '@/lib/journey/engine/fixtures';
import { channelsTaskQueue, JOURNEY_STATE_QUERY, salesTaskQueue, type JourneyStateView } from '@/lib/journey/contract';
import type { ParkSpec } from '@/lib/journey/engine';
import { DEFAULT_SCORING_RULES } from '@/lib/scoring/rules';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { captureLead } from '@/lib/capture/capture-lead';
import { ingestEvents } from '@/server/services/ingest-events';
import { createSignalRelay, type SignalRelay } from '@/lib/outbox/signal-relay';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from '@/worker/activities';
import { createTestEnv, eventually, uniqueId, workflowBundle } from './testing/harness';

const DAY = 86_400_000;
const HOUR = 3_600_000;
let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let sink: MailSink;
let relay: SignalRelay;
let workers: { stop(): Promise<void> };
const taskQueue = uniqueId('park');

function workflowClock(): Date {
  try {
    return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
  } catch {
    return new Date();
  }
}

beforeAll(async () => {
  [env, tdb, sink] = await Promise.all([createTestEnv(), startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  const { db } = tdb;
  await db.insert(salesOwners).values(SAMPLE_OWNERS);
  await db.insert(scoringRules).values(DEFAULT_SCORING_RULES.map((r) => ({ name: r.name, kind: r.kind, eventType: r.eventType ?? null, condition: (r.condition as Record<string, unknown> | undefined) ?? null, points: r.points, oncePerLead: r.oncePerLead })));
  await db.insert(settings).values([{ key: 'max_emails_per_24h', value: 3 }]);
  const [j] = await db.insert(journeys).values({ name: 'Default-like', draftGraph: {}, status: 'published', publishedVersion: 1 }).returning({ id: journeys.id });
  await db.insert(journeyVersions).values({ journeyId: j!.id, version: 1, definition: defaultLikeJourney(), graph: {} });
  relay = createSignalRelay({ db, client: async () => env.client, taskQueue, settings: async () => ({ maxEmailsPer24h: 3 }) });
  const activities = createActivities({
    db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    fetch: async () => new Response('{}', { status: 200 }),
    appUrl: 'https://app.test',
    signingSecret: 'park-test-secret',
    managerEmail: 'manager@leadflow.test',
    now: workflowClock,
  });
  const bundle = await workflowBundle();
  const common = { connection: env.nativeConnection, namespace: env.namespace ?? 'default', workflowBundle: bundle, activities };
  const journeyWorker = await Worker.create({ ...common, taskQueue });
  const salesWorker = await Worker.create({ ...common, taskQueue: salesTaskQueue(taskQueue) });
  const channelsWorker = await Worker.create({ ...common, taskQueue: channelsTaskQueue(salesTaskQueue(taskQueue)) });
  const run = Promise.all([journeyWorker.run(), salesWorker.run(), channelsWorker.run()]);
  workers = {
    async stop() {
      journeyWorker.shutdown();
      salesWorker.shutdown();
      channelsWorker.shutdown();
      await run;
    },
  };
});

afterAll(async () => {
  await workers?.stop();
  await Promise.all([env?.teardown(), tdb?.stop(), sink?.close()]);
});

const runOf = async (leadId: string) => (await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.leadId, leadId)))[0]!;
const parkedAt = (leadId: string, nodeId: string) =>
  eventually(async () => {
    const park = (await runOf(leadId)).park as ParkSpec | null;
    expect(park?.nodeId).toBe(nodeId);
    return park!;
  }, 30_000);
const signalsIn = async (workflowId: string) =>
  ((await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
const view = (workflowId: string) => env.client.workflow.getHandle(workflowId).query<JourneyStateView>(JOURNEY_STATE_QUERY);
const templatesTo = async (leadId: string) => (await tdb.db.select().from(messages).where(eq(messages.leadId, leadId))).map((m) => m.template).sort();

async function ingest(leadId: string, type: string, at?: number): Promise<number[]> {
  const res = await ingestEvents(tdb.db, [{ event_id: `${type}-${randomUUID()}`, lead_id: leadId, type, ...(at ? { occurred_at: new Date(at).toISOString() } : {}) }]);
  expect(res.rejected).toEqual([]);
  await relay.deliver(res.outboxIds);
  return res.outboxIds;
}

it('events that keep the lead in its score band do not wake the run; the first that changes the band brings them all, in order', async () => {
  const captured = await captureLead(tdb.db, { email: `park-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', first_name: 'Lan', properties: {} });
  await relay.deliver(captured.outboxIds);
  const { leadId } = captured;
  const { workflowId } = await runOf(leadId);
  const park = await parkedAt(leadId, 'wait-a');
  // Cold (< 20) routes back to Email A, already sent once-per-lead: a releasing event there only loops.
  expect(park.releaseTypes).toEqual([]);
  expect(park.loop).toMatchObject({ ranges: expect.arrayContaining([{ min: null, max: 19, loops: true }]) as unknown });
  const signalsBefore = await signalsIn(workflowId);

  expect(await ingest(leadId, 'email_open')).toEqual([]); // 5
  expect(await ingest(leadId, 'email_click')).toEqual([]); // 15
  const held = await tdb.db.select().from(absorbedEvents).where(eq(absorbedEvents.workflowId, workflowId));
  expect(held.map((h) => [h.payload.type, h.loop])).toEqual([['email_open', true], ['email_click', true]]);
  expect(await signalsIn(workflowId)).toBe(signalsBefore);

  // 40: warm. The run wakes with all three, oldest first, and routes by the newest score.
  const woke = await ingest(leadId, 'visit_pricing');
  expect(woke).toHaveLength(3);
  const sent = await tdb.db.select().from(signalOutbox).where(eq(signalOutbox.workflowId, workflowId));
  expect(sent.filter((r) => woke.includes(r.id)).map((r) => [r.payload.type, r.payload.unparked])).toEqual([
    ['email_open', { nodeId: 'wait-a', visit: park.visit }],
    ['email_click', { nodeId: 'wait-a', visit: park.visit }],
    ['visit_pricing', { nodeId: 'wait-a', visit: park.visit }],
  ]);
  await parkedAt(leadId, 'wait-b');
  expect(await tdb.db.select().from(absorbedEvents).where(eq(absorbedEvents.workflowId, workflowId))).toEqual([]);
  expect(await view(workflowId)).toMatchObject({ currentNode: 'wait-b', score: 40, stage: 'warm' });
  await eventually(async () => expect(await templatesTo(leadId)).toEqual(['email-a-nurture', 'email-b-welcome-value']), 30_000);
});

it('a held event on day 6 still restarts the 7-day wait: re-engage goes out on day 13, not day 7', async () => {
  const captured = await captureLead(tdb.db, { email: `park-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', first_name: 'Mai', properties: {} });
  await relay.deliver(captured.outboxIds);
  const { leadId } = captured;
  const { workflowId } = await runOf(leadId);
  await parkedAt(leadId, 'wait-a');
  const startedAt = await env.currentTimeMs();
  await env.sleep(6 * DAY);
  const signalsBefore = await signalsIn(workflowId);
  expect(await ingest(leadId, 'email_open', await env.currentTimeMs())).toEqual([]);
  expect(await signalsIn(workflowId)).toBe(signalsBefore);

  // Day 7 + 1 h: the old deadline passed; the run woke, took the held event and kept waiting.
  await env.sleep(DAY + HOUR);
  await parkedAt(leadId, 'wait-a');
  expect(await templatesTo(leadId)).toEqual(['email-a-nurture']);
  expect(await view(workflowId)).toMatchObject({ currentNode: 'wait-a', score: 5 });

  await env.sleep(6 * DAY);
  await parkedAt(leadId, 'wait-re-engage');
  const reengage = (await tdb.db.select().from(messages).where(eq(messages.leadId, leadId))).find((m) => m.template === 're-engage');
  expect(reengage).toBeDefined();
  const sentAt = reengage!.sentAt!.getTime() - startedAt;
  expect(sentAt).toBeGreaterThan(13 * DAY - HOUR);
  expect(sentAt).toBeLessThan(13 * DAY + HOUR);
});

it('a burst of concurrent batches and single events loses nothing: each is stored once and applied by its run or held for it', async () => {
  const leadIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    const captured = await captureLead(tdb.db, { email: `burst-${i}-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', first_name: 'Lan', properties: {} });
    await relay.deliver(captured.outboxIds);
    leadIds.push(captured.leadId);
  }
  const runs = await Promise.all(leadIds.map(async (id) => (await parkedAt(id, 'wait-a'), (await runOf(id)).workflowId)));
  const internals = (workflowId: string) => env.client.workflow.getHandle(workflowId).query<{ eventsSeen: number }>('journeyInternals');
  const before = await Promise.all(runs.map(async (w) => (await internals(w)).eventsSeen));

  // 20 events per lead; half the leads download a whitepaper mid-way (5 + 15 = warm), which wakes the run into Email B.
  const tag = randomUUID().slice(0, 8);
  const events = Array.from({ length: 120 }, (_, i) => {
    const li = i % leadIds.length;
    const type = li % 2 === 0 && Math.floor(i / leadIds.length) === 10 ? 'download_whitepaper' : 'email_open';
    return { event_id: `burst-${tag}-${i}`, lead_id: leadIds[li]!, type };
  });
  const batches = [0, 1, 2, 3].map((b) => events.filter((_, i) => i % 5 !== 0 && i % 4 === b));
  const singles = events.filter((_, i) => i % 5 === 0);
  // Every path at once, as the route does it (ingest, then deliver right away), plus a retried batch.
  const results = await Promise.all([...batches, batches[0]!, ...singles.map((e) => [e])].map(async (chunk) => {
    const res = await ingestEvents(tdb.db, chunk);
    await relay.deliver(res.outboxIds);
    return res;
  }));
  expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(events.length);
  expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(batches[0]!.length);
  expect(results.flatMap((r) => r.rejected)).toEqual([]);

  // Drained: every run parked again with nothing left in the outbox. A row skipped while an earlier one of its lead was
  // in flight is left to the worker's poller, played here by a sweep.
  await eventually(async () => {
    await relay.deliver();
    const pending = await tdb.db.select().from(signalOutbox).where(inArray(signalOutbox.workflowId, runs));
    expect(pending.filter((r) => !r.deliveredAt)).toEqual([]);
    for (const id of leadIds) expect((await runOf(id)).park).not.toBeNull();
  }, 30_000);
  const stored = await tdb.db.select({ eventId: leadEvents.eventId }).from(leadEvents).where(like(leadEvents.eventId, `burst-${tag}-%`));
  expect(stored).toHaveLength(events.length);
  for (const [k, workflowId] of runs.entries()) {
    const sent = events.filter((e) => e.lead_id === leadIds[k]).length;
    await eventually(async () => {
      // Still held: taken rows stay a while (for a retry of the unpark that took them) but the run has them.
      const held = (await tdb.db.select().from(absorbedEvents).where(and(eq(absorbedEvents.workflowId, workflowId), isNull(absorbedEvents.takenBy)))).length;
      const applied = (await internals(workflowId)).eventsSeen - before[k]!;
      expect(applied + held).toBe(sent);
      // Opens alone keep a lead cold, which loops back into its wait: all held, none woke the run.
      if (k % 2 === 1) expect({ applied, held }).toEqual({ applied: 0, held: sent });
    }, 30_000);
  }
  // The woken half got Email B once; the others are still where they were.
  await eventually(async () => {
    for (const [k, id] of leadIds.entries()) expect(await templatesTo(id)).toEqual(k % 2 === 0 ? ['email-a-nurture', 'email-b-welcome-value'] : ['email-a-nurture']);
  }, 30_000);
});
