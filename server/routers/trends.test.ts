/** The dashboard over a date range on real Postgres: per-day sources and campaigns, funnel, hand-off SLA by day and rep, email rates, month over month. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handoffs, leads, leadTouchpoints, messages, salesOwners } from '@/db/schema';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
});
afterAll(async () => tdb.stop());

// A month of its own far in the past, so other files' rows in this shared database cannot fall into the range.
const year = 1950 + Math.floor(Math.random() * 40);
const at = (d: string, t = '10:00:00') => new Date(`${year}-${d}T${t}Z`);

describe('trends.overview', () => {
  it('counts what happened in the range, and the leads list filters the same leads each figure links to', async () => {
    const tag = randomUUID().slice(0, 8);
    const [owner] = await db.insert(salesOwners).values({ handle: `t-${tag}`, name: `Rep ${tag}`, email: `t-${tag}@sales.test` }).returning();
    const rows = await db
      .insert(leads)
      .values([
        { email: `a-${tag}@t.test`, source: `ads-${tag}`, lifecycle: 'opportunity', isHot: true, createdAt: at('04-30') },
        { email: `b-${tag}@t.test`, source: `ads-${tag}`, lifecycle: 'lead', createdAt: at('05-02') },
        { email: `c-${tag}@t.test`, source: `form-${tag}`, lifecycle: 'customer', isHot: true, ownerId: owner!.id, createdAt: at('05-02', '23:59:59') },
        { email: `d-${tag}@t.test`, source: `ads-${tag}`, lifecycle: 'mql', createdAt: at('05-03') },
      ])
      .returning();
    const [a, b, c, d] = rows.map((r) => r.id) as [string, string, string, string];
    await db.insert(leadTouchpoints).values([
      { leadId: b, captureKey: `${tag}-b`, source: `ads-${tag}`, utmCampaign: `summer-${tag}` },
      { leadId: c, captureKey: `${tag}-c`, source: `form-${tag}`, utmCampaign: `summer-${tag}` },
    ]);
    const handoff = (leadId: string, created: Date, ackMinutes: number | null) => ({
      leadId,
      ownerId: owner!.id,
      reason: 'test',
      requestKey: randomUUID(),
      workflowId: `wf-${randomUUID()}`,
      ackToken: randomUUID(),
      createdAt: created,
      acknowledgedAt: ackMinutes === null ? null : new Date(created.getTime() + ackMinutes * 60_000),
    });
    await db.insert(handoffs).values([handoff(c, at('05-02', '12:00:00'), 10), handoff(d, at('05-02', '13:00:00'), 40), handoff(b, at('05-03'), null)]);
    const msg = (leadId: string, template: string, variant: string | null, status: string, sentAt: Date) => ({
      leadId,
      template,
      variant,
      toEmail: `${leadId}@t.test`,
      subject: 's',
      idempotencyKey: randomUUID(),
      status,
      sentAt,
    });
    await db.insert(messages).values([
      msg(b, 'email-a', null, 'clicked', at('05-02')),
      msg(c, 'email-a', null, 'delivered', at('05-02')),
      msg(d, 'email-b', 'B', 'opened', at('05-03')),
      msg(a, 'email-a', null, 'opened', at('04-30')),
    ]);

    const caller = callerAs(db);
    const r = await caller.trends.overview({ from: `${year}-05-01`, to: `${year}-05-31` });
    expect(r.leadsPerDay.bySource).toEqual([
      { day: `${year}-05-02`, key: `ads-${tag}`, n: 1 },
      { day: `${year}-05-02`, key: `form-${tag}`, n: 1 },
      { day: `${year}-05-03`, key: `ads-${tag}`, n: 1 },
    ]);
    expect(r.leadsPerDay.byCampaign).toEqual([{ day: `${year}-05-02`, key: `summer-${tag}`, n: 2 }]);
    expect(r.funnel).toEqual([
      { stage: 'lead', count: 3 },
      { stage: 'mql', count: 2 },
      { stage: 'sql', count: 1 },
      { stage: 'opportunity', count: 1 },
      { stage: 'customer', count: 1 },
    ]);
    // One acknowledged inside 15 min, one after 40 min, one still open long past its SLA: 1 of 3 decided within SLA.
    expect(r.handoffs.byDay.find((x) => x.day === `${year}-05-02`)).toMatchObject({ total: 2, acknowledged: 2, medianMinutes: 25, slaCompliance: 0.5 });
    expect(r.handoffs.byRep.find((x) => x.handle === `t-${tag}`)).toMatchObject({ total: 3, acknowledged: 2, slaCompliance: 1 / 3 });
    expect(r.emails).toEqual([
      expect.objectContaining({ day: `${year}-05-02`, template: 'email-a', variant: null, sent: 2, opened: 1, clicked: 1, openRate: 0.5, clickRate: 0.5 }),
      expect.objectContaining({ day: `${year}-05-03`, template: 'email-b', variant: 'B', sent: 1, opened: 1, clicked: 0 }),
    ]);
    const may = r.monthOverMonth.find((m) => m.month === `${year}-05`)!;
    expect(may).toMatchObject({ hotLeads: 1, openRate: 2 / 3, clickRate: 1 / 3, handoffMinutes: 25, leadToOpportunity: 1 / 3 });
    expect(may.previous).toMatchObject({ month: `${year}-04`, hotLeads: 1, openRate: 1, leadToOpportunity: 1 });

    // The links: a bar's filters give exactly the leads it counted.
    const ids = async (f: Record<string, string | boolean>) => (await caller.leads.list({ pageSize: 100, ...f })).items.map((l) => l.id).sort();
    expect(await ids({ source: `ads-${tag}`, createdFrom: `${year}-05-02`, createdTo: `${year}-05-02` })).toEqual([b]);
    expect(await ids({ utmCampaign: `summer-${tag}`, createdFrom: `${year}-05-02`, createdTo: `${year}-05-02` })).toEqual([b, c].sort());
    expect(await ids({ lifecycle: 'mql', createdFrom: `${year}-05-01`, createdTo: `${year}-05-31` })).toHaveLength(2);
    expect(await ids({ handoffFrom: `${year}-05-02`, handoffTo: `${year}-05-02` })).toEqual([c, d].sort());
    expect(await ids({ template: 'email-b', variant: 'B', sentFrom: `${year}-05-01`, sentTo: `${year}-05-31` })).toEqual([d]);
    expect(await ids({ hotOnly: true, createdFrom: `${year}-05-01`, createdTo: `${year}-05-31` })).toEqual([c]);
  });

  it('refuses a reversed or oversized range, naming the field', async () => {
    const caller = callerAs(db);
    await expect(caller.trends.overview({ from: '2026-05-02', to: '2026-05-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('to') });
    await expect(caller.trends.overview({ from: '2020-01-01', to: '2026-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.trends.overview({ from: 'yesterday', to: '2026-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
