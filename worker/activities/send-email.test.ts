import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ApplicationFailure } from '@temporalio/common';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createDb } from '@/db/client';
import { leads, messages, salesOwners, suppressions } from '@/db/schema';
import { handleResendWebhook } from '@/server/services/resend-webhook';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { capOpensAt, markSent } from './message-rows';
import { createSendEmailActivity, sendSalesNotification, type SendEmailDeps } from './send-email';
import type { SendEmailInput } from '../../lib/journey/contract';

let tdb: TestDatabase;
let sink: MailSink;
let deps: SendEmailDeps;

const config = {
  from: 'Leadflow <hello@leadflow.test>',
  appUrl: 'https://app.test',
  signingSecret: 'send-email-test-secret',
  productName: 'Leadflow',
  scheduleLink: 'https://cal.test/demo',
  managerEmail: 'manager@leadflow.test',
};

const webhookSecret = 'whsec_' + Buffer.from('send-email-test').toString('base64');

beforeAll(async () => {
  // Its own database: its sending-limit case must not see the limit other files save in Settings.
  [tdb, sink] = await Promise.all([startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  deps = { db: tdb.db, resend: new Resend('re_test', { baseUrl: sink.url }), config };
});
afterAll(async () => {
  await Promise.all([tdb?.stop(), sink?.close()]);
});

async function seedLead(values: Partial<typeof leads.$inferInsert> = {}) {
  const [lead] = await tdb.db.insert(leads).values({ email: `lead-${randomUUID()}@acme.test`, firstName: 'Linh', lastAction: 'visit_pricing', ...values }).returning();
  return lead!;
}

const input = (leadId: string, over: Partial<SendEmailInput> = {}): SendEmailInput => ({
  idempotencyKey: `lead-${leadId}-journey-j:email_b:${randomUUID()}`,
  workflowId: `lead-${leadId}-journey-j`,
  leadId,
  nodeId: 'email_b',
  template: 'email-b-welcome-value',
  variant: null,
  kind: 'marketing',
  ...over,
});

const sentTo = (to: string) => sink.messages().filter((m) => m.to.includes(to));
const row = async (key: string) => (await tdb.db.select().from(messages).where(eq(messages.idempotencyKey, key)))[0];
const fault = (body: object) => fetch(`${sink.url}/_sink/faults`, { method: 'POST', body: JSON.stringify(body) });

describe('sendEmail', () => {
  const sendEmail = () => createSendEmailActivity(deps);

  it('sends marketing mail once per key, with List-Unsubscribe, tracking and a stored provider id', async () => {
    const lead = await seedLead();
    const inp = input(lead.id, { variant: { id: 'b', subject: 'Variant B for {{first_name}}' } });
    const result = await sendEmail()(inp);
    expect(result).toMatchObject({ status: 'sent' });
    const [mail] = sentTo(lead.email);
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe('Variant B for Linh');
    expect(mail!.headers['List-Unsubscribe']).toMatch(/^<https:\/\/app\.test\/api\/unsubscribe\?l=[^>]+>$/);
    expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.html).toContain('https://app.test/api/t/c?');
    expect(mail!.html).toContain('data-block="visit_pricing"');
    expect(mail!.text).toContain('COMPARING PLANS?');
    expect(mail!.tags).toContainEqual({ name: 'variant', value: 'b' });

    const stored = await row(inp.idempotencyKey);
    expect(stored).toMatchObject({ status: 'sent', providerId: mail!.id, variant: 'b', subject: 'Variant B for Linh', toEmail: lead.email });
    expect(stored!.statusHistory.map((h) => h.status)).toEqual(['queued', 'sent']);
    expect(result).toEqual({ status: 'sent', messageId: stored!.id, providerId: mail!.id });

    expect(await sendEmail()(inp)).toEqual(result);
    expect(sentTo(lead.email)).toHaveLength(1);
  });

  it('defers a marketing email over the 24 h cap counted across journeys, and sends once the window opens', async () => {
    const lead = await seedLead();
    const now = new Date('2030-01-02T12:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    // Three emails from other journeys in the last day (one older than 24 h does not count).
    await tdb.db.insert(messages).values(
      [25, 20, 6, 2].map((h, i) => ({
        leadId: lead.id,
        kind: 'marketing' as const,
        template: 'email-a-nurture',
        toEmail: lead.email,
        subject: 's',
        idempotencyKey: `other-journey-${lead.id}-${i}`,
        providerId: `p-${lead.id}-${i}`,
        status: 'sent',
        sentAt: hoursAgo(h),
      })),
    );
    const inp = input(lead.id, { cap: { maxPer24h: 3, now: now.toISOString() } });
    expect(await sendEmail()(inp)).toEqual({ status: 'deferred', until: new Date(hoursAgo(20).getTime() + 86_400_000).toISOString() });
    expect(sentTo(lead.email)).toHaveLength(0);
    expect(await sendEmail()({ ...inp, cap: { maxPer24h: 3, now: new Date(hoursAgo(20).getTime() + 86_400_000 + 1).toISOString() } })).toMatchObject({ status: 'sent' });
    expect(sentTo(lead.email)).toHaveLength(1);
  });

  it('holds the cross-journey limit when journeys send to one lead at the same moment', async () => {
    const lead = await seedLead();
    const now = new Date();
    // Five journeys' sends race for a limit of three: a claimed row counts before its provider id exists.
    // Repeats allowed: this is the count under race, not the same-template rule (same-template.test.ts).
    const inputs = Array.from({ length: 5 }, (_, i) => input(lead.id, { workflowId: `lead-${lead.id}-journey-j${i}`, cap: { maxPer24h: 3, now: now.toISOString() }, allowRepeat: true }));
    const results = await Promise.all(inputs.map((inp) => sendEmail()(inp)));
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'deferred')).toHaveLength(2);
    expect(sentTo(lead.email)).toHaveLength(3);
  });

  it('checks the limit on the lock’s own connection: with a one-connection pool a capped send completes instead of waiting for a second', async () => {
    const lead = await seedLead();
    const one = createDb(tdb.url, 1);
    try {
      const result = await createSendEmailActivity({ ...deps, db: one.db })(input(lead.id, { cap: { maxPer24h: 3, now: new Date().toISOString() } }));
      expect(result).toMatchObject({ status: 'sent' });
    } finally {
      await one.sql.end();
    }
  });

  it('counts a claimed row waiting for its retry, and lets that retry through', async () => {
    const lead = await seedLead();
    const now = new Date().toISOString();
    const first = input(lead.id, { cap: { maxPer24h: 1, now } });
    await fault({ status: 500, count: 1 });
    await expect(sendEmail()(first)).rejects.toMatchObject({ nonRetryable: false });
    expect(await sendEmail()(input(lead.id, { cap: { maxPer24h: 1, now } }))).toMatchObject({ status: 'deferred' });
    expect(await sendEmail()(first)).toMatchObject({ status: 'sent' });
    expect(sentTo(lead.email)).toHaveLength(1);
  });

  it('skips archived, unsubscribed and suppressed leads for marketing mail', async () => {
    const archived = await seedLead({ archivedAt: new Date() });
    const unsubscribed = await seedLead({ unsubscribedAt: new Date() });
    const suppressed = await seedLead();
    await tdb.db.insert(suppressions).values({ email: suppressed.email, reason: 'bounced' });
    expect(await sendEmail()(input(archived.id))).toEqual({ status: 'skipped', reason: 'archived' });
    expect(await sendEmail()(input(unsubscribed.id))).toEqual({ status: 'skipped', reason: 'unsubscribed' });
    expect(await sendEmail()(input(suppressed.id))).toEqual({ status: 'skipped', reason: 'suppressed' });
    expect([archived, unsubscribed, suppressed].flatMap((l) => sentTo(l.email))).toHaveLength(0);
  });

  it('sends sales-kind mail to the owner even when the lead is suppressed, without List-Unsubscribe', async () => {
    const [owner] = await tdb.db.insert(salesOwners).values({ handle: `rep-${randomUUID()}`, name: 'Rep', email: `rep-${randomUUID()}@leadflow.test` }).returning();
    const lead = await seedLead({ ownerId: owner!.id, score: 64 });
    await tdb.db.insert(suppressions).values({ email: lead.email, reason: 'complained' });
    const result = await sendEmail()(input(lead.id, { template: 'sales-hot-lead', kind: 'sales' }));
    expect(result.status).toBe('sent');
    const [mail] = sentTo(owner!.email);
    expect(mail!.headers['List-Unsubscribe']).toBeUndefined();
    expect(mail!.html).not.toContain('/api/t/');
    expect(sentTo(lead.email)).toHaveLength(0);
  });

  it('throws a retryable failure on 429 honouring Retry-After, then sends exactly once on retry', async () => {
    const lead = await seedLead();
    const inp = input(lead.id);
    await fault({ status: 429, count: 1, retryAfter: 7 });
    const err = await sendEmail()(inp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ nonRetryable: false, type: 'Resend.rate_limit_exceeded', nextRetryDelay: 7000 });
    expect(await row(inp.idempotencyKey)).toMatchObject({ status: 'retrying', providerId: null });

    await fault({ status: 500, count: 1 });
    await expect(sendEmail()(inp)).rejects.toMatchObject({ nonRetryable: false, type: 'Resend.internal_server_error' });

    expect(await sendEmail()(inp)).toMatchObject({ status: 'sent' });
    expect(sentTo(lead.email)).toHaveLength(1);
    const history = (await row(inp.idempotencyKey))!.statusHistory.map((h) => h.status);
    expect(history).toEqual(['queued', 'retrying', 'retrying', 'sent']);
  });

  it('throws a non-retryable failure when Resend rejects the message (422)', async () => {
    const lead = await seedLead({ email: `broken-${randomUUID()}` });
    const inp = input(lead.id);
    await expect(sendEmail()(inp)).rejects.toMatchObject({ nonRetryable: true, type: 'Resend.validation_error' });
    expect(await row(inp.idempotencyKey)).toMatchObject({ status: 'failed' });
  });

  it('fails without retrying on an unknown template', async () => {
    const lead = await seedLead();
    await expect(sendEmail()(input(lead.id, { template: 'nope' }))).rejects.toMatchObject({ nonRetryable: true, type: 'UnknownTemplate' });
  });
});

