/** Ops hand a lead to a named rep from the app: the hand-off lands on that rep's desk and its SLA workflow starts on the sales lane. */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, handoffs, leads, salesOwners } from '@/db/schema';
import { handoffWorkflowId } from '@/lib/journey/contract';
import { appRouter } from '@/server/root';
import { createContextFor } from '@/server/trpc';
import { callerAs, signInNewUser, userAs, type TestUser, PROXY_HOPS } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createTestEnv, terminateAll, uniqueId } from '@/workflows/testing/harness';

let tdb: TestDatabase;
let db: Db;
let env: TestWorkflowEnvironment;
let rep: TestUser;

beforeAll(async () => {
  [tdb, env] = await Promise.all([startTestDatabase(), createTestEnv()]);
  db = tdb.db;
  // The app's Temporal client reaches the test server; no worker polls, so the run stays at its start.
  process.env.TEMPORAL_ADDRESS = env.address;
  process.env.TEMPORAL_TASK_QUEUE = uniqueId('desk-handoff');
  rep = await signInNewUser(db, 'sales');
});
afterAll(async () => {
  await env?.teardown();
  await tdb?.stop();
});

describe('desk.handOff', () => {
  it('ops hand a lead to a named rep: on that desk at once, the SLA workflow started, the audit row names ops', async () => {
    const [owner] = await db.select().from(salesOwners).where(eq(salesOwners.id, rep.user.salesOwnerId!));
    const [lead] = await db.insert(leads).values({ email: `manual-${randomUUID().slice(0, 8)}@lead.test`, firstName: 'Hoa', score: 40 }).returning();
    const ops = await userAs(db, 'ops');
    const result = await callerAs(db, 'ops').desk.handOff({ leadId: lead!.id, ownerHandle: owner!.handle, reason: 'Asked for a quote on the phone' });
    expect(result).toMatchObject({ ownerId: owner!.id, slaMinutes: 15 });
    const workflowId = handoffWorkflowId(lead!.id, result.handoffId);
    try {
      const [h] = await db.select().from(handoffs).where(eq(handoffs.id, result.handoffId));
      expect(h).toMatchObject({ ownerId: owner!.id, workflowId, reason: 'Asked for a quote on the phone' });
      const desk = await appRouter.createCaller(() => createContextFor(db, rep.headers, PROXY_HOPS)).desk.mine();
      expect(desk.handoffs.map((x) => x.id)).toContain(result.handoffId);
      const run = await env.client.workflow.getHandle(workflowId).describe();
      expect(run).toMatchObject({ type: 'handoffSlaWorkflow', taskQueue: `${process.env.TEMPORAL_TASK_QUEUE}-sales`, status: { name: 'RUNNING' } });
      const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'desk.handOff'), eq(auditLog.actorId, ops.user.id)));
      expect(audit).toMatchObject({ actorRole: 'ops', targetId: lead!.id });
      // A rep cannot page a teammate this way.
      await expect(callerAs(db, 'sales').desk.handOff({ leadId: lead!.id, reason: 'mine now' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await terminateAll(env, [workflowId]);
    }
  });

  it('names the field when the rep or the lead does not exist, and creates nothing', async () => {
    const [lead] = await db.insert(leads).values({ email: `manual-${randomUUID().slice(0, 8)}@lead.test` }).returning();
    await expect(callerAs(db, 'ops').desk.handOff({ leadId: lead!.id, ownerHandle: 'nobody.here', reason: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: /sales_owner/ });
    await expect(callerAs(db, 'ops').desk.handOff({ leadId: randomUUID(), reason: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: /lead_id/ });
    expect(await db.select().from(handoffs).where(eq(handoffs.leadId, lead!.id))).toEqual([]);
  });
});
