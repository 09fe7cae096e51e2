// A hot lead reaches its hand-off at once, whatever its journeys are doing: the ingestion transaction opens the
// hand-off and the relay starts its SLA workflow on the sales lane. Real Postgres, real relay, real activities
// (mail to an in-process Resend-compatible sink), Temporal's time-skipping server; nothing in the journey is faked
// except a slow CRM receiver (outside this machine).
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handoffs, journeyRuns, journeys, journeySteps, journeyVersions, messages, salesOwners, scoringRules, settings } from '@/db/schema';
import { SAMPLE_OWNERS } from '@/db/seed';
import type { JourneyDefinition, JourneyNode } from '@/lib/journey/definition';
import { channelsTaskQueue, JOURNEY_STATE_QUERY, salesTaskQueue, type JourneyStateView } from '@/lib/journey/contract';
import { DEFAULT_SCORING_RULES } from '@/lib/scoring/rules';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { captureLead } from '@/lib/capture/capture-lead';
import { ingestEvents } from '@/server/services/ingest-events';
import { createSignalRelay, type SignalRelay } from '@/lib/outbox/signal-relay';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from '@/worker/activities';
import { createTestEnv, eventually, terminateAll, uniqueId, workflowBundle } from './testing/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let sink: MailSink;
let relay: SignalRelay;
let release: () => void = () => {};
let workers: { run: Promise<void>; stop(): Promise<void> };
const taskQueue = uniqueId('hot-lane');
const SLOW_CRM = 'https://crm.example.test/slow';

/** The workflow's clock inside an activity, so mail stamped "sent" sits where the 24 h sending limit looks for it. */
function workflowClock(): Date {
  try {
    return new Date(Context.current().info.currentAttemptScheduledTimestampMs);
  } catch {
    return new Date();
  }
}

/** A CRM that holds the request until the test lets go: the "activity in flight" case. */
let gate = Promise.resolve();
const crmFetch: typeof fetch = async (url) => {
  if ((url instanceof Request ? url.url : url.toString()) === SLOW_CRM) await gate;
  return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
};