describe('sendSalesNotification', () => {
  it('sends the hand-off email to the given address once per key', async () => {
    const lead = await seedLead({ lastName: 'Tran', company: 'Acme', score: 70 });
    const to = `owner-${randomUUID()}@leadflow.test`;
    const n = {
      to,
      template: 'sales-sla-reminder',
      idempotencyKey: `handoff:${randomUUID()}:reminder:0`,
      leadId: lead.id,
      props: { ownerName: 'John', ownerHandle: 'john.doe', reason: 'score >= 60', ackUrl: 'https://app.test/api/handoff/h/ack?token=t', slaMinutes: 15 },
    };
    const first = await sendSalesNotification(deps, n);
    expect(await sendSalesNotification(deps, n)).toEqual(first);
    const mails = sentTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Reminder: Linh Tran has waited 15 minutes');
    expect(mails[0]!.text).toContain('https://app.test/api/handoff/h/ack?token=t');
    expect(mails[0]!.text).toContain('@john.doe');
    expect(mails[0]!.headers['List-Unsubscribe']).toBeUndefined();
  });
});

describe('exactly once', () => {
  const sendEmail = () => createSendEmailActivity(deps);
  const inFlightAtSink = async () => ((await (await fetch(sink.url)).json()) as { inFlight: number }).inFlight;
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  };
  /** A Resend webhook about `messageId`, signed as Resend signs it, through the app's own handler. */
  const webhook = (type: string, messageId: string, emailId: string, to: string) => {
    const rawBody = JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: emailId, to: [to], tags: { message_id: messageId }, created_at: new Date().toISOString() } });
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const headers = { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': new Webhook(webhookSecret).sign(id, at, rawBody) };
    return handleResendWebhook({ db: tdb.db, secret: webhookSecret, ingestEvents: async () => {} }, { rawBody, headers });
  };

  it('a send retried after the lead changed goes out once, with the first attempt\'s bytes, recorded as sent', async () => {
    const lead = await seedLead({ firstName: 'Linh' });
    const inp = input(lead.id, { variant: { id: 'b', subject: 'Hello {{first_name}}' } });
    // The provider takes the mail but the answer is lost (a timeout): Temporal retries the activity.
    await fault({ status: 500, afterAccept: true });
    await expect(sendEmail()(inp)).rejects.toMatchObject({ nonRetryable: false });
    expect(await row(inp.idempotencyKey)).toMatchObject({ status: 'retrying', providerId: null, subject: 'Hello Linh' });
    await tdb.db.update(leads).set({ firstName: 'Mai' }).where(eq(leads.id, lead.id));

    const result = await sendEmail()(inp);
    const mails = sentTo(lead.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Hello Linh');
    const stored = await row(inp.idempotencyKey);
    expect(result).toEqual({ status: 'sent', messageId: stored!.id, providerId: mails[0]!.id });
    expect(stored).toMatchObject({ status: 'sent', providerId: mails[0]!.id, subject: 'Hello Linh' });
    expect(stored!.sentAt).not.toBeNull();
    expect(stored!.statusHistory.map((h) => h.status)).toEqual(['queued', 'retrying', 'sent']);
  });

  it('a sales notification retried after the lead changed re-sends its stored copy', async () => {
    const lead = await seedLead({ firstName: 'Linh', lastName: 'Tran' });
    const to = `owner-${randomUUID()}@leadflow.test`;
    const n = { to, template: 'sales-hot-lead', idempotencyKey: `handoff-${randomUUID()}:assigned:email`, leadId: lead.id, props: { ownerHandle: 'john.doe' } };
    await fault({ status: 503, afterAccept: true });
    await expect(sendSalesNotification(deps, n)).rejects.toMatchObject({ nonRetryable: false });
    await tdb.db.update(leads).set({ firstName: 'Mai' }).where(eq(leads.id, lead.id));
    expect(await sendSalesNotification(deps, n)).toMatchObject({ status: 'sent' });
    const mails = sentTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Linh');
    expect(mails[0]!.text).not.toContain('Mai');
  });

  it('Resend\'s 409 invalid_idempotent_request means the key already went out: recorded as sent, counted by the cap', async () => {
    const lead = await seedLead();
    const inp = input(lead.id);
    // An earlier attempt (before its copy was stored) sent other bytes under the same key.
    const legacy = await deps.resend.emails.send({ from: config.from, to: lead.email, subject: 'earlier copy', text: 'earlier' }, { idempotencyKey: inp.idempotencyKey });
    expect(legacy.data?.id).toBeDefined();
    const result = await sendEmail()(inp);
    const stored = await row(inp.idempotencyKey);
    expect(result).toEqual({ status: 'sent', messageId: stored!.id, providerId: '' });
    expect(stored).toMatchObject({ status: 'sent', error: null });
    expect(stored!.sentAt).not.toBeNull();
    expect(stored!.statusHistory.at(-1)).toMatchObject({ status: 'sent', detail: expect.stringContaining('invalid_idempotent_request') });
    expect(sentTo(lead.email)).toHaveLength(1);
    expect(await capOpensAt(tdb.db, lead.id, 1, new Date())).not.toBeNull();

    // The delivery webhook later brings the provider id; the row keeps its sent_at and moves to delivered.
    await webhook('email.delivered', stored!.id, legacy.data!.id, lead.email);
    expect(await row(inp.idempotencyKey)).toMatchObject({ status: 'delivered', providerId: legacy.data!.id, sentAt: stored!.sentAt });
  });

  it('Resend\'s 409 concurrent_idempotent_requests retries for the first attempt\'s answer without failing the row', async () => {
    const lead = await seedLead();
    const inp = input(lead.id);
    await fault({ status: 500, stallMs: 1_500, afterAccept: false });
    const first = sendEmail()(inp);
    await until(async () => (await inFlightAtSink()) > 0);
    const second = await sendEmail()(inp).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ApplicationFailure);
    expect(second).toMatchObject({ nonRetryable: false, type: 'Resend.concurrent_idempotent_requests' });
    const sent = await first;
    expect(sent).toMatchObject({ status: 'sent' });
    expect(await sendEmail()(inp)).toEqual(sent);
    expect(sentTo(lead.email)).toHaveLength(1);
    expect((await row(inp.idempotencyKey))!.statusHistory.map((h) => h.status)).toEqual(['queued', 'sent']);
  });

  it('a row the delivery webhook filled in (no provider id stored yet) gets sent_at, so the 24 h cap counts it', async () => {
    const lead = await seedLead();
    const inp = input(lead.id);
    await fault({ status: 500, afterAccept: true });
    await expect(sendEmail()(inp)).rejects.toMatchObject({ nonRetryable: false });
    const claimed = (await row(inp.idempotencyKey))!;
    const [mail] = sentTo(lead.email);
    const res = await webhook('email.delivered', claimed.id, mail!.id, lead.email);
    expect(res.status).toBe(200);
    const after = (await row(inp.idempotencyKey))!;
    expect(after).toMatchObject({ status: 'delivered', providerId: mail!.id });
    expect(after.sentAt).not.toBeNull();
    expect(await capOpensAt(tdb.db, lead.id, 1, new Date())).toEqual(new Date(after.sentAt!.getTime() + 86_400_000));
    // The retry Temporal was going to make finds it sent and sends nothing.
    expect(await sendEmail()(inp)).toEqual({ status: 'sent', messageId: claimed.id, providerId: mail!.id });
    expect(sentTo(lead.email)).toHaveLength(1);
  });

  it('a status never moves backwards: a late "sent" leaves delivered, opened and bounced alone', async () => {
    const lead = await seedLead();
    for (const status of ['delivered', 'opened', 'clicked', 'bounced', 'complained']) {
      const at = new Date('2030-01-01T00:00:00Z');
      const [m] = await tdb.db
        .insert(messages)
        .values({ leadId: lead.id, template: 'email-a-nurture', toEmail: lead.email, subject: 's', idempotencyKey: randomUUID(), providerId: `p-${randomUUID()}`, status, sentAt: at })
        .returning();
      const after = await markSent(tdb.db, m!.id, 'other-id', new Date());
      expect(after).toMatchObject({ status, providerId: m!.providerId, sentAt: at });
    }
    const { msg } = await (async () => {
      const [m] = await tdb.db.insert(messages).values({ leadId: lead.id, template: 'email-a-nurture', toEmail: lead.email, subject: 's', idempotencyKey: randomUUID(), providerId: `p-${randomUUID()}`, status: 'sent', sentAt: new Date() }).returning();
      return { msg: m! };
    })();
    await webhook('email.delivered', msg.id, msg.providerId!, lead.email);
    await webhook('email.sent', msg.id, msg.providerId!, lead.email);
    expect((await row(msg.idempotencyKey))!.status).toBe('delivered');
  });
});
