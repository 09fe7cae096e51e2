/**
 * A rep's next follow-up date end to end: the desk writes it with its outbox row, the relay starts the lead's
 * reminder run, the durable timer fires under time skipping, and the real activity mails the owner through the
 * Resend SDK into the mail sink.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffs, leads, messages, signalOutbox } from '@/db/schema';
import { FOLLOW_UP_SIGNAL, followUpWorkflowId, salesTaskQueue } from '@/lib/journey/contract';
import { appRouter } from '@/server/root';
import { createContextFor } from '@/server/trpc';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { signInNewUser, type TestUser, PROXY_HOPS } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createFollowUpActivities } from '@/worker/activities/follow-up-activities';
import { sendSalesNotification } from '@/worker/activities/send-email';
import type { followUpReminderWorkflow } from '@/workflows/follow-up';
import { createTestEnv, terminateAll, uniqueId, workflowBundle } from '@/workflows/testing/harness';
import { createSignalRelay } from '@/lib/outbox/signal-relay';

let tdb: TestDatabase;
let env: TestWorkflowEnvironment;
let sink: MailSink;
let rep: TestUser;
const DAY = 86_400_000;
const config = { from: 'Leadflow <hello@leadflow.test>', appUrl: 'https://app.test', signingSecret: 'follow-up-test', productName: 'Leadflow', scheduleLink: 'https://cal.test', managerEmail: 'manager@leadflow.test' };

beforeAll(async () => {
  [tdb, env, sink] = await Promise.all([startTestDatabase(), createTestEnv(), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  rep = await signInNewUser(tdb.db, 'sales');
});
afterAll(async () => {
  await Promise.all([env?.teardown(), tdb?.stop(), sink?.close()]);
});

const as = (u: TestUser) => appRouter.createCaller(() => createContextFor(tdb.db, u.headers, PROXY_HOPS));
const leadRow = async (id: string) => (await tdb.db.select().from(leads).where(eq(leads.id, id)))[0]!;

/** An acknowledged hand-off on the rep's desk (so recording an outcome needs no SLA signal). */
async function workedHandoff() {
  const ownerId = rep.user.salesOwnerId!;
  const [lead] = await tdb.db.insert(leads).values({ email: `fu-${randomUUID().slice(0, 8)}@lead.test`, firstName: 'Minh', lastName: 'Pham', company: 'Sao Mai', score: 70, isHot: true, lifecycle: 'sql', ownerId }).returning();
  const id = randomUUID();
  await tdb.db
    .insert(handoffs)
    .values({ id, leadId: lead!.id, ownerId, reason: 'Score reached 60', requestKey: `fu:${id}`, workflowId: `handoff-${id}`, acknowledgedAt: new Date(), status: 'acknowledged', ackToken: randomBytes(12).toString('hex') });
  return { leadId: lead!.id, handoffId: id };
}

/** The worker's sales lane with the real follow-up activity, and the relay delivering this lead's outbox rows. */
async function withStack(leadIds: string[], body: (s: { deliver: () => Promise<number> }) => Promise<void>) {
  const taskQueue = uniqueId('follow-up');
  const resend = new Resend('re_test', { baseUrl: sink.url });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: salesTaskQueue(taskQueue),
    workflowBundle: await workflowBundle(),
    activities: createFollowUpActivities({ db: tdb.db, appUrl: config.appUrl, sendSalesEmail: async (e) => void (await sendSalesNotification({ db: tdb.db, resend, config }, e)) }),
  });
  const relay = createSignalRelay({ db: tdb.db, client: async () => env.client, taskQueue, settings: async () => ({ maxEmailsPer24h: 3 }) });
  const deliver = async () => {
    const rows = await tdb.db.select({ id: signalOutbox.id, leadId: signalOutbox.leadId }).from(signalOutbox).where(eq(signalOutbox.signal, FOLLOW_UP_SIGNAL));
    return relay.deliver(rows.filter((r) => leadIds.includes(r.leadId)).map((r) => r.id));
  };
  await worker.runUntil(async () => {
    try {
      await body({ deliver });
    } finally {
      await terminateAll(env, leadIds.map(followUpWorkflowId));
    }
  });
}

describe('next follow-up date', () => {
  it('an outcome with a date reminds the rep by mail when it comes, once, and marks the lead reminded', async () => {
    const { leadId, handoffId } = await workedHandoff();
    const dueAt = new Date((await env.currentTimeMs()) + 2 * DAY);
    await as(rep).desk.recordOutcome({ handoffId, outcome: 'reached', note: 'Wants the Q3 pricing', nextFollowUpAt: dueAt });
    // Written with the date, in the same transaction.
    const queued = await tdb.db.select().from(signalOutbox).where(and(eq(signalOutbox.leadId, leadId), eq(signalOutbox.signal, FOLLOW_UP_SIGNAL)));
    expect(queued.map((r) => r.payload)).toEqual([{ dueAt: dueAt.toISOString() }]);

    await withStack([leadId], async ({ deliver }) => {
      expect(await deliver()).toBe(1);
      const handle = env.client.workflow.getHandle<typeof followUpReminderWorkflow>(followUpWorkflowId(leadId));
      await env.sleep(2 * DAY - 60_000);
      expect(sink.messages().filter((m) => m.to.includes(rep.email))).toHaveLength(0);
      expect((await leadRow(leadId)).followUpRemindedAt).toBeNull();
      await env.sleep(60_000);
      const result = await handle.result();
      expect(result.reminders.map((r) => r.result)).toEqual([{ status: 'sent', to: rep.email }]);
    });
    const mail = sink.messages().filter((m) => m.to.includes(rep.email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Follow up with Minh Pham now');
    expect(mail[0]!.text).toContain('Wants the Q3 pricing');
    expect(mail[0]!.html).toContain(`https://app.test/leads/${leadId}`);
    expect((await leadRow(leadId)).followUpRemindedAt).toBeInstanceOf(Date);
    // Kept like every sales notification, so the Outbox and the lead page show it.
    const [sent] = await tdb.db.select().from(messages).where(and(eq(messages.leadId, leadId), eq(messages.template, 'sales-follow-up')));
    expect(sent).toMatchObject({ kind: 'sales', toEmail: rep.email });
  });

  it('a closing outcome without a date cancels the pending reminder', async () => {
    const { leadId, handoffId } = await workedHandoff();
    await as(rep).desk.addNote({ leadId, body: 'Call after the holidays', nextFollowUpAt: new Date((await env.currentTimeMs()) + DAY) });
    await as(rep).desk.recordOutcome({ handoffId, outcome: 'disqualified', reason: 'No budget this year' });
    expect((await leadRow(leadId)).nextFollowUpAt).toBeNull();
    const before = sink.messages().length;
    await withStack([leadId], async ({ deliver }) => {
      expect(await deliver()).toBe(2);
      const result = await env.client.workflow.getHandle<typeof followUpReminderWorkflow>(followUpWorkflowId(leadId)).result();
      expect(result).toMatchObject({ dueAt: null, reminders: [] });
    });
    expect(sink.messages().length).toBe(before);
  });
});
