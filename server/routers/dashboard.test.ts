/** Dashboard numbers against real Postgres, each test scoped to its own email domain so shared rows never leak in. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handoffs, journeySteps, leads, messages, salesOwners } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
let ownerId: string;
const caller = () => callerAs(db);
const newDomain = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}.test`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_0123456789abcdef0123' });
  const [owner] = await db.select().from(salesOwners).where(eq(salesOwners.handle, 'john.doe'));
  ownerId = owner!.id;
});
afterAll(async () => tdb.stop());

type LeadSeed = Partial<typeof leads.$inferInsert> & { score: number };
async function insertLeads(domain: string, seeds: LeadSeed[]) {
  return db
    .insert(leads)
    .values(seeds.map((s, i) => ({ email: `lead${i}-${randomUUID().slice(0, 6)}@${domain}`, ...s })))
    .returning();
}

async function insertMessage(domain: string, m: Partial<typeof messages.$inferInsert> & { template: string }) {
  const id = randomUUID();
  await db.insert(messages).values({ id, toEmail: `m-${id.slice(0, 8)}@${domain}`, subject: 's', idempotencyKey: `test:${id}`, providerId: `test-${id}`, sentAt: new Date(), status: 'sent', ...m });
  return id;
}

describe('dashboard.summary', () => {
  it('counts stages, lifecycle, conversion and score buckets for the scoped leads', async () => {
    const domain = newDomain('dash');
    await insertLeads(domain, [
      { score: -5, stage: 'cold' },
      { score: 3, stage: 'cold', lifecycle: 'lead' },
      { score: 25, stage: 'warm', lifecycle: 'mql' },
      { score: 47, stage: 'engaged', lifecycle: 'sql' },
      { score: 65, stage: 'hot', isHot: true, lifecycle: 'opportunity' },
      { score: 120, stage: 'hot', isHot: true, lifecycle: 'customer' },
      { score: 0, stage: 'cold', archivedAt: new Date() },
    ]);
    const s = await caller().dashboard.summary({ domain });
    expect(s.stages).toEqual({ cold: 2, warm: 1, engaged: 1, hot: 2 });
    expect(s.lifecycle).toMatchObject({ lead: 2, mql: 1, sql: 1, opportunity: 1, customer: 1 });
    expect(s.active).toBe(6);
    // 2 of 7 leads (archived included) became an opportunity or a customer.
    expect(s.conversion).toEqual({ leads: 7, opportunities: 2, rate: 2 / 7 });
    const bucket = (label: string) => s.scores.find((b) => b.label === label)?.count;
    expect(bucket('< 0')).toBe(1);
    expect(bucket('0–9')).toBe(1);
    expect(bucket('20–29')).toBe(1);
    expect(bucket('40–49')).toBe(1);
    expect(bucket('60–69')).toBe(1);
    expect(bucket('100+')).toBe(1);
    expect(s.scores).toHaveLength(12);
  });

  it('averages and medians hand-off time over acknowledged hand-offs and counts open ones past their SLA', async () => {
    const domain = newDomain('handoff');
    const rows = await insertLeads(domain, [{ score: 70 }, { score: 70 }, { score: 70 }, { score: 70 }, { score: 70 }]);
    const handoff = (leadId: string, createdAt: Date, acknowledgedAt: Date | null) => {
      const id = randomUUID();
      return { id, leadId, ownerId, reason: 'test', requestKey: `test:${id}`, workflowId: `handoff-${id}`, ackToken: id, createdAt, acknowledgedAt, status: acknowledgedAt ? ('acknowledged' as const) : ('open' as const) };
    };
    const base = minutesAgo(120);
    const plus = (m: number) => new Date(base.getTime() + m * 60_000);
    await db.insert(handoffs).values([
      handoff(rows[0]!.id, base, plus(10)),
      handoff(rows[1]!.id, base, plus(20)),
      handoff(rows[2]!.id, base, plus(60)),
      handoff(rows[3]!.id, minutesAgo(30), null), // 15-minute SLA long gone
      handoff(rows[4]!.id, new Date(), null), // still inside its SLA
    ]);
    const { handoff: h } = await caller().dashboard.summary({ domain });
    expect(h.acknowledged).toBe(3);
    expect(h.open).toBe(2);
    expect(h.openPastSla).toBe(1);
    expect(h.avgMs).toBeCloseTo(30 * 60_000, -1);
    expect(h.medianMs).toBeCloseTo(20 * 60_000, -1);
  });

  it('reports open and click rates per template and per variant, counting a click as an open', async () => {
    const domain = newDomain('rates');
    const t = 'email-c-case-study';
    const history = (...s: string[]) => s.map((status) => ({ status, at: new Date().toISOString() }));
    await insertMessage(domain, { template: t, variant: 'A', status: 'opened', statusHistory: history('sent', 'delivered', 'opened') });
    await insertMessage(domain, { template: t, variant: 'A', status: 'clicked', statusHistory: history('sent', 'clicked') });
    await insertMessage(domain, { template: t, variant: 'A', status: 'delivered' });
    await insertMessage(domain, { template: t, variant: 'A', status: 'delivered' });
    await insertMessage(domain, { template: t, variant: 'B', status: 'delivered' });
    await insertMessage(domain, { template: t, variant: 'B', status: 'bounced' });
    await insertMessage(domain, { template: 'email-a-nurture', status: 'queued', providerId: null, sentAt: null }); // not sent: not in any rate

    const { emails } = await caller().dashboard.summary({ domain });
    const a = emails.variants.find((v) => v.variant === 'A');
    const b = emails.variants.find((v) => v.variant === 'B');
    expect(a).toMatchObject({ template: t, sent: 4, opened: 2, clicked: 1, openRate: 0.5, clickRate: 0.25 });
    expect(b).toMatchObject({ template: t, sent: 2, opened: 0, bounced: 1, openRate: 0 });
    expect(emails.templates).toEqual([expect.objectContaining({ template: t, sent: 6, opened: 2, clicked: 1, openRate: 2 / 6 })]);
    expect(emails.totals.sent).toBe(6);
  });

  it('leaves sales notifications out of the marketing email figures', async () => {
    const domain = newDomain('sales');
    const t = 'email-b-welcome';
    const history = (...s: string[]) => s.map((status) => ({ status, at: new Date().toISOString() }));
    await insertMessage(domain, { template: t, variant: 'B1', status: 'opened', statusHistory: history('sent', 'opened') });
    await insertMessage(domain, { template: t, variant: 'B1', status: 'delivered' });
    const before = (await caller().dashboard.summary({ domain })).emails;
    expect(before.totals).toMatchObject({ sent: 2, opened: 1, openRate: 0.5 });

    // A rep opens and clicks their hot-lead page and escalation: engaged, but not with any campaign.
    await insertMessage(domain, { kind: 'sales', template: 'sales-hot-lead', status: 'clicked', statusHistory: history('sent', 'opened', 'clicked') });
    await insertMessage(domain, { kind: 'sales', template: 'sales-escalation', variant: 'B1', status: 'opened', statusHistory: history('sent', 'opened') });
    const after = (await caller().dashboard.summary({ domain })).emails;
    expect(after).toEqual(before);
    expect(after.templates.map((x) => x.template)).toEqual([t]);
  });

  it('raises the bounce alert above 5 % and not below', async () => {
    const bad = newDomain('bounce');
    for (let i = 0; i < 18; i++) await insertMessage(bad, { template: 'email-a-nurture', status: 'delivered' });
    for (let i = 0; i < 2; i++) await insertMessage(bad, { template: 'email-a-nurture', status: 'bounced' });
    const s = await caller().dashboard.summary({ domain: bad });
    expect(s.bounce).toMatchObject({ sent: 20, bounced: 2, rate: 0.1, alert: true });

    const good = newDomain('fine');
    for (let i = 0; i < 19; i++) await insertMessage(good, { template: 'email-a-nurture', status: 'delivered' });
    await insertMessage(good, { template: 'email-a-nurture', status: 'bounced' });
    expect((await caller().dashboard.summary({ domain: good })).bounce).toMatchObject({ sent: 20, bounced: 1, rate: 0.05, alert: false });
  });
});

describe('dashboard.leadSteps', () => {
  it('returns one lead’s journey steps newest first', async () => {
    const [lead] = await insertLeads(newDomain('steps'), [{ score: 0 }]);
    const wf = `lead-${lead!.id}-journey-test`;
    const step = (nodeId: string, at: Date) => ({ workflowId: wf, leadId: lead!.id, journeyId: randomUUID(), journeyVersion: 1, nodeId, kind: 'email', stepKey: `${wf}:${nodeId}:1`, at });
    await db.insert(journeySteps).values([step('first', minutesAgo(5)), step('second', minutesAgo(1))]);
    const steps = await caller().dashboard.leadSteps({ leadId: lead!.id });
    expect(steps.map((s) => s.nodeId)).toEqual(['second', 'first']);
  });
});
