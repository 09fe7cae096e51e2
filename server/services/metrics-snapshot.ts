/** Leadflow's business figures read from Postgres at scrape time, so every Next process and worker is counted once. */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** Seconds; 900 is the 15-minute hand-off SLA. */
export const HANDOFF_LATENCY_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 86_400] as const;
/** The window `lead_score_rate` averages over. */
export const SCORE_RATE_WINDOW_S = 300;
export const EMAIL_SUCCESS = ['sent', 'delivered', 'delivery_delayed', 'opened', 'clicked', 'complained'] as const;
export const EMAIL_FAILURE = ['failed', 'bounced'] as const;

export interface LatencyHistogram {
  /** Cumulative count per upper bound in HANDOFF_LATENCY_BUCKETS order. */
  buckets: number[];
  count: number;
  sum: number;
}

export interface MetricsSnapshot {
  leadsBySource: { source: string; n: number }[];
  eventsByType: { type: string; n: number }[];
  scoreChanges: number;
  scoreChangesRecent: number;
  /** kind: marketing, sales or account (sign-in links, resets, invitations), so team mail never inflates campaign figures. */
  emailsByStatus: { kind: string; status: string; n: number }[];
  emailSuccess24h: number;
  emailFailure24h: number;
  handoffs: { created: number; notified: number; acknowledged: number; open: number; slaBreaches: number; escalated: number; reminders: number };
  latency: { notified: LatencyHistogram; acknowledged: LatencyHistogram };
  outbox: { pending: number; lagSeconds: number; deadLetters: number };
  runs: { byStatus: { status: string; n: number }[] };
}

const num = (v: unknown) => Number(v ?? 0);

async function latency(db: Db): Promise<MetricsSnapshot['latency']> {
  const bounds = sql.raw(`array[${HANDOFF_LATENCY_BUCKETS.join(',')}]::float8[]`);
  // "Hot" is the event the journey reacted to (the lead's latest event before the hand-off); an API hand-off is hot when requested.
  const rows = await db.execute<{ le: number; notified: number; acknowledged: number }>(sql`
    with h as (
      select h.notified_at, h.acknowledged_at,
        case when h.request_key like 'api:%' then h.created_at
             else coalesce((select max(e.received_at) from lead_events e where e.lead_id = h.lead_id and e.received_at <= h.created_at), h.created_at) end as hot_at
      from handoffs h
    ), x as (
      select extract(epoch from notified_at - hot_at)::float8 as notify_s, extract(epoch from acknowledged_at - hot_at)::float8 as ack_s from h
    )
    select b.le, count(*) filter (where x.notify_s <= b.le)::int as notified, count(*) filter (where x.ack_s <= b.le)::int as acknowledged
    from unnest(${bounds}) as b(le) left join x on true group by b.le
    union all
    select 'Infinity'::float8, count(x.notify_s)::int, count(x.ack_s)::int from x
    union all
    select -1, coalesce(sum(greatest(x.notify_s, 0)), 0)::float8, coalesce(sum(greatest(x.ack_s, 0)), 0)::float8 from x`);
  const byLe = new Map(rows.map((r) => [num(r.le), r]));
  const hist = (key: 'notified' | 'acknowledged'): LatencyHistogram => ({
    buckets: HANDOFF_LATENCY_BUCKETS.map((b) => num(byLe.get(b)?.[key])),
    count: num(byLe.get(Infinity)?.[key]),
    sum: num(byLe.get(-1)?.[key]),
  });
  return { notified: hist('notified'), acknowledged: hist('acknowledged') };
}

export async function readMetricsSnapshot(db: Db): Promise<MetricsSnapshot> {
  const [leadsBySource, eventsByType, scoring, emailsByStatus, emails24h, handoffs, outbox, runs, lat] = await Promise.all([
    db.execute<{ source: string; n: number }>(sql`select source, count(*)::int as n from lead_touchpoints group by source`),
    db.execute<{ type: string; n: number }>(sql`select type, count(*)::int as n from lead_events group by type`),
    db.execute<{ total: number; recent: number }>(
      sql`select count(*)::int as total, count(*) filter (where created_at > now() - make_interval(secs => ${SCORE_RATE_WINDOW_S}))::int as recent from score_changes`,
    ),
    db.execute<{ kind: string; status: string; n: number }>(sql`select kind, status, count(*)::int as n from messages group by kind, status`),
    db.execute<{ ok: number; failed: number }>(sql`
      select count(*) filter (where status in ${sql.raw(`('${EMAIL_SUCCESS.join("','")}')`)})::int as ok,
             count(*) filter (where status in ${sql.raw(`('${EMAIL_FAILURE.join("','")}')`)})::int as failed
      from messages where created_at > now() - interval '24 hours' and kind <> 'account'`),
    db.execute<{ created: number; notified: number; acknowledged: number; open: number; breaches: number; escalated: number; reminders: number }>(sql`
      select count(*)::int as created,
             count(notified_at)::int as notified,
             count(acknowledged_at)::int as acknowledged,
             count(*) filter (where acknowledged_at is null)::int as open,
             count(*) filter (where coalesce(acknowledged_at, now()) > created_at + make_interval(mins => sla_minutes))::int as breaches,
             count(escalated_at)::int as escalated,
             coalesce(sum(reminders_sent), 0)::int as reminders
      from handoffs`),
    // The relay dead-letters a row (dead_at) after its last attempt; it stays until ops look at it.
    db.execute<{ pending: number; lag: number | null; dead: number }>(sql`
      select count(*) filter (where dead_at is null)::int as pending,
             extract(epoch from now() - min(created_at) filter (where dead_at is null))::float8 as lag,
             count(*) filter (where dead_at is not null)::int as dead
      from signal_outbox where delivered_at is null`),
    db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from journey_runs group by status`),
    latency(db),
  ]);
  const s = scoring[0];
  const e = emails24h[0];
  const h = handoffs[0];
  const o = outbox[0];
  return {
    leadsBySource: leadsBySource.map((r) => ({ source: r.source, n: num(r.n) })),
    eventsByType: eventsByType.map((r) => ({ type: r.type, n: num(r.n) })),
    scoreChanges: num(s?.total),
    scoreChangesRecent: num(s?.recent),
    emailsByStatus: emailsByStatus.map((r) => ({ kind: r.kind, status: r.status, n: num(r.n) })),
    emailSuccess24h: num(e?.ok),
    emailFailure24h: num(e?.failed),
    handoffs: {
      created: num(h?.created),
      notified: num(h?.notified),
      acknowledged: num(h?.acknowledged),
      open: num(h?.open),
      slaBreaches: num(h?.breaches),
      escalated: num(h?.escalated),
      reminders: num(h?.reminders),
    },
    latency: lat,
    outbox: { pending: num(o?.pending), lagSeconds: Math.max(0, num(o?.lag)), deadLetters: num(o?.dead) },
    runs: { byStatus: runs.map((r) => ({ status: r.status, n: num(r.n) })) },
  };
}
