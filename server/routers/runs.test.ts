// Failed runs as ops see them: a journey whose hand-off finds no owner fails (NoOwner) and says so; Retry resets the
// workflow to just before that step and the run finishes once an owner exists; Cancel gives a failed run up. Real
// Postgres, real activities, the Temporal CLI dev server (the time-skipping server does not implement reset), the tRPC
// router as a signed-in ops user.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, handoffs, journeyRuns, journeys, leads, salesOwners } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { journeyWorkflowId, type JourneyWorkflowInput } from '@/lib/journey/contract';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { leadSchema } from '@/server/openapi';
import { appRouter } from '@/server/root';
import { getLeadDetails, leadToApi } from '@/server/services/lead-details';
import { createContextFor, type Context } from '@/server/trpc';
import { userAs, PROXY_HOPS } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from '@/worker/activities';
import { TEMPORAL_CLI } from '@/scripts/lib/tools';
import { eventually, quietTemporalRuntime, terminateAll, uniqueId, workflowBundle } from '@/workflows/testing/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let sink: MailSink;
let worker: { run: Promise<void>; stop(): Promise<void> };
const taskQueue = uniqueId('runs');
const started: string[] = [];

beforeAll(async () => {
  // Its own database: no sales owner exists until a test adds one.
  quietTemporalRuntime();
  [env, tdb, sink] = await Promise.all([TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: TEMPORAL_CLI } } }), startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  const activities = createActivities({ db: tdb.db, fetch: globalThis.fetch, resend: new Resend('re_test', { baseUrl: sink.url }), appUrl: 'https://app.test', signingSecret: 'runs-test-secret', managerEmail: 'manager@leadflow.test' });
  const w = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), activities });
  const run = w.run();
  worker = { run, stop: async () => (w.shutdown(), await run) };
});

afterAll(async () => {
  if (env) await terminateAll(env, started);
  await worker?.stop();
  await Promise.all([env?.teardown(), tdb?.stop(), sink?.close()]);
});

/** Ops (or another role) through the real router, with this test's Temporal. */
async function callerAs(role: 'ops' | 'marketer') {
  const { headers } = await userAs(tdb.db, role);
  return appRouter.createCaller(async (): Promise<Context> => ({ ...(await createContextFor(tdb.db, headers, PROXY_HOPS)), temporal: async () => env.client }));
}

const definition: JourneyDefinition = {
  schemaVersion: 1,
  name: 'Straight to sales',
  nodes: [
    { id: 'trigger', kind: 'trigger', label: 'Captured', config: { on: 'lead_captured' } },
    { id: 'handoff', kind: 'handoff', label: 'Hand off', config: { owner: { mode: 'round_robin' }, slaMinutes: 15, escalationMinutes: 30, reassignOnEscalation: false } },
    { id: 'done', kind: 'exit', label: 'Done', config: { archive: false } },
  ],
  edges: [
    { id: 'e1', source: 'trigger', output: 'next', target: 'handoff' },
    { id: 'e2', source: 'handoff', output: 'next', target: 'done' },
  ],
};