beforeAll(async () => {
  [env, tdb, sink] = await Promise.all([createTestEnv(), startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  const { db } = tdb;
  await db.insert(salesOwners).values(SAMPLE_OWNERS);
  await db.insert(scoringRules).values(DEFAULT_SCORING_RULES.map((r) => ({ name: r.name, kind: r.kind, eventType: r.eventType ?? null, condition: (r.condition as Record<string, unknown> | undefined) ?? null, points: r.points, oncePerLead: r.oncePerLead })));
  await db.insert(settings).values([{ key: 'max_emails_per_24h', value: 3 }, { key: 'handoff_sla', value: { slaMinutes: 15, escalationMinutes: 30 } }]);
  relay = createSignalRelay({ db, client: async () => env.client, taskQueue, settings: async () => ({ maxEmailsPer24h: 3 }) });

  const activities = createActivities({
    db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    fetch: crmFetch,
    appUrl: 'https://app.test',
    signingSecret: 'hot-lane-test-secret',
    managerEmail: 'manager@leadflow.test',
    now: workflowClock,
  });
  const bundle = await workflowBundle();
  const common = { connection: env.nativeConnection, namespace: env.namespace ?? 'default', workflowBundle: bundle, activities };
  const journeyWorker = await Worker.create({ ...common, taskQueue });
  const salesWorker = await Worker.create({ ...common, taskQueue: salesTaskQueue(taskQueue) });
  const channelsWorker = await Worker.create({ ...common, taskQueue: channelsTaskQueue(salesTaskQueue(taskQueue)) });
  const run = Promise.all([journeyWorker.run(), salesWorker.run(), channelsWorker.run()]).then(() => undefined);
  workers = {
    run,
    async stop() {
      journeyWorker.shutdown();
      salesWorker.shutdown();
      channelsWorker.shutdown();
      await run;
    },
  };
});

afterAll(async () => {
  release();
  await workers?.stop();
  await Promise.all([env?.teardown(), tdb?.stop(), sink?.close()]);
});

// ---- journeys -------------------------------------------------------------------------------------------

const email = (id: string, template: string): JourneyNode => ({ id, kind: 'send_email', label: id, config: { template, variants: [], oncePerLead: true } });
const tail: JourneyNode[] = [
  { id: 'route', kind: 'score_branch', label: 'Route', config: { ranges: [{ output: 'hot', label: '', min: 60, max: null }, { output: 'other', label: '', min: null, max: 59 }] } },
  { id: 'handoff', kind: 'handoff', label: 'Hand off', config: { owner: { mode: 'round_robin' }, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false } },
  { id: 'done', kind: 'exit', label: 'Done', config: { archive: false } },
];

/** trigger → steps in a line → route by score: hot hands off (reusing the lane's hand-off), anything else exits. */
function chain(name: string, steps: JourneyNode[]): JourneyDefinition {
  const nodes: JourneyNode[] = [{ id: 'trigger', kind: 'trigger', label: 'Captured', config: { on: 'lead_captured' } }, ...steps, ...tail];
  const line = ['trigger', ...steps.map((s) => s.id), 'route'];
  const edges = line.slice(1).map((target, i) => ({ id: `e${i}`, source: line[i]!, output: 'next', target }));
  edges.push({ id: 'hot', source: 'route', output: 'hot', target: 'handoff' }, { id: 'other', source: 'route', output: 'other', target: 'done' }, { id: 'ho', source: 'handoff', output: 'next', target: 'done' });
  return { schemaVersion: 1, name, nodes, edges };
}

/** Only these journeys are published: every capture enters every published journey. */
async function publishOnly(...definitions: JourneyDefinition[]): Promise<void> {
  const { db } = tdb;
  await db.update(journeys).set({ status: 'archived' }).where(eq(journeys.status, 'published'));
  for (const definition of definitions) {
    const [j] = await db.insert(journeys).values({ name: definition.name, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning({ id: journeys.id });
    await db.insert(journeyVersions).values({ journeyId: j!.id, version: 1, definition, graph: {} });
  }
}

// ---- the lead's life ------------------------------------------------------------------------------------

async function capture(): Promise<{ leadId: string; workflowIds: string[] }> {
  const res = await captureLead(tdb.db, { email: `hot-${randomUUID().slice(0, 8)}@acme.test`, source: 'api', first_name: 'Lan', properties: {} });
  await relay.deliver(res.outboxIds);
  const runs = await tdb.db.select({ workflowId: journeyRuns.workflowId }).from(journeyRuns).where(eq(journeyRuns.leadId, res.leadId));
  return { leadId: res.leadId, workflowIds: runs.map((r) => r.workflowId) };
}

/** Ingests events as POST /api/events does and delivers the outbox; returns the workflow time once the lead is hot in Postgres. */
async function ingest(leadId: string, types: string[]): Promise<number> {
  const res = await ingestEvents(tdb.db, types.map((type) => ({ event_id: `${type}-${randomUUID()}`, lead_id: leadId, type })));
  expect(res.rejected).toEqual([]);
  const hotAt = await env.currentTimeMs();
  await relay.deliver(res.outboxIds);
  return hotAt;
}

const stepsOf = (leadId: string, nodeId: string, phase: string) =>
  tdb.db.select().from(journeySteps).where(and(eq(journeySteps.leadId, leadId), eq(journeySteps.nodeId, nodeId), sql`${journeySteps.detail}->>'phase' = ${phase}`));
const position = async (workflowId: string) => (await env.client.workflow.getHandle(workflowId).query<JourneyStateView>(JOURNEY_STATE_QUERY)).currentNode;
const sentMail = (leadId: string, where: { nodeId?: string; template?: string }) =>
  tdb.db
    .select()
    .from(messages)
    .where(and(eq(messages.leadId, leadId), where.nodeId ? eq(messages.nodeId, where.nodeId) : undefined, where.template ? eq(messages.template, where.template) : undefined));
const inSink = (messageIds: string[]) => sink.messages().filter((m) => m.tags?.some((t) => t.name === 'message_id' && messageIds.includes(t.value)));

/**
 * The hand-off's SLA workflow started within a second of workflow time of the lead turning hot, and the owner's
 * notification reached the mail sink, while `stillHeld` holds: the journeys had not moved yet.
 */
async function expectHandedOffAtOnce(leadId: string, hotAt: number, stillHeld: () => Promise<void>): Promise<string> {
  const [handoff] = await eventually(async () => {
    const rows = await tdb.db.select().from(handoffs).where(eq(handoffs.leadId, leadId));
    expect(rows).toHaveLength(1);
    return rows;
  });
  const sla = env.client.workflow.getHandle(handoff!.workflowId);
  const startedAt = (await sla.describe()).startTime.getTime();
  expect(startedAt - hotAt).toBeGreaterThanOrEqual(-5);
  expect(startedAt - hotAt).toBeLessThan(1_000);
  const notice = await eventually(async () => {
    const rows = (await sentMail(leadId, { template: 'sales-hot-lead' })).filter((m) => m.providerId);
    expect(rows).toHaveLength(1);
    expect(inSink([rows[0]!.id])).toHaveLength(1);
    return rows[0]!;
  }, 30_000);
  const owner = SAMPLE_OWNERS.find((o) => o.email === notice.toEmail);
  expect(owner).toBeDefined();
  await stillHeld();
  return handoff!.id;
}

/** After the hold ends: one hand-off, one hot-lead notification, and each journey's hand-off node (if reached) reused it. */
async function expectOneHandoff(leadId: string, handoffId: string, workflowIds: string[], nodeReached = true): Promise<void> {
  await eventually(async () => {
    const runs = await tdb.db.select().from(journeyRuns).where(inArray(journeyRuns.workflowId, workflowIds));
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'completed'));
  }, 60_000);
  expect(await tdb.db.select().from(handoffs).where(eq(handoffs.leadId, leadId))).toHaveLength(1);
  expect((await sentMail(leadId, { template: 'sales-hot-lead' })).filter((m) => m.providerId)).toHaveLength(1);
  const nodes = await stepsOf(leadId, 'handoff', 'done');
  expect(nodes.length > 0).toBe(nodeReached);
  for (const step of nodes) expect(step.detail).toMatchObject({ handoffId, created: false });
}

async function cleanUp(leadId: string, workflowIds: string[]): Promise<void> {
  const slas = await tdb.db.select({ workflowId: handoffs.workflowId }).from(handoffs).where(eq(handoffs.leadId, leadId));
  await terminateAll(env, [...workflowIds, ...slas.map((s) => s.workflowId)]);
}

// ---- the four ways a lead can be held -------------------------------------------------------------------

it('an email deferred by the sending limit: the hand-off starts at once, the deferred email goes out a day later, once', async () => {
  await publishOnly(chain('Four in a row', [email('e1', 'email-a-nurture'), email('e2', 'email-b-welcome-value'), email('e3', 'email-c-case-study'), email('e4', 'email-c-demo-invite')]));
  const { leadId, workflowIds } = await capture();
  await eventually(async () => expect(await stepsOf(leadId, 'e4', 'deferred')).toHaveLength(1), 30_000);

  // 25 + 20 + 30 = 75: schedule_demo both crosses the line and asks for a hand-off now.
  const hotAt = await ingest(leadId, ['visit_pricing', 'webinar_register', 'schedule_demo']);
  const handoffId = await expectHandedOffAtOnce(leadId, hotAt, async () => {
    expect(await position(workflowIds[0]!)).toBe('e4');
    expect(await sentMail(leadId, { nodeId: 'e4' })).toHaveLength(0);
  });

  await env.sleep('25 hours');
  await expectOneHandoff(leadId, handoffId, workflowIds);
  const e4 = (await sentMail(leadId, { nodeId: 'e4' })).filter((m) => m.providerId);
  expect(e4).toHaveLength(1);
  expect(inSink(e4.map((m) => m.id))).toHaveLength(1);
  await cleanUp(leadId, workflowIds);
});

it('a 7-day wait: crossing the hot threshold hands off at once, and the journey reuses that hand-off a week later', async () => {
  await publishOnly(chain('Email then a week', [email('e1', 'email-a-nurture'), { id: 'week', kind: 'wait', label: 'Week', config: { duration: { amount: 7, unit: 'days' } } }]));
  const { leadId, workflowIds } = await capture();
  await eventually(async () => expect(await position(workflowIds[0]!)).toBe('week'), 30_000);

  // 25 + 20 + 15 = 60: the third event crosses the line.
  const hotAt = await ingest(leadId, ['visit_pricing', 'webinar_register', 'download_whitepaper']);
  const handoffId = await expectHandedOffAtOnce(leadId, hotAt, async () => expect(await position(workflowIds[0]!)).toBe('week'));

  await env.sleep('7 days');
  await expectOneHandoff(leadId, handoffId, workflowIds);
  await cleanUp(leadId, workflowIds);
});

it('an activity in flight (a slow CRM webhook): the hand-off does not wait for it', async () => {
  let open!: () => void;
  gate = new Promise<void>((resolve) => (open = resolve));
  release = open;
  await publishOnly(chain('CRM first', [{ id: 'crm', kind: 'webhook', label: 'CRM', config: { url: SLOW_CRM, method: 'POST' } }]));
  const { leadId, workflowIds } = await capture();
  await eventually(async () => expect(await position(workflowIds[0]!)).toBe('crm'), 30_000);

  // 25 + 30 = 55, below the line: schedule_demo alone is the "hand off now" signal.
  const hotAt = await ingest(leadId, ['visit_pricing', 'schedule_demo']);
  const handoffId = await expectHandedOffAtOnce(leadId, hotAt, async () => {
    expect(await position(workflowIds[0]!)).toBe('crm');
    expect(await stepsOf(leadId, 'crm', 'done')).toHaveLength(0);
  });

  open();
  // At 55 the journey routes past its hand-off node: still one hand-off, one page.
  await expectOneHandoff(leadId, handoffId, workflowIds, false);
  await cleanUp(leadId, workflowIds);
});

// Both runs send at the same moment; the per-lead lock in sendEmail makes the count and the claim one step.
it('a second journey: whichever run the cross-journey limit defers, the lead is handed off at once and paged once', async () => {
  await publishOnly(
    chain('Journey one', [email('e1', 'email-a-nurture'), email('e2', 'email-b-welcome-value')]),
    chain('Journey two', [email('f1', 'email-c-case-study'), email('f2', 'email-c-demo-invite')]),
  );
  const { leadId, workflowIds } = await capture();
  expect(workflowIds).toHaveLength(2);
  // Four emails, a limit of three: one run sleeps inside its send until the lead's window opens.
  const deferred = await eventually(async () => {
    const rows = await tdb.db.select().from(journeySteps).where(and(eq(journeySteps.leadId, leadId), sql`${journeySteps.detail}->>'phase' = 'deferred'`));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail).toMatchObject({ acrossJourneys: true });
    return rows[0]!;
  }, 30_000);

  const hotAt = await ingest(leadId, ['visit_pricing', 'webinar_register', 'download_whitepaper']);
  const handoffId = await expectHandedOffAtOnce(leadId, hotAt, async () => {
    expect(await position(deferred.workflowId)).toBe(deferred.nodeId);
    expect(await sentMail(leadId, { nodeId: deferred.nodeId })).toHaveLength(0);
  });

  await env.sleep('25 hours');
  await expectOneHandoff(leadId, handoffId, workflowIds);
  const late = (await sentMail(leadId, { nodeId: deferred.nodeId })).filter((m) => m.providerId && m.workflowId === deferred.workflowId);
  expect(late).toHaveLength(1);
  expect(inSink(late.map((m) => m.id))).toHaveLength(1);
  await cleanUp(leadId, workflowIds);
});
