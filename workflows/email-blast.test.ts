// A blast to many leads goes out through the provider's batch endpoint, at most 100 a call, each email exactly once,
// though the provider answers 429 in the middle and loses one batch's answer. Real Postgres, real activities, the
// real Resend SDK against the in-process sink, Temporal's time-skipping server.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Resend } from 'resend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leads, messages, settings } from '@/db/schema';
import { blastWorkflowId, type BlastInput } from '@/lib/journey/contract';
import { createRateLimiter } from '@/lib/email/rate-limit';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from '@/worker/activities';
import { createTestEnv, quietTemporalRuntime, uniqueId, workflowBundle } from './testing/harness';
import { emailBlastWorkflow } from './email-blast';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let sink: MailSink;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueId('blast');
const limiter = createRateLimiter({ perSecond: 0 });

beforeAll(async () => {
  // The lost answer fails the page's first attempt on purpose: keep that warning out of the test output.
  quietTemporalRuntime((e) => {
    if (e.message !== 'Activity failed') console.warn(`[temporal ${e.level}] ${e.message}`);
  });
  [env, tdb, sink] = await Promise.all([createTestEnv(), startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  await tdb.db.insert(settings).values({ key: 'max_emails_per_24h', value: 3 });
  const activities = createActivities({
    db: tdb.db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    limiter,
    fetch,
    appUrl: 'https://app.test',
    signingSecret: 'blast-test-secret',
    managerEmail: 'manager@leadflow.test',
  });
  worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), activities });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await Promise.all([env?.teardown(), tdb?.stop(), sink?.close()]);
});

const fault = (body: object) => fetch(`${sink.url}/_sink/faults`, { method: 'POST', body: JSON.stringify(body) });

it('blasts 250 leads in batches of at most 100, exactly once, through a 429 and a lost answer in the middle', async () => {
  const source = `blast-${randomUUID()}`;
  const audience = Array.from({ length: 250 }, (_, i) => ({ email: `b${i}-${randomUUID()}@acme.test`, firstName: 'Lan', source }));
  const inserted = await tdb.db.insert(leads).values(audience).returning();
  // Not in the audience: unsubscribed, or another source.
  const [gone] = await tdb.db.insert(leads).values({ email: `gone-${randomUUID()}@acme.test`, source, unsubscribedAt: new Date() }).returning();
  await tdb.db.insert(leads).values({ email: `other-${randomUUID()}@acme.test`, source: 'elsewhere' });
  // A lead already at its limit of 3 marketing emails in 24 h is not mailed by the blast.
  const capped = inserted[7]!;
  await tdb.db.insert(messages).values(
    [1, 2, 3].map((n) => ({ leadId: capped.id, kind: 'marketing' as const, template: `t${n}`, toEmail: capped.email, subject: 's', idempotencyKey: randomUUID(), status: 'sent', providerId: randomUUID(), sentAt: new Date() })),
  );

  // The second request is answered 429 (Retry-After 1 s); the fourth is accepted but its answer never arrives.
  await fault({ status: 429, retryAfter: 1, after: 1 });
  await fault({ status: 500, afterAccept: true, after: 1 });

  const blastId = randomUUID();
  const input: BlastInput = { blastId, template: 're-engage', audience: { source }, startedAt: new Date().toISOString() };
  const totals = await env.client.workflow.execute(emailBlastWorkflow, { workflowId: blastWorkflowId(blastId), taskQueue, args: [input] });
  expect(totals).toEqual({ sent: 249, skipped: 0, overLimit: 1, failed: 0 });

  const requests = sink.requests().filter((r) => r.path === '/emails/batch');
  expect(requests.every((r) => r.size <= 100)).toBe(true);
  expect(requests.map((r) => [r.size, r.status])).toEqual([
    [100, 200],
    [100, 429],
    [100, 200],
    [49, 500],
    // The activity's retry re-sends the unanswered batch under its key: the sink replays its answer.
    [49, 200],
  ]);
  expect(requests[3]!.idempotencyKey).toBe(requests[4]!.idempotencyKey);
  expect(sink.requests().filter((r) => r.path === '/emails')).toHaveLength(0);
  expect(limiter.stats().backOffs).toBe(1);

  const mailed = sink.messages().filter((m) => m.to.some((to) => to.includes('@acme.test')));
  const perAddress = new Map<string, number>();
  for (const m of mailed) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  expect(perAddress.size).toBe(249);
  expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
  expect(perAddress.has(capped.email)).toBe(false);
  expect(perAddress.has(gone!.email)).toBe(false);

  const rows = await tdb.db.select().from(messages).where(eq(messages.workflowId, blastWorkflowId(blastId)));
  expect(rows).toHaveLength(249);
  const byProvider = new Map(mailed.map((m) => [m.id, m]));
  for (const r of rows) {
    expect(r.status).toBe('sent');
    expect(byProvider.get(r.providerId ?? '')?.to).toEqual([r.toEmail]);
  }
});
