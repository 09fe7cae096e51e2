/** Dashboard: the SPEC's "measure and optimise" numbers (stages, hand-off time, conversion, scores, email rates, bounces). */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { BOUNCE_ALERT_THRESHOLD, bounceRate } from '@/server/services/bounce-rate';
import { leadSteps } from '@/server/services/lead-steps';
import { protectedProcedure, router } from '@/server/trpc';

export const scopeInput = z.object({ domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+$/).optional() });
type Scope = z.infer<typeof scopeInput>;

const domainLike = (domain: string) => `%@${domain.replace(/[%_]/g, (m) => `\\${m}`)}`;
const leadScope = (s: Scope, col: SQL = sql`l.email`) => (s.domain ? sql`and ${col} ilike ${domainLike(s.domain)}` : sql``);

/** A message "was" opened/clicked/bounced if that is its status now or ever was (a click usually overwrites the open). */
const ever = (...statuses: string[]) =>
  sql.join(
    statuses.map((s) => sql`(m.status = ${s} or m.status_history @> ${JSON.stringify([{ status: s }])}::jsonb)`),
    sql` or `,
  );

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The alert's bounce rate: the shared service for the whole outbox, and the same definition narrowed to one domain when scoped. */
export async function bounceStats(db: Db, opts: Scope & { sinceDays: number }) {
  if (!opts.domain) return { sinceDays: opts.sinceDays, ...(await bounceRate(db, { sinceDays: opts.sinceDays })) };
  const rows = await db.execute<{ sent: number; bounced: number }>(sql`
    select count(*)::int as sent, count(*) filter (where m.status = 'bounced')::int as bounced
    from messages m
    where m.provider_id is not null and m.kind <> 'account' and m.created_at >= now() - make_interval(days => ${opts.sinceDays})
    ${leadScope(opts, sql`m.to_email`)}`);
  const { sent = 0, bounced = 0 } = rows[0] ?? {};
  const r = rate(bounced, sent) ?? 0;
  return { sinceDays: opts.sinceDays, sent, bounced, rate: r, alert: r > BOUNCE_ALERT_THRESHOLD };
}

async function stageCounts(db: Db, s: Scope) {
  const rows = await db.execute<{ stage: string; lifecycle: string; hot: boolean; n: number }>(sql`
    select l.stage, l.lifecycle, l.is_hot as hot, count(*)::int as n from leads l
    where l.archived_at is null ${leadScope(s)} group by 1, 2, 3`);
  const stages: Record<string, number> = { cold: 0, warm: 0, engaged: 0, hot: 0 };
  const lifecycle: Record<string, number> = { lead: 0, mql: 0, sql: 0, opportunity: 0, customer: 0 };
  let active = 0;
  for (const r of rows) {
    stages[r.stage] = (stages[r.stage] ?? 0) + r.n;
    lifecycle[r.lifecycle] = (lifecycle[r.lifecycle] ?? 0) + r.n;
    active += r.n;
  }
  return { stages, lifecycle, active };
}

async function conversion(db: Db, s: Scope) {
  // Archived leads still count: a lead that never converted and went cold is exactly the loss this number measures.
  const rows = await db.execute<{ leads: number; opportunities: number }>(sql`
    select count(*)::int as leads, count(*) filter (where l.lifecycle in ('opportunity', 'customer'))::int as opportunities
    from leads l where true ${leadScope(s)}`);
  const { leads = 0, opportunities = 0 } = rows[0] ?? {};
  return { leads, opportunities, rate: rate(opportunities, leads) };
}

async function handoffStats(db: Db, s: Scope) {
  const rows = await db.execute<{ acknowledged: number; open: number; overdue: number; avg_ms: number | null; median_ms: number | null }>(sql`
    select
      count(h.acknowledged_at)::int as acknowledged,
      count(*) filter (where h.acknowledged_at is null)::int as open,
      count(*) filter (where h.acknowledged_at is null and h.created_at + make_interval(mins => h.sla_minutes) < now())::int as overdue,
      (avg(extract(epoch from h.acknowledged_at - h.created_at)) * 1000)::float8 as avg_ms,
      (percentile_cont(0.5) within group (order by extract(epoch from h.acknowledged_at - h.created_at)) * 1000)::float8 as median_ms
    from handoffs h join leads l on l.id = h.lead_id
    where true ${leadScope(s)}`);
  const r = rows[0];
  return { acknowledged: r?.acknowledged ?? 0, open: r?.open ?? 0, openPastSla: r?.overdue ?? 0, avgMs: r?.avg_ms ?? null, medianMs: r?.median_ms ?? null };
}

