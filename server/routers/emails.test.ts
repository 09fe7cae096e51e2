/** The outbox, the message view (from the mail sink, or re-rendered), template previews and the bounce rate, on real Postgres. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { leads, messages } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { TEMPLATE_KEYS } from '@/lib/email/templates';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { freePort } from '@/scripts/lib/ports';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
let sink: MailSink;
const caller = () => callerAs(db);
const newDomain = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}.test`;

beforeAll(async () => {
  sink = await startMailSink({ port: await freePort(), host: '127.0.0.1', webhookSecret: 'whsec_dGVzdA==' });
  // env() is read lazily, so setting it before the first procedure call points the message view at this sink.
  process.env.RESEND_BASE_URL = sink.url;
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_0123456789abcdef0123' });
});
afterAll(async () => {
  await sink.close();
  await tdb.stop();
});

async function insertMessage(domain: string, m: Partial<typeof messages.$inferInsert> = {}) {
  const id = randomUUID();
  await db.insert(messages).values({
    id,
    toEmail: `m-${id.slice(0, 8)}@${domain}`,
    template: 'email-b-welcome-value',
    subject: `subject ${id}`,
    idempotencyKey: `test:${id}`,
    providerId: `test-${id}`,
    sentAt: new Date(),
    status: 'delivered',
    ...m,
  });
  return id;
}

describe('emails.outbox', () => {
  it('lists messages newest first, filters by recipient and status, and pages', async () => {
    const domain = newDomain('outbox');
    const t0 = Date.now() - 60_000;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertMessage(domain, { createdAt: new Date(t0 + i * 1000), status: i === 4 ? 'bounced' : 'delivered', variant: i % 2 ? 'B' : 'A' }));

    const page1 = await caller().emails.outbox({ q: `@${domain}`, pageSize: 2 });
    expect(page1.total).toBe(5);
    expect(page1.items.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    const page3 = await caller().emails.outbox({ q: `@${domain}`, pageSize: 2, page: 3 });
    expect(page3.items.map((m) => m.id)).toEqual([ids[0]]);
    expect(page3.items[0]).toMatchObject({ template: 'email-b-welcome-value', variant: 'A', status: 'delivered' });

    const bounced = await caller().emails.outbox({ q: domain, status: 'bounced' });
    expect(bounced.items.map((m) => m.id)).toEqual([ids[4]]);
  });
});

describe('emails.message', () => {
  it('shows the exact HTML the mail sink received', async () => {
    const res = await fetch(`${sink.url}/emails`, {
      method: 'POST',
      headers: { authorization: 'Bearer re_test', 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'Leadflow <hello@leadflow.local>', to: 'ada@sink.test', subject: 'Hi', html: '<p>Exactly this</p><img src="http://localhost:3000/api/t/o?m=x&amp;s=y" width="1" height="1" alt="" />', text: 'Exactly this' }),
    });
    const { id: providerId } = (await res.json()) as { id: string };
    const id = await insertMessage(newDomain('sink'), { providerId });
    const view = await caller().emails.message({ id });
    expect(view.body).toEqual({ html: '<p>Exactly this</p>', text: 'Exactly this', source: 'sent' });
    expect(view.message.id).toBe(id);
  });

  it('re-renders the template for the lead when the sent copy is not available', async () => {
    const domain = newDomain('rerender');
    const [lead] = await db.insert(leads).values({ email: `grace@${domain}`, firstName: 'Grace', company: 'Navy' }).returning();
    const id = await insertMessage(domain, { leadId: lead!.id, providerId: 'not-in-the-sink' });
    const view = await caller().emails.message({ id });
    expect(view.body.source).toBe('re-rendered');
    expect(view.body.html).toContain('Grace');
    expect(view.body.html).toMatch(/<html/i);
  });

  it('is NOT_FOUND for an unknown message', async () => {
    await expect(caller().emails.message({ id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('emails.templates and preview', () => {
  it('lists every registered template and previews one with sample data', async () => {
    const list = await caller().emails.templates();
    expect(list.map((t) => t.key)).toEqual(TEMPLATE_KEYS);
    const p = await caller().emails.preview({ key: 'email-a-nurture', firstName: 'Linus' });
    expect(p.kind).toBe('marketing');
    expect(p.html).toContain('Linus');
    expect(p.text).toMatch(/linus/i);
    const sales = await caller().emails.preview({ key: 'sales-hot-lead' });
    expect(sales.kind).toBe('sales');
    expect(sales.html).toContain('Ada');
  });

  it('rejects an unknown template key', async () => {
    await expect(caller().emails.preview({ key: 'nope' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('emails.bounceRate', () => {
  it('computes the rate over sent mail in the window and alerts above 5 %', async () => {
    const domain = newDomain('bounce');
    for (let i = 0; i < 9; i++) await insertMessage(domain);
    await insertMessage(domain, { status: 'bounced' });
    await insertMessage(domain, { status: 'bounced', createdAt: new Date(Date.now() - 30 * 86_400_000) }); // outside the 7-day window
    await insertMessage(domain, { status: 'queued', providerId: null, sentAt: null }); // never sent
    expect(await caller().emails.bounceRate({ domain })).toMatchObject({ sent: 10, bounced: 1, rate: 0.1, alert: true });
    expect(await caller().emails.bounceRate({ domain, sinceDays: 60 })).toMatchObject({ sent: 11, bounced: 2 });
    // Unscoped, it is the shared service's number (the whole outbox), so only its shape is ours to check.
    const all = await caller().emails.bounceRate();
    expect(all.sent).toBeGreaterThanOrEqual(10);
    expect(all.alert).toBe(all.rate > 0.05);
  });
});
