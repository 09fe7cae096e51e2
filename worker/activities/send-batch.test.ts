import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { leads, messages } from '@/db/schema';
import { createRateLimiter, type ProviderRateLimiter, type SendLane } from '@/lib/email/rate-limit';
import { handleResendWebhook } from '@/server/services/resend-webhook';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { sendBatch, type BatchCall, type SendBatchDeps } from './send-batch';
import { createSendEmailActivity, sendSalesNotification } from './send-email';
import type { SendEmailInput } from '../../lib/journey/contract';

let tdb: TestDatabase;
let sink: MailSink;
let base: SendBatchDeps;
const webhookSecret = 'whsec_' + Buffer.from('send-batch-test').toString('base64');
const config = { from: 'Leadflow <hello@leadflow.test>', appUrl: 'https://app.test', signingSecret: 's', productName: 'Leadflow', scheduleLink: 'https://cal.test/demo', managerEmail: 'manager@leadflow.test' };

beforeAll(async () => {
  [tdb, sink] = await Promise.all([startTestDatabase({ isolated: true }), startMailSink({ port: 0, webhookSecret: 'whsec_dGVzdA==' })]);
  base = { db: tdb.db, resend: new Resend('re_test', { baseUrl: sink.url }), config };
});
afterAll(async () => {
  await Promise.all([tdb?.stop(), sink?.close()]);
});

async function seedLeads(n: number, over: Partial<typeof leads.$inferInsert> = {}) {
  const rows = Array.from({ length: n }, () => ({ email: `lead-${randomUUID()}@acme.test`, firstName: 'Linh', ...over }));
  return tdb.db.insert(leads).values(rows).returning();
}

const blastKey = randomUUID();
const input = (leadId: string, over: Partial<SendEmailInput> = {}): SendEmailInput => ({
  idempotencyKey: `blast-${blastKey}:${leadId}:${randomUUID()}`,
  workflowId: `blast-${blastKey}`,
  leadId,
  nodeId: 'blast',
  template: 're-engage',
  variant: null,
  kind: 'marketing',
  allowRepeat: true,
  ...over,
});

const fault = (body: object) => fetch(`${sink.url}/_sink/faults`, { method: 'POST', body: JSON.stringify(body) });
const mailsTo = (emails: string[]) => {
  const set = new Set(emails);
  return sink.messages().filter((m) => m.to.some((t) => set.has(t)));
};
const rowsOf = (keys: string[]) => tdb.db.select().from(messages).where(inArray(messages.idempotencyKey, keys));
/** Records each batch call; `then` runs after the n-th call (1-based), e.g. to queue a fault for the next one. */
function recorder(then?: { after: number; run: () => Promise<unknown> }) {
  const calls: BatchCall[] = [];
  return {
    calls,
    onCall: (c: BatchCall) => {
      calls.push(c);
      if (then && calls.length === then.after) return then.run();
    },
  };
}

