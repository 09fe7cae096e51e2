// Blasts through the tRPC router as a signed-in marketer: the preview counts exactly the leads the workflow then mails,
// a repeated request sends nothing twice, bad input is a 4xx naming the field, sales and ops are refused, and cancel
// stops the blast between pages. Real Postgres, real activities, the Resend SDK against the in-process sink,
// Temporal's time-skipping server.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, blasts, leads, messages } from '@/db/schema';
import { env as appEnv } from '@/lib/env';
import { blastWorkflowId, bulkTaskQueue, type BlastPageInput } from '@/lib/journey/contract';
import { createRateLimiter } from '@/lib/email/rate-limit';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { appRouter } from '@/server/root';
import { createContextFor, type Context } from '@/server/trpc';
import { userAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from '@/worker/activities';
import { createTestEnv, eventually, quietTemporalRuntime, uniqueId, workflowBundle } from '@/workflows/testing/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let sink: MailSink;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueId('blasts');
// The router starts blasts on the app queue's bulk queue: point it at this test's worker before env() is first read.
const appQueue = process.env.TEMPORAL_TASK_QUEUE;
process.env.TEMPORAL_TASK_QUEUE = taskQueue;

/** Lets a test hold a page before it sends, to cancel the blast while that page is in flight. */
let pageGate: ((input: BlastPageInput) => Promise<void>) | null = null;

beforeAll(async () => {
  // A cancelled blast's in-flight page completes after its workflow closed; the server's refusal of that result is expected.
  quietTemporalRuntime((e) => {
    if (!/Activity not found|not found/i.test(e.message)) console.warn(`[temporal ${e.level}] ${e.message}`);
  });
  [env, tdb, sink] = await Promise.all([createTestEnv(), startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  expect(appEnv().TEMPORAL_TASK_QUEUE).toBe(taskQueue);
  const activities = createActivities({
    db: tdb.db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    limiter: createRateLimiter({ perSecond: 0 }),
    fetch,
    appUrl: 'https://app.test',
    signingSecret: 'blasts-test-secret',
    managerEmail: 'manager@leadflow.test',
  });
  const real = { ...activities };
  activities.sendBlastPage = async (input) => {
    await pageGate?.(input);
    return real.sendBlastPage(input);
  };
  worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: bulkTaskQueue(taskQueue), workflowBundle: await workflowBundle(), activities });
  running = worker.run();
});
afterAll(async () => {
  // Test files may share this process: later ones must see the queue they expect.
  if (appQueue === undefined) delete process.env.TEMPORAL_TASK_QUEUE;
  else process.env.TEMPORAL_TASK_QUEUE = appQueue;
  worker?.shutdown();
  await running;
  await Promise.all([env?.teardown(), tdb?.stop(), sink?.close()]);
});

async function callerAs(role: 'admin' | 'marketer' | 'sales' | 'ops') {
  const { headers } = await userAs(tdb.db, role);
  return appRouter.createCaller(async (): Promise<Context> => ({ ...(await createContextFor(tdb.db, headers)), temporal: async () => env.client }));
}

const mailedTo = (domain: string) => new Set(sink.messages().flatMap((m) => m.to).filter((to) => to.endsWith(domain)));

it('the preview counts exactly the leads the blast mails, once each, even when the same request is sent twice', async () => {
  const source = `webinar-${randomUUID().slice(0, 8)}`;
  const domain = `@${source}.test`;
  const tag = `vip-${randomUUID().slice(0, 6)}`;
  const mk = (n: number, extra: Partial<typeof leads.$inferInsert> = {}) =>
    Array.from({ length: n }, (_, i) => ({ email: `${extra.stage ?? 'cold'}-${i}-${randomUUID().slice(0, 6)}${domain}`, firstName: 'Lan', source, tags: [tag], ...extra }));
  const inAudience = await tdb.db.insert(leads).values(mk(12)).returning();
  // Out of it: another stage, no tag, archived, unsubscribed.
  await tdb.db.insert(leads).values([
    ...mk(2, { stage: 'warm' }),
    ...mk(2, { tags: [] }).map((l) => ({ ...l, email: `untagged-${l.email}` })),
    ...mk(1, { archivedAt: new Date() }).map((l) => ({ ...l, email: `archived-${l.email}` })),
    ...mk(1, { unsubscribedAt: new Date() }).map((l) => ({ ...l, email: `unsub-${l.email}` })),
  ]);

  const marketer = await callerAs('marketer');
  const audience = { source, stage: 'cold' as const, tag };
  const preview = await marketer.blasts.preview({ audience });
  expect(preview.count).toBe(12);
  expect(preview.sample).toHaveLength(5);
  const expected = new Set(inAudience.map((l) => l.email));
  expect(preview.sample.every((l) => expected.has(l.email))).toBe(true);

  const options = await marketer.blasts.options();
  expect(options.sources).toContain(source);
  expect(options.tags).toContain(tag);
  expect(options.templates.map((t) => t.key)).toContain('re-engage');
  expect(options.templates.map((t) => t.key)).not.toContain('sales-hot-lead');

  const requestId = randomUUID();
  const started = await marketer.blasts.start({ requestId, name: 'Webinar invite', template: 're-engage', audience });
  expect(started).toMatchObject({ workflowId: blastWorkflowId(started.id), audienceCount: 12 });
  const totals = await env.client.workflow.getHandle(started.workflowId).result();
  expect(totals).toEqual({ sent: 12, skipped: 0, overLimit: 0, failed: 0 });
  expect(mailedTo(domain)).toEqual(expected);

  // The browser retries the confirmed request: same blast, nothing sent again.
  const again = await marketer.blasts.start({ requestId, name: 'Webinar invite', template: 're-engage', audience });
  expect(again.id).toBe(started.id);
  expect(sink.messages().filter((m) => m.to.some((to) => to.endsWith(domain)))).toHaveLength(12);
  await expect(marketer.blasts.start({ requestId, name: 'Other', template: 'email-a-nurture', audience })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^requestId:/) });

  const listed = (await marketer.blasts.list()).find((b) => b.id === started.id);
  expect(listed).toMatchObject({ status: 'completed', audienceCount: 12, processed: 12, sent: 12, failed: 0, createdByEmail: (await userAs(tdb.db, 'marketer')).email });
  const [row] = await tdb.db.select().from(blasts).where(eq(blasts.id, started.id));
  expect(row?.totals).toEqual(totals);

  const audited = await tdb.db.select().from(auditLog).where(eq(auditLog.action, 'blasts.start'));
  expect(audited.some((a) => a.summary.includes('Webinar invite') && a.actorRole === 'marketer')).toBe(true);
});