/** A lead in the journey, whose run fails at the hand-off because nobody can take it. */
async function failedRun(): Promise<{ runId: string; workflowId: string; leadId: string; journeyId: string }> {
  const { db } = tdb;
  const [lead] = await db.insert(leads).values({ email: `run-${randomUUID().slice(0, 8)}@acme.test`, firstName: 'Lan', score: 70 }).returning();
  const [journey] = await db.insert(journeys).values({ name: `Runs ${randomUUID().slice(0, 6)}`, draftGraph: {}, status: 'published', publishedVersion: 1 }).returning();
  const workflowId = journeyWorkflowId(lead!.id, journey!.id);
  const [run] = await db.insert(journeyRuns).values({ leadId: lead!.id, journeyId: journey!.id, journeyVersion: 1, workflowId, status: 'running' }).returning();
  const input: JourneyWorkflowInput = { version: 1, leadId: lead!.id, journeyId: journey!.id, journeyVersion: 1, definition, settings: { maxEmailsPer24h: 3 }, searchAttributes: false };
  await env.client.workflow.start('leadJourneyWorkflow', { workflowId, taskQueue, args: [input] });
  started.push(workflowId);
  // The run writes 'failed' just before the workflow closes as failed.
  const failed = await eventually(async () => {
    const [row] = await db.select().from(journeyRuns).where(eq(journeyRuns.id, run!.id));
    expect(row!.status).toBe('failed');
    expect((await env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('FAILED');
    return row!;
  }, 30_000);
  expect(failed.failureReason).toMatch(/^NoOwner: /);
  expect(failed.currentNode).toBe('handoff');
  return { runId: run!.id, workflowId, leadId: lead!.id, journeyId: journey!.id };
}

it('a run that fails says why, on the failed-runs list and the lead page; ops retry it from the failed step', async () => {
  const { runId, workflowId, leadId, journeyId } = await failedRun();
  const ops = await callerAs('ops');

  const list = await ops.runs.failed();
  expect(list.find((r) => r.id === runId)).toMatchObject({ workflowId, leadId, currentNode: 'handoff', failureReason: expect.stringMatching(/^NoOwner: /) });
  const page = await ops.leads.byId({ id: leadId });
  expect(page.runs.find((r) => r.id === runId)).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/^NoOwner: /) });
  // GET /api/leads/:id says the same, in the documented shape.
  const api = leadSchema.parse(JSON.parse(JSON.stringify(leadToApi((await getLeadDetails(tdb.db, leadId))!))));
  expect(api.journey_runs.find((r) => r.workflow_id === workflowId)).toMatchObject({ status: 'failed', current_node: 'handoff', failure_reason: expect.stringMatching(/^NoOwner: /), failed_at: expect.any(String) });
  // The journey's live overlay counts the run at the step where it failed, not as waiting there.
  expect((await ops.journeys.overlay({ id: journeyId })).nodes.handoff).toMatchObject({ failed: 1, waiting: 0 });

  // The cause is fixed (an owner joins); Retry resets the workflow to the hand-off and the run completes.
  await tdb.db.insert(salesOwners).values({ handle: `rep-${randomUUID().slice(0, 6)}`, name: 'Rep', email: `rep-${randomUUID().slice(0, 6)}@leadflow.test` });
  await ops.runs.retry({ id: runId });
  await eventually(async () => {
    const [row] = await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.id, runId));
    expect(row).toMatchObject({ status: 'completed', failureReason: null });
  }, 30_000);
  const [handoff] = await tdb.db.select().from(handoffs).where(eq(handoffs.leadId, leadId));
  expect(handoff).toBeDefined();
  started.push(handoff!.workflowId);
  // The run's row is marked completed by its last activity, a moment before the workflow itself returns.
  await eventually(async () => expect((await env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED'), 30_000);
  expect((await ops.runs.failed()).some((r) => r.id === runId)).toBe(false);
  expect((await ops.journeys.overlay({ id: journeyId })).nodes.handoff).toMatchObject({ failed: 0 });
  expect(leadToApi((await getLeadDetails(tdb.db, leadId))!).journey_runs.find((r) => r.workflow_id === workflowId)).toMatchObject({ status: 'completed', failure_reason: null, failed_at: null });

  const audit = await tdb.db.select().from(auditLog).where(and(eq(auditLog.action, 'runs.retry'), eq(auditLog.targetId, runId)));
  expect(audit).toHaveLength(1);
  expect(audit[0]!.actorRole).toBe('ops');
  // Only a failed run can be retried.
  await expect(ops.runs.retry({ id: runId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
});

it('ops cancel a failed run: it leaves the list, the audit log says who; a marketer may do neither', async () => {
  await tdb.db.update(salesOwners).set({ active: false });
  const { runId } = await failedRun();
  const marketer = await callerAs('marketer');
  await expect(marketer.runs.cancel({ id: runId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(marketer.runs.retry({ id: runId })).rejects.toMatchObject({ code: 'FORBIDDEN' });

  const ops = await callerAs('ops');
  await ops.runs.cancel({ id: runId });
  const [row] = await tdb.db.select().from(journeyRuns).where(eq(journeyRuns.id, runId));
  expect(row!.status).toBe('cancelled');
  expect((await ops.runs.failed()).some((r) => r.id === runId)).toBe(false);
  const audit = await tdb.db.select().from(auditLog).where(and(eq(auditLog.action, 'runs.cancel'), eq(auditLog.targetId, runId)));
  expect(audit).toHaveLength(1);
  expect(audit[0]!.actorRole).toBe('ops');
});
