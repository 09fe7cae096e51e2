import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffs, leads, salesOwners } from '@/db/schema';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createActivities } from './index';

let tdb: TestDatabase;
let sink: MailSink;
const SLACK = 'https://hooks.slack.com/services/T000/B000/leadflow';
const CRM = 'https://crm.example.test/tasks';
const posted: { url: string; key: string | null }[] = [];

/** Slack and the CRM are outside this machine: Slack refuses the webhook the way it does (403 invalid_token). */
const outside: typeof fetch = async (url, init) => {
  const u = url instanceof Request ? url.url : url.toString();
  posted.push({ url: u, key: new Headers(init?.headers).get('idempotency-key') });
  if (u === SLACK) return new Response('invalid_token', { status: 403 });
  return new Response('{"id":"task_1"}', { status: 201, headers: { 'content-type': 'application/json' } });
};

beforeAll(async () => {
  [tdb, sink] = await Promise.all([startTestDatabase(), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
});
afterAll(async () => {
  await Promise.all([tdb?.stop(), sink?.close()]);
});

const acts = () =>
  createActivities({
    db: tdb.db,
    resend: new Resend('re_test', { baseUrl: sink.url }),
    fetch: outside,
    appUrl: 'https://app.test',
    signingSecret: 'handoff-activities-test',
    managerEmail: 'manager@leadflow.test',
    slackWebhookUrl: SLACK,
    crmWebhookUrl: CRM,
  });

async function seedHandoff() {
  const tag = randomUUID().slice(0, 8);
  const [owner, other] = await tdb.db
    .insert(salesOwners)
    .values([
      { handle: `rep-${tag}`, name: 'Rep', email: `rep-${tag}@leadflow.test`, lastAssignedAt: new Date() },
      { handle: `alt-${tag}`, name: 'Alt', email: `alt-${tag}@leadflow.test`, lastAssignedAt: new Date(0) },
    ])
    .returning();
  const [lead] = await tdb.db.insert(leads).values({ email: `lead-${tag}@acme.test`, firstName: 'Lan', ownerId: owner!.id }).returning();
  const id = randomUUID();
  const [h] = await tdb.db
    .insert(handoffs)
    .values({ id, leadId: lead!.id, ownerId: owner!.id, reason: 'score 70', requestKey: `test:${id}`, workflowId: `lead-${lead!.id}-handoff-${id}`, ackToken: randomBytes(9).toString('base64url') })
    .returning();
  return { handoff: h!, owner: owner!, other: other! };
}

const mailTo = (to: string) => sink.messages().filter((m) => m.to.includes(to));

describe('hand-off channel activities', () => {
  it('Slack 403 is a non-retryable failure of the Slack channel alone; email and the CRM task go out once per key', async () => {
    const { handoff, owner } = await seedHandoff();
    const a = acts();
    const key = (channel: string) => `${handoff.workflowId}:assigned:${channel}`;
    const err = await a.notifyHandoffChannel({ handoffId: handoff.id, kind: 'assigned', channel: 'slack', idempotencyKey: key('slack') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
    expect((err as ApplicationFailure).message).toContain('403');

    for (let attempt = 0; attempt < 2; attempt += 1) {
      await a.notifyHandoffChannel({ handoffId: handoff.id, kind: 'assigned', channel: 'email', idempotencyKey: key('email') });
      await a.notifyHandoffChannel({ handoffId: handoff.id, kind: 'assigned', channel: 'crm', idempotencyKey: key('crm') });
    }
    expect(mailTo(owner.email)).toHaveLength(1);
    // The CRM receives the same key on a retry and de-duplicates on it.
    expect(posted.filter((p) => p.url === CRM && p.key === key('crm'))).toHaveLength(2);

    await a.recordHandoffChannel({ handoffId: handoff.id, entry: { kind: 'assigned', channel: 'slack', status: 'failed', at: '2024-08-01T10:42:00.000Z', detail: 'rejected 403' } });
    const [row] = await tdb.db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(row!.notifiedAt).not.toBeNull();
    expect(row!.channelLog.filter((e) => e.status === 'failed')).toEqual([{ kind: 'assigned', channel: 'slack', status: 'failed', at: '2024-08-01T10:42:00.000Z', detail: 'rejected 403' }]);
    expect(row!.channelLog.filter((e) => e.status === 'sent').map((e) => e.channel).sort()).toEqual(['crm', 'crm', 'email', 'email']);
  });

  it('a reminder retried after the activity already counted it is sent once (no counter in its key)', async () => {
    const { handoff, owner } = await seedHandoff();
    const a = createActivities({ db: tdb.db, resend: new Resend('re_test', { baseUrl: sink.url }), fetch: outside, appUrl: 'https://app.test', signingSecret: 's', managerEmail: 'm@leadflow.test' });
    // The runs recorded before one activity per channel call remindHandoff; a crash after its update retries it.
    await a.remindHandoff({ handoffId: handoff.id });
    await a.remindHandoff({ handoffId: handoff.id });
    expect(mailTo(owner.email)).toHaveLength(1);
    const [row] = await tdb.db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(row!.remindersSent).toBe(1);
  });

  it('an escalation retried after it reassigned keeps the owner it moved to', async () => {
    const { handoff } = await seedHandoff();
    const a = acts();
    const first = await a.reassignHandoff({ handoffId: handoff.id, reassign: true });
    const again = await a.reassignHandoff({ handoffId: handoff.id, reassign: true });
    expect(first.newOwnerId).not.toBe(handoff.ownerId);
    expect(again.newOwnerId).toBe(first.newOwnerId);
    expect(first.newOwnerId).toBeTruthy();
  });

  it('a missing hand-off is a typed, non-retryable failure', async () => {
    const err = await acts().handoffAcknowledged({ handoffId: randomUUID() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'HandoffNotFound', nonRetryable: true });
  });
});
