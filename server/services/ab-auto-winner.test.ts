/**
 * The auto-winner as a durable runner, on real Postgres and Temporal's time-skipping server: the A/B panel's setting
 * starts the node's workflow, which looks on its timer; once the sample is reached and the result is significant it
 * declares the winner (row + audit), the panel shows it, and new leads reaching that node get the winner.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { abAutoWinners, auditLog, journeyRuns, journeyVersions, messages } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { autoWinnerPanelState } from '@/components/experiments/auto-winner-state';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { reconcileAutoWinnerRunners } from '@/lib/ab/auto-winner-runner';
import { pickVariant } from '@/lib/journey/ab';
import { abAutoWinnerWorkflowId, journeyWorkflowId, type JourneyWorkflowInput } from '@/lib/journey/contract';
import { journeyDefinitionSchema, type JourneyDefinition } from '@/lib/journey/definition';
import { leadEvent } from '@/lib/journey/engine/fixtures';
import type { DraftCanvasGraph } from '@/lib/journey/graph';
import { env as appEnv } from '@/lib/env';
import { appRouter } from '@/server/root';
import { createContextFor } from '@/server/trpc';
import { callerAs, userAs, PROXY_HOPS } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createAbAutoWinnerActivities } from '@/worker/activities/ab-auto-winner-activities';
import type { abAutoWinnerWorkflow } from '@/workflows/ab-auto-winner';
import { leadEventSignal, leadJourneyWorkflow } from '@/workflows/lead-journey';
import { createFakeActivities } from '@/workflows/testing/fake-activities';
import { createTestEnv, eventually, terminateAll, workflowBundle } from '@/workflows/testing/harness';

let tdb: TestDatabase;
let db: Db;
let env: TestWorkflowEnvironment;
const HOUR = 3_600_000;

beforeAll(async () => {
  [tdb, env] = await Promise.all([startTestDatabase({ isolated: true }), createTestEnv()]);
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_abcdef0123456789abcd' });
});
afterAll(async () => {
  await Promise.all([env?.teardown(), tdb?.stop()]);
});

/** A marketer's caller whose Temporal client is the test server's, as the app's would be the cluster's. */
async function marketer() {
  const { headers } = await userAs(db, 'marketer');
  return appRouter.createCaller(async () => ({ ...(await createContextFor(db, headers, PROXY_HOPS)), temporal: async () => env.client }));
}

/** A published copy of the default journey whose Email A is split A1 / A2 (50/50). */
async function abJourney(): Promise<{ journeyId: string; definition: JourneyDefinition }> {
  const caller = callerAs(db);
  const { id } = await caller.journeys.create({ name: `Auto ${randomUUID().slice(0, 6)}`, from: 'default' });
  const j = await caller.journeys.get({ id });
  const graph: DraftCanvasGraph = j.graph;
  graph.nodes.find((n) => n.id === 'email-a')!.data.config = { template: 'email-a-nurture', oncePerLead: true, variants: [{ id: 'A1', weight: 50, subject: 'Control' }, { id: 'A2', weight: 50, subject: 'Challenger' }] };
  await caller.journeys.saveDraft({ id, graph, baseRevision: j.revision });
  expect(await caller.journeys.publish({ id, acceptWarnings: true })).toMatchObject({ ok: true });
  const [v] = await db.select().from(journeyVersions).where(and(eq(journeyVersions.journeyId, id), eq(journeyVersions.version, 1)));
  return { journeyId: id, definition: journeyDefinitionSchema.parse(v!.definition) };
}

/** `n` sent Email A messages of one variant, `clicked` of them clicked, each in its own run (two multi-row inserts). */
async function sends(journeyId: string, variant: string, n: number, clicked: number) {
  const rows = Array.from({ length: n }, (_, i) => {
    const leadId = randomUUID();
    const workflowId = `lead-${leadId}-journey-${journeyId}`;
    const statuses = i < clicked ? ['sent', 'delivered', 'opened', 'clicked'] : ['sent', 'delivered'];
    const history = statuses.map((status) => ({ status, at: new Date().toISOString() }));
    return { leadId, workflowId, status: statuses.at(-1)!, history };
  });
  await db.insert(journeyRuns).values(rows.map((r) => ({ leadId: r.leadId, journeyId, journeyVersion: 1, workflowId: r.workflowId, status: 'running' as const })));
  await db.insert(messages).values(
    rows.map((r) => ({ leadId: r.leadId, workflowId: r.workflowId, nodeId: 'email-a', template: 'email-a-nurture', variant, toEmail: `${r.leadId.slice(0, 8)}@auto.test`, subject: 's', idempotencyKey: `auto:${r.leadId}`, providerId: `p-${r.leadId}`, status: r.status, statusHistory: r.history })),
  );
}

/** A lead id whose weighted pick at Email A is A1, so only a declared winner can send it A2. */
function leadPickingA1(): string {
  for (;;) {
    const id = randomUUID();
    if (pickVariant(id, 'email-a', [{ id: 'A1', weight: 50 }, { id: 'A2', weight: 50 }])?.id === 'A1') return id;
  }
}