it('a language filter reaches the leads mailed in that language, those without one when it is the default, and they get that copy', async () => {
  const source = `lang-${randomUUID().slice(0, 8)}`;
  const domain = `@${source}.test`;
  const [vi, en, none] = await tdb.db
    .insert(leads)
    .values([
      { email: `vi${domain}`, firstName: 'Lan', source, locale: 'vi' },
      { email: `en${domain}`, firstName: 'Ann', source, locale: 'en' },
      { email: `none${domain}`, firstName: 'Bo', source },
    ])
    .returning();
  const marketer = await callerAs('marketer');
  // No default set: English, so a lead without a language counts as an English reader.
  expect((await marketer.blasts.preview({ audience: { source, language: 'en' } })).sample.map((l) => l.email).sort()).toEqual([en!.email, none!.email].sort());
  const preview = await marketer.blasts.preview({ audience: { source, language: 'vi' } });
  expect(preview.sample.map((l) => l.email)).toEqual([vi!.email]);

  const started = await marketer.blasts.start({ requestId: randomUUID(), name: 'Vietnamese readers', template: 're-engage', audience: { source, language: 'vi' } });
  expect(started.audienceCount).toBe(1);
  await env.client.workflow.getHandle(started.workflowId).result();
  expect(mailedTo(domain)).toEqual(new Set([vi!.email]));
  const [row] = await tdb.db.select({ locale: messages.locale }).from(messages).where(eq(messages.workflowId, started.workflowId));
  expect(row?.locale).toBe('vi');
});

