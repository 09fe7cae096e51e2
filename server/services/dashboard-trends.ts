/** The dashboard over time: leads per day by source and campaign, the lifecycle funnel, hand-off SLA by day and rep, email rates by template, month over month. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';

const day = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
export const rangeSchema = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'must not be before from' })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 731 * 86_400_000, { path: ['to'], message: 'the range may span at most two years' });
export type Range = z.infer<typeof rangeSchema>;

const FUNNEL = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** UTC day bounds, `to` inclusive. */
const bounds = (r: Range) => ({ from: `${r.from}T00:00:00Z`, until: new Date(Date.parse(`${r.to}T00:00:00Z`) + 86_400_000).toISOString() });
const opened = sql`(m.status in ('opened', 'clicked') or m.status_history @> '[{"status":"opened"}]'::jsonb or m.status_history @> '[{"status":"clicked"}]'::jsonb)`;
const clicked = sql`(m.status = 'clicked' or m.status_history @> '[{"status":"clicked"}]'::jsonb)`;

async function leadsPerDay(db: Db, r: Range) {
  const b = bounds(r);
  const [bySource, byCampaign] = await Promise.all([
    db.execute<{ day: string; key: string; n: number }>(sql`
      select to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, l.source as key, count(*)::int as n
      from leads l where l.created_at >= ${b.from}::timestamptz and l.created_at < ${b.until}::timestamptz
      group by 1, 2 order by 1, 2`),
    db.execute<{ day: string; key: string; n: number }>(sql`
      select to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, t.utm_campaign as key, count(distinct l.id)::int as n
      from leads l join lead_touchpoints t on t.lead_id = l.id
      where t.utm_campaign is not null and l.created_at >= ${b.from}::timestamptz and l.created_at < ${b.until}::timestamptz
      group by 1, 2 order by 1, 2`),
  ]);
  return { bySource: [...bySource], byCampaign: [...byCampaign] };
}

/** Leads created in the range that reached each stage (a customer also counts as a lead, an MQL, an SQL and an opportunity). */
async function funnel(db: Db, r: Range) {
  const b = bounds(r);
  const rows = await db.execute<{ lifecycle: string; n: number }>(sql`
    select l.lifecycle, count(*)::int as n from leads l
    where l.created_at >= ${b.from}::timestamptz and l.created_at < ${b.until}::timestamptz group by 1`);
  const at = new Map(rows.map((x) => [x.lifecycle, x.n]));
  return FUNNEL.map((stage, i) => ({ stage, count: FUNNEL.slice(i).reduce((sum, s) => sum + (at.get(s) ?? 0), 0) }));
}

/** SLA compliance counts only decided hand-offs: acknowledged, or still open past their SLA. */
const handoffColumns = sql`
  count(*)::int as total,
  count(h.acknowledged_at)::int as acknowledged,
  count(*) filter (where h.acknowledged_at is not null and h.acknowledged_at <= h.created_at + make_interval(mins => h.sla_minutes))::int as within_sla,
  count(*) filter (where h.acknowledged_at is not null or h.created_at + make_interval(mins => h.sla_minutes) < now())::int as decided,
  (percentile_cont(0.5) within group (order by extract(epoch from h.acknowledged_at - h.created_at)) / 60)::float8 as median_minutes`;
type HandoffRow = { total: number; acknowledged: number; within_sla: number; decided: number; median_minutes: number | null };
const handoffOut = (x: HandoffRow) => ({ total: x.total, acknowledged: x.acknowledged, medianMinutes: x.median_minutes, slaCompliance: rate(x.within_sla, x.decided) });

async function handoffs(db: Db, r: Range) {
  const b = bounds(r);
  const inRange = sql`h.created_at >= ${b.from}::timestamptz and h.created_at < ${b.until}::timestamptz`;
  const [byDay, byRep] = await Promise.all([
    db.execute<HandoffRow & { day: string }>(sql`
      select to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, ${handoffColumns}
      from handoffs h where ${inRange} group by 1 order by 1`),
    db.execute<HandoffRow & { handle: string; name: string }>(sql`
      select o.handle, o.name, ${handoffColumns}
      from handoffs h join sales_owners o on o.id = h.owner_id where ${inRange} group by 1, 2 order by 1`),
  ]);
  return { byDay: byDay.map((x) => ({ day: x.day, ...handoffOut(x) })), byRep: byRep.map((x) => ({ handle: x.handle, name: x.name, ...handoffOut(x) })) };
}

