import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadEvents, leads, messages, suppressions, webhookDeliveries } from '@/db/schema';
import { emailEventId } from '@/lib/email/links';
import { Webhook } from 'standardwebhooks';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { bounceRate } from './bounce-rate';
import { ingestEvents } from './ingest-events';
import { handleResendWebhook, type EmailLeadEvent, type ResendWebhookRequest } from './resend-webhook';

const secret = 'whsec_' + Buffer.from('resend-webhook-test').toString('base64');
let tdb: TestDatabase;
const ingested: EmailLeadEvent[] = [];
const deps = () => ({ db: tdb.db, secret, ingestEvents: async (events: EmailLeadEvent[]) => void ingested.push(...events) });

beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => {
  await tdb?.stop();
});

async function seedMessage() {
  const email = `lead-${randomUUID()}@acme.test`;
  const [lead] = await tdb.db.insert(leads).values({ email, firstName: 'Linh' }).returning();
  const providerId = randomUUID();
  const [msg] = await tdb.db
    .insert(messages)
    .values({ leadId: lead!.id, template: 'email-a-nurture', variant: 'b', toEmail: email, subject: 'Hi', idempotencyKey: randomUUID(), providerId, status: 'sent' })
    .returning();
  return { lead: lead!, msg: msg!, email, providerId };
}