describe('sendBatch', () => {
  it('sends 205 leads in batches of at most 100, each exactly once, tagged with its message id', async () => {
    const ls = await seedLeads(205);
    const inputs = ls.map((l) => input(l.id));
    const rec = recorder();
    const results = await sendBatch({ ...base, onCall: rec.onCall }, inputs);
    expect(rec.calls.map((c) => c.size)).toEqual([100, 100, 5]);
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    const mails = mailsTo(ls.map((l) => l.email));
    expect(mails).toHaveLength(205);
    const rows = await rowsOf(inputs.map((i) => i.idempotencyKey));
    for (const r of rows) {
      const mail = mails.find((m) => m.id === r.providerId);
      expect(mail?.tags).toContainEqual({ name: 'message_id', value: r.id });
      expect(r.status).toBe('sent');
      expect(r.rendered).not.toBeNull();
    }
    // The retry Temporal may make finds everything sent and calls nobody.
    const again = recorder();
    expect(await sendBatch({ ...base, onCall: again.onCall }, inputs)).toEqual(results);
    expect(again.calls).toHaveLength(0);
    expect(mailsTo(ls.map((l) => l.email))).toHaveLength(205);
  });

  it('skips who must be skipped and sends the rest in one call', async () => {
    const [a, b] = await seedLeads(2);
    const [archived] = await seedLeads(1, { archivedAt: new Date() });
    const rec = recorder();
    const results = await sendBatch({ ...base, onCall: rec.onCall }, [a!, b!, archived!].map((l) => input(l.id)));
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'skipped']);
    expect(rec.calls).toHaveLength(1);
    expect(mailsTo([a!.email, b!.email])[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('a 429 in the middle pauses the worker\'s sends for Retry-After, then the same batch goes out once', async () => {
    const ls = await seedLeads(201);
    const inputs = ls.map((l) => input(l.id));
    const limiter = createRateLimiter({ perSecond: 0 });
    const rec = recorder({ after: 1, run: () => fault({ status: 429, count: 1, retryAfter: 1 }) });
    const results = await sendBatch({ ...base, limiter, onCall: rec.onCall }, inputs);
    expect(rec.calls.map((c) => [c.size, c.status])).toEqual([
      [100, 200],
      [100, 429],
      [100, 200],
      [1, 200],
    ]);
    expect(rec.calls[1]!.key).toBe(rec.calls[2]!.key);
    expect(limiter.stats().backOffs).toBe(1);
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    const mails = mailsTo(ls.map((l) => l.email));
    expect(mails).toHaveLength(201);
    expect(new Set(mails.flatMap((m) => m.to)).size).toBe(201);
  });

  it('a batch whose answer was lost is re-sent whole under its key, even after a member unsubscribed: nothing twice', async () => {
    const ls = await seedLeads(110);
    const inputs = ls.map((l) => input(l.id));
    // The second batch is accepted but its answer is lost (the mail is at the provider, the worker does not know).
    const rec = recorder({ after: 1, run: () => fault({ status: 500, afterAccept: true }) });
    await expect(sendBatch({ ...base, onCall: rec.onCall }, inputs)).rejects.toMatchObject({ nonRetryable: false });
    const lostKey = rec.calls[1]!.key;
    const pinned = (await rowsOf(inputs.map((i) => i.idempotencyKey))).filter((r) => r.batchKey === lostKey);
    expect(pinned).toHaveLength(10);
    expect(new Set(pinned.map((r) => r.status))).toEqual(new Set(['retrying']));
    expect(mailsTo(ls.map((l) => l.email))).toHaveLength(110);

    // Before the retry a member of the lost batch unsubscribes: its batch still goes out as it was, so the key replays.
    await tdb.db.update(leads).set({ unsubscribedAt: new Date() }).where(eq(leads.id, ls[105]!.id));
    const retry = recorder();
    const results = await sendBatch({ ...base, onCall: retry.onCall }, inputs);
    expect(retry.calls.map((c) => [c.key, c.size, c.status])).toEqual([[lostKey, 10, 200]]);
    expect(results[105]).toEqual({ status: 'skipped', reason: 'unsubscribed' });
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(109);
    const mails = mailsTo(ls.map((l) => l.email));
    expect(mails).toHaveLength(110);
    // The replayed answer names the mail the lost call created, so every row points at its real provider id.
    const rows = await rowsOf(inputs.map((i) => i.idempotencyKey));
    const byId = new Map(mails.map((m) => [m.id, m]));
    for (const r of rows.filter((x) => x.leadId !== ls[105]!.id)) expect(byId.get(r.providerId ?? '')?.to).toEqual([r.toEmail]);
  });

  it('a message the provider refuses fails alone; the rest of its batch goes out', async () => {
    const good = await seedLeads(3);
    const [bad] = await seedLeads(1, { email: `broken-${randomUUID()}` });
    const results = await sendBatch(base, [good[0]!, bad!, good[1]!, good[2]!].map((l) => input(l.id)));
    expect(results.map((r) => r.status)).toEqual(['sent', 'failed', 'sent', 'sent']);
    expect(mailsTo(good.map((l) => l.email))).toHaveLength(3);
    const [badRow] = await tdb.db.select().from(messages).where(eq(messages.leadId, bad!.id));
    expect(badRow).toMatchObject({ status: 'failed', providerId: null });
    const providerIds = (await tdb.db.select().from(messages).where(inArray(messages.leadId, good.map((l) => l.id)))).map((r) => r.providerId);
    expect(new Set(providerIds)).toEqual(new Set(mailsTo(good.map((l) => l.email)).map((m) => m.id)));
  });

  it('webhooks match per message id, and a late retry never moves a delivered message back to sent', async () => {
    const ls = await seedLeads(3);
    const inputs = ls.map((l) => input(l.id));
    await fault({ status: 502, afterAccept: true });
    await expect(sendBatch(base, inputs)).rejects.toMatchObject({ nonRetryable: false });
    // The provider's webhooks arrive before the worker learns the ids: matched by the message_id tag.
    const rows = await rowsOf(inputs.map((i) => i.idempotencyKey));
    for (const r of rows) {
      const mail = sink.messages().find((m) => m.tags.some((t) => t.name === 'message_id' && t.value === r.id))!;
      const rawBody = JSON.stringify({ type: 'email.delivered', created_at: new Date().toISOString(), data: { email_id: mail.id, to: mail.to, tags: { message_id: r.id }, created_at: new Date().toISOString() } });
      const id = `msg_${randomUUID()}`;
      const at = new Date();
      const headers = { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': new Webhook(webhookSecret).sign(id, at, rawBody) };
      await handleResendWebhook({ db: tdb.db, secret: webhookSecret, ingestEvents: async () => {} }, { rawBody, headers });
    }
    const results = await sendBatch(base, inputs);
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    const after = await rowsOf(inputs.map((i) => i.idempotencyKey));
    expect(after.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(mailsTo(ls.map((l) => l.email))).toHaveLength(3);
  });
});

describe('provider budget', () => {
  function recording(limiter: ProviderRateLimiter) {
    const lanes: SendLane[] = [];
    return { lanes, limiter: { ...limiter, take: (lane: SendLane) => (lanes.push(lane), limiter.take(lane)) } };
  }

  it('single sends take the budget on their lane: marketing mail as marketing, hand-off mail as sales', async () => {
    const [lead] = await seedLeads(1);
    const rec = recording(createRateLimiter({ perSecond: 0 }));
    const deps = { ...base, limiter: rec.limiter };
    await createSendEmailActivity(deps)(input(lead!.id, { nodeId: 'email_a', template: 'email-a-nurture' }));
    await sendSalesNotification(deps, { to: `owner-${randomUUID()}@leadflow.test`, template: 'sales-hot-lead', idempotencyKey: `handoff:${randomUUID()}`, leadId: lead!.id, props: { ownerName: 'John' } });
    await createSendEmailActivity(deps)(input(lead!.id, { nodeId: 'notify', template: 'sales-hot-lead', kind: 'sales' }));
    expect(rec.lanes).toEqual(['marketing', 'sales', 'sales']);
  });

  it('a 429 on a single send pauses the worker\'s sends for its Retry-After', async () => {
    const [lead] = await seedLeads(1);
    const limiter = createRateLimiter({ perSecond: 0 });
    await fault({ status: 429, count: 1, retryAfter: 30 });
    await expect(createSendEmailActivity({ ...base, limiter })(input(lead!.id))).rejects.toMatchObject({ nextRetryDelay: 30_000 });
    expect(limiter.stats().backOffs).toBe(1);
    let granted = false;
    void limiter.take('sales').then(() => (granted = true));
    await new Promise((r) => setImmediate(r));
    expect(granted).toBe(false);
  });
});