async function emailRates(db: Db, r: Range) {
  const b = bounds(r);
  const rows = await db.execute<{ day: string; template: string; variant: string | null; sent: number; opened: number; clicked: number }>(sql`
    select to_char(m.sent_at at time zone 'UTC', 'YYYY-MM-DD') as day, m.template, m.variant, count(*)::int as sent,
      count(*) filter (where ${opened})::int as opened, count(*) filter (where ${clicked})::int as clicked
    from messages m where m.kind = 'marketing' and m.sent_at >= ${b.from}::timestamptz and m.sent_at < ${b.until}::timestamptz
    group by 1, 2, 3 order by 1, 2, 3 nulls first`);
  return rows.map((x) => ({ ...x, openRate: rate(x.opened, x.sent), clickRate: rate(x.clicked, x.sent) }));
}

/** The seeds' before/after KPIs for each calendar month the range touches, each beside the month before it. */
async function monthOverMonth(db: Db, r: Range) {
  const rows = await db.execute<{
    month: string;
    hot_leads: number;
    leads: number;
    opportunities: number;
    sent: number;
    opened: number;
    clicked: number;
    handoff_minutes: number | null;
  }>(sql`
    with months as (
      select generate_series(date_trunc('month', ${r.from}::date - interval '1 month'), date_trunc('month', ${r.to}::date), interval '1 month') as m
    )
    select to_char(months.m, 'YYYY-MM') as month,
      (select count(*) from leads l where l.is_hot and l.created_at >= months.m and l.created_at < months.m + interval '1 month')::int as hot_leads,
      (select count(*) from leads l where l.created_at >= months.m and l.created_at < months.m + interval '1 month')::int as leads,
      (select count(*) from leads l where l.lifecycle in ('opportunity', 'customer') and l.created_at >= months.m and l.created_at < months.m + interval '1 month')::int as opportunities,
      (select count(*) from messages m where m.kind = 'marketing' and m.sent_at >= months.m and m.sent_at < months.m + interval '1 month')::int as sent,
      (select count(*) from messages m where m.kind = 'marketing' and ${opened} and m.sent_at >= months.m and m.sent_at < months.m + interval '1 month')::int as opened,
      (select count(*) from messages m where m.kind = 'marketing' and ${clicked} and m.sent_at >= months.m and m.sent_at < months.m + interval '1 month')::int as clicked,
      (select percentile_cont(0.5) within group (order by extract(epoch from h.acknowledged_at - h.created_at)) / 60
         from handoffs h where h.acknowledged_at is not null and h.created_at >= months.m and h.created_at < months.m + interval '1 month')::float8 as handoff_minutes
    from months order by months.m`);
  const months = rows.map((x) => ({
    month: x.month,
    hotLeads: x.hot_leads,
    openRate: rate(x.opened, x.sent),
    clickRate: rate(x.clicked, x.sent),
    handoffMinutes: x.handoff_minutes,
    leadToOpportunity: rate(x.opportunities, x.leads),
    leads: x.leads,
    sent: x.sent,
  }));
  // The first row is the month before the range, there only to give the first month a "before".
  return months.slice(1).map((m, i) => ({ ...m, previous: months[i]! }));
}

export async function dashboardTrends(db: Db, range: Range) {
  const [perDay, funnelRows, handoff, emails, mom] = await Promise.all([leadsPerDay(db, range), funnel(db, range), handoffs(db, range), emailRates(db, range), monthOverMonth(db, range)]);
  return { range, leadsPerDay: perDay, funnel: funnelRows, handoffs: handoff, emails, monthOverMonth: mom };
}