function delivery(type: string, emailId: string, to: string, extra: Record<string, unknown> = {}, opts: { id?: string; at?: Date } = {}) {
  const rawBody = JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: emailId, to: [to], from: 'x@leadflow.test', subject: 'Hi', created_at: new Date().toISOString(), ...extra } });
  const id = opts.id ?? `msg_${randomUUID()}`;
  const ts = Math.floor((opts.at ?? new Date()).getTime() / 1000);
  return { rawBody, headers: { 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': new Webhook(secret).sign(id, new Date(ts * 1000), rawBody) } };
}

const row = async (id: string) => (await tdb.db.select().from(messages).where(eq(messages.id, id)))[0]!;

describe('handleResendWebhook', () => {
  it('applies a valid delivery to the message status and history', async () => {
    const { msg, providerId, email } = await seedMessage();
    const res = await handleResendWebhook(deps(), delivery('email.delivered', providerId, email));
    expect(res).toMatchObject({ status: 200, body: { ok: true, type: 'email.delivered', messageId: msg.id } });
    const after = await row(msg.id);
    expect(after.status).toBe('delivered');
    expect(after.statusHistory.map((h) => h.status)).toEqual(['delivered']);
  });

  it('rejects a tampered body or signature with 401 and changes nothing', async () => {
    const { msg, providerId, email } = await seedMessage();
    const good = delivery('email.delivered', providerId, email);
    const tampered = { ...good, rawBody: good.rawBody.replace('delivered', 'complained') };
    expect(await handleResendWebhook(deps(), tampered)).toMatchObject({ status: 401, body: { reason: 'bad_signature' } });
    const badSig = { ...good, headers: { ...good.headers, 'svix-signature': 'v1,' + Buffer.from('nope').toString('base64') } };
    expect((await handleResendWebhook(deps(), badSig)).status).toBe(401);
    const noHeaders = { rawBody: good.rawBody, headers: {} };
    expect(await handleResendWebhook(deps(), noHeaders)).toMatchObject({ status: 401, body: { reason: 'missing_headers' } });
    expect((await row(msg.id)).status).toBe('sent');
    const [recorded] = await tdb.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, good.headers['svix-id']));
    expect(recorded).toBeUndefined();
    expect(await tdb.db.select().from(suppressions).where(eq(suppressions.email, email))).toHaveLength(0);
  });

  it('rejects a stale timestamp (older than 5 minutes) with 401', async () => {
    const { msg, providerId, email } = await seedMessage();
    const stale = delivery('email.delivered', providerId, email, {}, { at: new Date(Date.now() - 6 * 60_000) });
    expect(await handleResendWebhook(deps(), stale)).toMatchObject({ status: 401, body: { reason: 'stale' } });
    expect((await row(msg.id)).status).toBe('sent');
  });

  it('applies a replayed delivery once, and its lead event has a deterministic id', async () => {
    const { msg, lead, providerId, email } = await seedMessage();
    const link = 'https://leadflow.test/pricing';
    const d = delivery('email.clicked', providerId, email, { click: { link, timestamp: new Date().toISOString(), ipAddress: '1.1.1.1', userAgent: 'x' } });
    const first = await handleResendWebhook(deps(), d);
    const replay = await handleResendWebhook(deps(), d);
    expect(first.body).toMatchObject({ ok: true, leadEvent: emailEventId(msg.id, 'email_click', link) });
    expect(replay).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    const after = await row(msg.id);
    expect(after.statusHistory).toHaveLength(1);
    expect(after.status).toBe('clicked');
    const mine = ingested.filter((e) => e.lead_id === lead.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: 'email_click', event_id: emailEventId(msg.id, 'email_click', link), properties: { link, variant: 'b', template: 'email-a-nurture' } });

    // A different delivery of the same open (Resend sends one per open) keeps the same event id, so it scores once.
    await handleResendWebhook(deps(), delivery('email.opened', providerId, email));
    await handleResendWebhook(deps(), delivery('email.opened', providerId, email));
    const opens = ingested.filter((e) => e.lead_id === lead.id && e.type === 'email_open');
    expect(new Set(opens.map((e) => e.event_id))).toEqual(new Set([emailEventId(msg.id, 'email_open')]));
    expect((await row(msg.id)).status).toBe('clicked'); // a late open never moves the status back
  });

  it('suppresses the address on a hard bounce or complaint, not on a transient bounce', async () => {
    const soft = await seedMessage();
    await handleResendWebhook(deps(), delivery('email.bounced', soft.providerId, soft.email, { bounce: { type: 'Transient', subType: 'MailboxFull', message: 'full' } }));
    expect((await row(soft.msg.id)).status).toBe('soft_bounced');
    expect(await tdb.db.select().from(suppressions).where(eq(suppressions.email, soft.email))).toHaveLength(0);

    const hard = await seedMessage();
    await handleResendWebhook(deps(), delivery('email.bounced', hard.providerId, hard.email.toUpperCase(), { bounce: { type: 'Permanent', subType: 'General', message: 'no such user' } }));
    expect((await row(hard.msg.id)).status).toBe('bounced');
    expect(await tdb.db.select().from(suppressions).where(eq(suppressions.email, hard.email))).toEqual([expect.objectContaining({ reason: 'bounced' })]);

    const spam = await seedMessage();
    await handleResendWebhook(deps(), delivery('email.complained', spam.providerId, `Linh <${spam.email}>`));
    expect(await tdb.db.select().from(suppressions).where(eq(suppressions.email, spam.email))).toEqual([expect.objectContaining({ reason: 'complained' })]);
    expect(ingested).toContainEqual(expect.objectContaining({ lead_id: spam.lead.id, type: 'spam_complaint' }));
  });

  it('finds the message by its message_id tag when the provider id is not stored yet', async () => {
    const { msg, email } = await seedMessage();
    await tdb.db.update(messages).set({ providerId: null }).where(eq(messages.id, msg.id));
    const providerId = randomUUID();
    await handleResendWebhook(deps(), delivery('email.delivered', providerId, email, { tags: { message_id: msg.id } }));
    expect(await row(msg.id)).toMatchObject({ status: 'delivered', providerId });
  });

  it('acknowledges events it does not use, and unknown messages, without failing', async () => {
    const other = delivery('contact.created', 'x', 'a@b.test');
    expect(await handleResendWebhook(deps(), other)).toMatchObject({ status: 200, body: { ignored: 'contact.created' } });
    const unknown = delivery('email.opened', randomUUID(), 'a@b.test');
    expect(await handleResendWebhook(deps(), unknown)).toMatchObject({ status: 200, body: { ok: true, messageId: null, leadEvent: null } });
  });

  it('does not record the delivery when ingesting fails, so Resend retries it', async () => {
    const { msg, providerId, email } = await seedMessage();
    const d = delivery('email.opened', providerId, email);
    const failing = { ...deps(), ingestEvents: async () => Promise.reject(new Error('db down')) };
    await expect(handleResendWebhook(failing, d)).rejects.toThrow('db down');
    expect((await row(msg.id)).status).toBe('sent');
    expect((await handleResendWebhook(deps(), d)).body).toMatchObject({ ok: true, type: 'email.opened' });
  });
});