it('bad input is a 400 naming the field, an empty audience is refused, and sales and ops may not start or cancel', async () => {
  const marketer = await callerAs('marketer');
  const ok = { requestId: randomUUID(), name: 'Promo', template: 're-engage', audience: { source: `none-${randomUUID()}` } };
  const refusal = (field: string, code = 'BAD_REQUEST') => ({ code, message: expect.stringContaining(field) });
  await expect(marketer.blasts.start({ ...ok, template: 'no-such-template' })).rejects.toMatchObject(refusal('template'));
  await expect(marketer.blasts.start({ ...ok, template: 'sales-hot-lead' })).rejects.toMatchObject(refusal('template'));
  await expect(marketer.blasts.start(ok)).rejects.toMatchObject(refusal('audience'));
  await expect(marketer.blasts.start({ ...ok, audience: { stage: 'boiling' as 'hot' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ path: ['audience', 'stage'] }] } });
  await expect(marketer.blasts.start({ ...ok, name: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ path: ['name'] }] } });
  await expect(marketer.blasts.cancel({ id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^id:/) });
  expect(await tdb.db.select().from(blasts).where(eq(blasts.requestId, ok.requestId))).toHaveLength(0);

  for (const role of ['sales', 'ops'] as const) {
    const caller = await callerAs(role);
    await expect(caller.blasts.start(ok)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.blasts.preview({ audience: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.blasts.cancel({ id: randomUUID() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }
  await expect((await callerAs('sales')).blasts.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(Array.isArray(await (await callerAs('ops')).blasts.list())).toBe(true);
});

it('cancel stops the blast between pages: the page in flight finishes, no later page is sent', async () => {
  const source = `cancel-${randomUUID().slice(0, 8)}`;
  const domain = `@${source}.test`;
  // 600 leads: a first page of 500, then one of 100 that must never go out.
  const audience = await tdb.db
    .insert(leads)
    .values(Array.from({ length: 600 }, (_, i) => ({ email: `c${i}-${randomUUID().slice(0, 6)}${domain}`, source })))
    .returning({ id: leads.id, email: leads.email });
  const byId = [...audience].sort((a, b) => (a.id < b.id ? -1 : 1));

  let reached!: () => void;
  let release!: () => void;
  const atFirstPage = new Promise<void>((r) => (reached = r));
  const released = new Promise<void>((r) => (release = r));
  pageGate = async (input) => {
    if (!input.audience.source?.startsWith('cancel-')) return;
    reached();
    await released;
  };
  try {
    const marketer = await callerAs('marketer');
    const started = await marketer.blasts.start({ requestId: randomUUID(), name: 'Stop me', template: 're-engage', audience: { source } });
    await atFirstPage;
    expect(await marketer.blasts.cancel({ id: started.id })).toEqual({ id: started.id, workflowId: started.workflowId });
    release();
    await expect(env.client.workflow.getHandle(started.workflowId).result()).rejects.toThrow(/cancel/i);

    // The first page's 500 were already being sent and all go out; none of the last 100 does.
    await eventually(async () => expect((await marketer.blasts.list()).find((b) => b.id === started.id)).toMatchObject({ status: 'cancelled', processed: 500, sent: 500 }), 60_000);
    const mailed = mailedTo(domain);
    expect(mailed.size).toBe(500);
    expect(byId.slice(500).some((l) => mailed.has(l.email))).toBe(false);
    const rows = await tdb.db.select({ status: messages.status }).from(messages).where(and(eq(messages.workflowId, started.workflowId)));
    expect(rows).toHaveLength(500);
    await expect(marketer.blasts.cancel({ id: started.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const audited = await tdb.db.select().from(auditLog).where(eq(auditLog.action, 'blasts.cancel'));
    expect(audited.some((a) => a.targetId === started.id)).toBe(true);
  } finally {
    pageGate = null;
    release();
  }
}, 120_000);