describe('auto-winner runner', () => {
  it('waits for the sample on its timer, declares the significant winner, records it, and routes new leads at that email to it', async () => {
    const { journeyId, definition } = await abJourney();
    const taskQueue = appEnv().TEMPORAL_TASK_QUEUE;
    const fakes = createFakeActivities();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      // The journey's own side effects are fakes; the winner lookup and the runner's look are the real activities on Postgres.
      activities: { ...fakes.activities, ...createAbAutoWinnerActivities({ db }) },
    });
    const started = new Set<string>();
    const startLead = async (leadId: string) => {
      const input: JourneyWorkflowInput = { version: 1, leadId, journeyId, journeyVersion: 1, definition, settings: { maxEmailsPer24h: 3 } };
      const workflowId = journeyWorkflowId(leadId, journeyId);
      started.add(workflowId);
      await env.client.workflow.signalWithStart(leadJourneyWorkflow, { workflowId, taskQueue, args: [input], signal: leadEventSignal, signalArgs: [leadEvent(1, 0, 'form_submit')] });
      return eventually(() => {
        const call = fakes.calls.sendEmail.find((c) => c.input.leadId === leadId && c.input.nodeId === 'email-a');
        if (!call) throw new Error(`${leadId} has not reached Email A`);
        return call.input.variant?.id;
      });
    };
    const rule = async () => (await db.select().from(abAutoWinners).where(and(eq(abAutoWinners.journeyId, journeyId), eq(abAutoWinners.nodeId, 'email-a'))))[0]!;
    const runner = env.client.workflow.getHandle<typeof abAutoWinnerWorkflow>(abAutoWinnerWorkflowId(journeyId, 'email-a'));
    started.add(runner.workflowId);

    await worker.runUntil(async () => {
      try {
        // Before any winner, a lead hashed to A1 gets A1.
        expect(await startLead(leadPickingA1())).toBe('A1');

        await sends(journeyId, 'A1', 40, 4);
        await sends(journeyId, 'A2', 40, 4);
        const caller = await marketer();
        await caller.experiments.setAutoWinner({ journeyId, nodeId: 'email-a', enabled: true, metric: 'clicked', minPerVariant: 100, confidence: 95, decideAfter: null });
        const first = await eventually(async () => {
          const r = await rule();
          if (!r.lastCheckedAt) throw new Error('no look yet');
          return r;
        });
        expect(first).toMatchObject({ status: 'watching', winner: null });
        expect(first.lastReason).toContain('40 of 100 per variant');
        // The same reason as a key, for a Vietnamese reader of the panel.
        expect(inVietnamese(first.lastReasonText!)).toBe('Đang chờ đủ mẫu hoặc đến ngày: 40 trên 100 mỗi phương án.');

        // Enough data, and B is clearly better; but nothing is declared until the runner's timer wakes it.
        await sends(journeyId, 'A1', 80, 2);
        await sends(journeyId, 'A2', 80, 26);
        expect((await rule()).status).toBe('watching');
        await env.sleep(HOUR);
        const declared = await eventually(async () => {
          const r = await rule();
          if (r.status !== 'declared') throw new Error(`still ${r.status}`);
          return r;
        });
        expect(declared).toMatchObject({ winner: 'A2', metric: 'clicked', confidence: 95 });
        expect(declared.pValue!).toBeLessThan(0.05);
        expect(declared.decidedAt!.getTime()).toBeGreaterThan(first.lastCheckedAt!.getTime() + HOUR - 60_000);
        const result = await runner.result();
        expect(result).toMatchObject({ checks: 2, last: { action: 'declared', variantId: 'A2' } });

        const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'experiments.autoWinner'), eq(auditLog.targetId, journeyId)));
        expect(audit).toMatchObject({ actorEmail: 'auto-winner', targetType: 'journey' });
        expect(audit!.summary).toContain('Variant A2 won on click rate, 95 % confidence');
        expect(audit!.detail).toMatchObject({ nodeId: 'email-a', variant: 'A2', metric: 'clicked' });

        const [exp] = await caller.experiments.list({ journeyId, metric: 'clicked' });
        expect(exp).toMatchObject({ concludedWith: 'A2', autoWinner: { status: 'declared', winner: 'A2', confidence: 95, metric: 'clicked' } });
        // All new leads go to A2 now: no sample-ratio warning for a split the winner made uneven.
        expect(exp!.verdict.srm).toBeNull();

        // A new lead hashed to A1 at Email A now gets the winner, on the same published version.
        expect(await startLead(leadPickingA1())).toBe('A2');
        // A declared test's rule is settled.
        await expect(caller.experiments.setAutoWinner({ journeyId, nodeId: 'email-a', enabled: false, metric: 'clicked', minPerVariant: 100, confidence: 95, decideAfter: null })).rejects.toThrow(/nodeId: this test already has a winner/);
      } finally {
        await terminateAll(env, started);
      }
    });
  });

  it('keeps running without a winner when the sample is reached but the result is not significant, and stops when turned off', async () => {
    const { journeyId } = await abJourney();
    const taskQueue = appEnv().TEMPORAL_TASK_QUEUE;
    const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), activities: createAbAutoWinnerActivities({ db }) });
    const runner = env.client.workflow.getHandle<typeof abAutoWinnerWorkflow>(abAutoWinnerWorkflowId(journeyId, 'email-a'));
    await sends(journeyId, 'A1', 60, 6);
    await sends(journeyId, 'A2', 60, 7);
    const rule = async () => (await db.select().from(abAutoWinners).where(eq(abAutoWinners.journeyId, journeyId)))[0]!;
    await worker.runUntil(async () => {
      try {
        const caller = await marketer();
        const setting = { journeyId, nodeId: 'email-a', metric: 'clicked' as const, minPerVariant: 50, confidence: 95, decideAfter: null };
        await caller.experiments.setAutoWinner({ ...setting, enabled: true });
        await env.sleep(HOUR);
        await env.sleep(HOUR);
        await eventually(async () => {
          const state = await runner.query('abAutoWinnerState');
          if ((state as { checks: number }).checks < 3) throw new Error('fewer than three looks');
        });
        expect(await rule()).toMatchObject({ status: 'watching', winner: null });
        expect((await rule()).lastReason).toMatch(/Sample reached but no significant winner yet/);
        expect(inVietnamese((await rule()).lastReasonText!)).toMatch(/^Đã đủ mẫu nhưng chưa có phương án thắng có ý nghĩa thống kê \(p = 0,\d{4}\): thử nghiệm tiếp tục chạy\.$/);
        await caller.experiments.setAutoWinner({ ...setting, enabled: false });
        expect(await runner.result()).toMatchObject({ last: { action: 'stop' } });
        expect(await rule()).toMatchObject({ status: 'off', winner: null });
      } finally {
        await terminateAll(env, [runner.workflowId]);
      }
    });
  });

  it('a reason stored before reasons had keys (text only) still reaches the panel as it was written', async () => {
    const { journeyId } = await abJourney();
    await db.insert(abAutoWinners).values({ journeyId, nodeId: 'email-a', metric: 'clicked', minPerVariant: 100, confidence: 95, lastReason: 'Waiting for the sample or date: 3 of 100 per variant.', lastCheckedAt: new Date() });
    const [exp] = await (await marketer()).experiments.list({ journeyId, metric: 'clicked' });
    expect(exp!.autoWinner).toMatchObject({ lastReason: 'Waiting for the sample or date: 3 of 100 per variant.', lastReasonText: null });
    expect(autoWinnerPanelState(exp!)).toMatchObject({ kind: 'watching', lastReason: 'Waiting for the sample or date: 3 of 100 per variant.', lastReasonText: null });
  });

  it('refuses a bad setting with a 4xx naming the field, writing nothing', async () => {
    const { journeyId } = await abJourney();
    const caller = await marketer();
    const base = { journeyId, nodeId: 'email-a', enabled: true, metric: 'clicked' as const, minPerVariant: 100, confidence: 95, decideAfter: null };
    await expect(caller.experiments.setAutoWinner({ ...base, minPerVariant: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.experiments.setAutoWinner({ ...base, nodeId: 'wait-a' })).rejects.toThrow(/nodeId: "wait-a" is not an A\/B split/);
    await expect(caller.experiments.setAutoWinner({ ...base, journeyId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.select().from(abAutoWinners).where(eq(abAutoWinners.journeyId, journeyId))).toHaveLength(0);
    // A sales rep may not change a test.
    await expect(callerAs(db, 'sales').experiments.setAutoWinner(base)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a rule saved while Temporal is down, and the worker\'s reconcile starts its one runner later', async () => {
    const { journeyId } = await abJourney();
    const { headers } = await userAs(db, 'marketer');
    const down = appRouter.createCaller(async () => ({ ...(await createContextFor(db, headers, PROXY_HOPS)), temporal: () => Promise.reject(new Error('14 UNAVAILABLE: connect ECONNREFUSED')) }));
    const setting = { journeyId, nodeId: 'email-a', enabled: true, metric: 'clicked' as const, minPerVariant: 100, confidence: 95, decideAfter: null };
    await expect(down.experiments.setAutoWinner(setting)).resolves.toMatchObject({ status: 'watching' });
    const runner = env.client.workflow.getHandle(abAutoWinnerWorkflowId(journeyId, 'email-a'));
    await expect(runner.describe()).rejects.toThrow(/not found/i);
    const target = { client: env.client, taskQueue: `reconcile-${randomUUID()}` };
    try {
      expect(await reconcileAutoWinnerRunners(db, target)).toBeGreaterThanOrEqual(1);
      const first = await runner.describe();
      expect(first.status.name).toBe('RUNNING');
      // Again (the next interval, another worker starting): the running runner is left as it is.
      expect(await reconcileAutoWinnerRunners(db, target)).toBe(0);
      expect((await runner.describe()).runId).toBe(first.runId);
    } finally {
      // Nothing polls its queue, so no task is in flight: it can go at once.
      await runner.terminate('test finished');
    }
  });
});
