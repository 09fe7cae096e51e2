/** Hot → owner notified: leads at 45 points get schedule_demo (+30) under background load; timed until the sales email is accepted. */
import type postgres from 'postgres';
import { startBackground } from './background';
import type { BenchConfig } from './config';
import { type Api, firstError, pollUntil, runPool, sleep } from './http';
import { eventId } from './ingestion';
import { captureLeads, waitIdle, waitQuiet } from './leads';
import type { Report } from './report';
import { ms, note, perSecond, printTable, summarize } from './stats';

interface SinkMessage {
  created_at: string;
  tags?: { name: string; value: string }[];
}

export async function prepareWarmLeads(api: Api, sql: postgres.Sql, cfg: BenchConfig, count = cfg.handoffSamples, tag = 'hot'): Promise<{ ids: string[]; idle: number }> {
  const captured = await captureLeads(api, count, tag, cfg.concurrency, cfg.loopTimeoutMs);
  await waitIdle(sql, captured.ids, ['wait-a'], cfg.settleTimeoutMs);
  // 25 + 20 = 45: the default journey routes this to Email C and waits there, one step below hot.
  const events = captured.ids.flatMap((leadId) => [
    { event_id: eventId('warm'), lead_id: leadId, type: 'visit_pricing' },
    { event_id: eventId('warm'), lead_id: leadId, type: 'webinar_register' },
  ]);
  const res = await api.post('/api/events', { events });
  if (res.status !== 202) throw new Error(`warming batch → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
  const idle = await waitIdle(sql, captured.ids, ['wait-c'], cfg.settleTimeoutMs);
  await waitQuiet(sql, cfg.settleTimeoutMs);
  return { ids: captured.ids, idle: idle.idle };
}

export async function measureHandoff(api: Api, sql: postgres.Sql, mailSink: string, backgroundLeads: string[], cfg: BenchConfig, report: Report): Promise<void> {
  const warm = await prepareWarmLeads(api, sql, cfg);
  const postedAt = new Map<string, number>();

  const background = startBackground(api, backgroundLeads, cfg.backgroundRate, cfg.loopTimeoutMs + cfg.settleTimeoutMs + 10_000);
  await sleep(2_000);
  const posted = await runPool(warm.ids.length, 2, cfg.loopTimeoutMs, async (i) => {
    const leadId = warm.ids[i]!;
    await sleep(100 + Math.random() * 300);
    // Wall clock, because the end points are timestamps written by the mail sink and by Postgres on this machine.
    const at = Date.now();
    const res = await api.post('/api/events', { event_id: eventId('demo'), lead_id: leadId, type: 'schedule_demo' });
    if (res.status !== 202) throw new Error(`POST /api/events → ${res.status}`);
    postedAt.set(leadId, at);
  });
  const leadIds = [...postedAt.keys()];
  const done = leadIds.length
    ? await pollUntil(
        async () => {
          const [row] = await sql<{ n: number }[]>`select count(*)::int as n from handoffs where lead_id in ${sql(leadIds)} and notified_at is not null`;
          return (row?.n ?? 0) >= leadIds.length ? true : null;
        },
        cfg.settleTimeoutMs,
        200,
      )
    : null;
  const bg = await background.stop();

  const rows = leadIds.length
    ? await sql<{ id: string; lead_id: string; handoff_created: Date | null; notified_at: Date | null }[]>`
        select m.id, m.lead_id, h.created_at as handoff_created, h.notified_at
        from messages m left join handoffs h on h.lead_id = m.lead_id
        where m.template = 'sales-hot-lead' and m.lead_id in ${sql(leadIds)}`
    : [];
  const sinkRes = await fetch(`${mailSink}/_sink/messages?to=${encodeURIComponent('@sales.leadflow.local')}`);
  const sink = ((await sinkRes.json()) as { data?: SinkMessage[] }).data ?? [];
  const sinkAt = new Map<string, number>();
  for (const m of sink) {
    const id = m.tags?.find((t) => t.name === 'message_id')?.value;
    if (id) sinkAt.set(id, Date.parse(m.created_at));
  }

  const toSink: number[] = [];
  const toNotified: number[] = [];
  const toHandoff: number[] = [];
  for (const r of rows) {
    const start = postedAt.get(r.lead_id);
    if (start === undefined) continue;
    const accepted = sinkAt.get(r.id);
    if (accepted !== undefined) toSink.push(accepted - start);
    if (r.notified_at) toNotified.push(r.notified_at.getTime() - start);
    if (r.handoff_created) toHandoff.push(r.handoff_created.getTime() - start);
  }
  const sinkS = summarize(toSink);
  const notifiedS = summarize(toNotified);
  const handoffS = summarize(toHandoff);
  printTable(`4. Hot → owner notified (45 → schedule_demo → 75) at ${perSecond(bg.achievedPerSec, ' ev/s')} background`, ['from POST until', 'p50', 'p99', 'max', 'samples'], [
    ['handoffs row created', ms(handoffS.p50), ms(handoffS.p99), ms(handoffS.max), `${handoffS.n}`],
    ['sales-hot-lead accepted by mail sink', ms(sinkS.p50), ms(sinkS.p99), ms(sinkS.max), `${sinkS.n}/${leadIds.length}`],
    ['handoffs.notified_at set', ms(notifiedS.p50), ms(notifiedS.p99), ms(notifiedS.max), `${notifiedS.n}/${leadIds.length}`],
  ]);
  note(`end points: the mail sink's own created_at for the message (matched by its message_id tag) and handoffs.notified_at; aim p99 < 1 s`);
  note(`${warm.idle}/${warm.ids.length} leads were idle in wait-c at 45 points before the sample${done ? '' : `; not every hand-off was notified within ${cfg.settleTimeoutMs / 1000} s`}${firstError(posted.errors)}`);
  report.add('handoff', 'hot → mail sink p50/p99', `${ms(sinkS.p50)} / ${ms(sinkS.p99)} (${sinkS.n} samples, aim p99 < 1 s)`);
  report.add('handoff', 'hot → notified_at p50/p99', `${ms(notifiedS.p50)} / ${ms(notifiedS.p99)}`);
  report.add('handoff', 'background achieved', `${perSecond(bg.achievedPerSec, ' ev/s')}, ${bg.failed} failed`);
}