describe('webhooks duplicated, reordered, delayed and forged at once', () => {
  it('moves status only forward, applies each delivery once, counts one open and one click, and lets no forgery change anything', async () => {
    const { lead, msg, providerId, email } = await seedMessage();
    const realIngest = { ...deps(), ingestEvents: (events: EmailLeadEvent[]) => ingestEvents(tdb.db, events) };
    const send = (d: ResendWebhookRequest, copies = 1) => Promise.all(Array.from({ length: copies }, () => handleResendWebhook(realIngest, d)));
    const link = 'https://leadflow.test/pricing';
    const human = { ipAddress: '1.1.1.1', userAgent: 'Mozilla/5.0 (Macintosh) Safari/605' };
    const sent = delivery('email.sent', providerId, email);
    const delivered = delivery('email.delivered', providerId, email);
    const opened = delivery('email.opened', providerId, email);
    const clicked = delivery('email.clicked', providerId, email, { click: { link, timestamp: new Date().toISOString(), ...human } });
    const forged = [
      { ...delivered, rawBody: delivered.rawBody.replace('email.delivered', 'email.complained') },
      delivery('email.bounced', providerId, email, { bounce: { type: 'Permanent' } }, { at: new Date(Date.now() - 10 * 60_000) }),
      { rawBody: delivery('email.complained', providerId, email).rawBody, headers: {} },
    ];

    // Opened before delivered, each three times at once, with the forgeries in the same burst.
    const burst = await Promise.all([send(opened, 3), send(delivered, 3), ...forged.map((f) => send(f))]);
    expect(burst.slice(2).map((r) => r[0]!.status)).toEqual([401, 401, 401]);
    expect((await row(msg.id)).status).toBe('opened');
    // "sent", delayed past everything else, is recorded but moves nothing back.
    await send(sent, 2);
    expect((await row(msg.id)).status).toBe('opened');
    await Promise.all([send(clicked, 3), send(delivered)]);

    const after = await row(msg.id);
    expect(after.status).toBe('clicked');
    expect(after.statusHistory.map((h) => h.status).sort()).toEqual(['clicked', 'delivered', 'opened', 'sent']);
    const events = await tdb.db.select().from(leadEvents).where(eq(leadEvents.leadId, lead.id));
    expect(events.map((e) => e.type).sort()).toEqual(['email_click', 'email_open']);
    expect(await tdb.db.select().from(suppressions).where(eq(suppressions.email, email))).toHaveLength(0);
  });
});

describe('bounceRate', () => {
  it('counts provider-accepted sends and hard bounces in the window, alerting above 5 %', async () => {
    const before = await bounceRate(tdb.db, { sinceDays: 1 });
    const seeded = await Promise.all(Array.from({ length: 4 }, () => seedMessage()));
    await tdb.db.update(messages).set({ status: 'bounced' }).where(eq(messages.id, seeded[0]!.msg.id));
    const after = await bounceRate(tdb.db, { sinceDays: 1 });
    expect(after.sent - before.sent).toBe(4);
    expect(after.bounced - before.bounced).toBe(1);
    expect(after.rate).toBeCloseTo(after.bounced / after.sent);
    expect(after.alert).toBe(after.rate > 0.05);
    const future = await bounceRate(tdb.db, { sinceDays: 1, now: new Date(Date.now() + 3 * 86_400_000) });
    expect(future).toEqual({ sent: 0, bounced: 0, rate: 0, alert: false });
  });
});