async function scoreDistribution(db: Db, s: Scope) {
  // Buckets of 10; negatives and 100+ are folded into the ends so a stray outlier does not stretch the chart.
  const rows = await db.execute<{ bucket: number; n: number }>(sql`
    select least(greatest(floor(l.score / 10.0) * 10, -10), 100)::int as bucket, count(*)::int as n
    from leads l where l.archived_at is null ${leadScope(s)} group by 1 order by 1`);
  const byBucket = new Map(rows.map((r) => [r.bucket, r.n]));
  const buckets: { from: number; label: string; count: number }[] = [];
  for (let from = -10; from <= 100; from += 10) {
    const label = from < 0 ? '< 0' : from >= 100 ? '100+' : `${from}–${from + 9}`;
    buckets.push({ from, label, count: byBucket.get(from) ?? 0 });
  }
  return buckets;
}

type EmailRow = { template: string; variant: string | null; sent: number; opened: number; clicked: number; bounced: number };

/** Marketing emails only: a rep opening their hot-lead notification says nothing about a campaign's copy. */
async function emailPerformance(db: Db, s: Scope) {
  const rows = await db.execute<EmailRow>(sql`
    select m.template, m.variant, count(*)::int as sent,
      count(*) filter (where ${ever('opened', 'clicked')})::int as opened,
      count(*) filter (where ${ever('clicked')})::int as clicked,
      count(*) filter (where ${ever('bounced')})::int as bounced
    from messages m where m.kind = 'marketing' and m.sent_at is not null ${leadScope(s, sql`m.to_email`)}
    group by 1, 2 order by 1, 2 nulls first`);
  const withRates = (r: Omit<EmailRow, 'variant'>) => ({ ...r, openRate: rate(r.opened, r.sent), clickRate: rate(r.clicked, r.sent) });
  const perTemplate = new Map<string, Omit<EmailRow, 'variant'>>();
  for (const r of rows) {
    const t = perTemplate.get(r.template) ?? { template: r.template, sent: 0, opened: 0, clicked: 0, bounced: 0 };
    perTemplate.set(r.template, { template: r.template, sent: t.sent + r.sent, opened: t.opened + r.opened, clicked: t.clicked + r.clicked, bounced: t.bounced + r.bounced });
  }
  const templates = [...perTemplate.values()].map(withRates);
  const variants = rows.filter((r) => r.variant !== null).map((r) => ({ ...withRates(r), variant: r.variant as string }));
  const totals = templates.reduce((a, t) => ({ template: 'all', sent: a.sent + t.sent, opened: a.opened + t.opened, clicked: a.clicked + t.clicked, bounced: a.bounced + t.bounced }), {
    template: 'all',
    sent: 0,
    opened: 0,
    clicked: 0,
    bounced: 0,
  });
  return { totals: withRates(totals), templates, variants };
}

export const dashboardRouter = router({
  summary: protectedProcedure.input(scopeInput.default({})).query(async ({ ctx, input }) => {
    const [counts, conv, handoff, scores, emails, bounce] = await Promise.all([
      stageCounts(ctx.db, input),
      conversion(ctx.db, input),
      handoffStats(ctx.db, input),
      scoreDistribution(ctx.db, input),
      emailPerformance(ctx.db, input),
      bounceStats(ctx.db, { ...input, sinceDays: 7 }),
    ]);
    return { ...counts, conversion: conv, handoff, scores, emails, bounce, generatedAt: new Date() };
  }),

  /** Journey steps for one lead's timeline; here because the leads router's details (owned elsewhere) do not include them. */
  leadSteps: protectedProcedure.input(z.object({ leadId: z.string().uuid() })).query(({ ctx, input }) => leadSteps(ctx.db, input.leadId)),
});
