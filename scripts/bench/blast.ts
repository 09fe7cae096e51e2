/**
 * Hot → owner notified during a 10,000-email blast: the blast goes through the worker's batch path to the mail sink,
 * whose delivered (and some opened) webhooks flow back into the app, while warm leads turn hot one by one.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import type postgres from 'postgres';
import { blastWorkflowId, bulkTaskQueue, type BlastInput, type BlastTotals } from '@/lib/journey/contract';
import type { BenchConfig } from './config';
import { prepareWarmLeads } from './handoff';
import { type Api, pollUntil, sleep } from './http';
import { eventId } from './ingestion';
import type { Report } from './report';
import { stackCpu } from './proc';
import { ms, note, perSecond, printTable, summarize } from './stats';

interface SinkRequest {
  path: string;
  size: number;
  status: number;
  at: number;
}
interface SinkMessage {
  id: string;
  created_at: string;
  tags?: { name: string; value: string }[];
}

const sinkJson = async <T>(sink: string, path: string, init?: RequestInit): Promise<T> => (await (await fetch(`${sink}${path}`, init)).json()) as T;

/** The blast's audience, written straight into Postgres: 10,000 captures over HTTP would be a different benchmark. */
async function seedAudience(sql: postgres.Sql, count: number, source: string): Promise<void> {
  for (let i = 0; i < count; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({ email: `blast-${source}-${i + j}@bench.leadflow.test`, first_name: 'Blast', source, last_action: 'visit_pricing' }));
    await sql`insert into leads ${sql(rows, 'email', 'first_name', 'source', 'last_action')}`;
  }
}

export async function measureBlast(api: Api, sql: postgres.Sql, client: Client, taskQueue: string, mailSink: string, cfg: BenchConfig, report: Report): Promise<void> {
  const source = `bench-blast-${Date.now().toString(36)}`;
  const seeded = Date.now();
  await seedAudience(sql, cfg.blastEmails, source);
  const seedMs = Date.now() - seeded;
  const warm = await prepareWarmLeads(api, sql, cfg, cfg.blastHotSamples, 'blast-hot');
  // Every accepted email comes back as a signed email.delivered webhook to the app, as Resend would send it.
  await sinkJson(mailSink, '/_sink/config', { method: 'POST', body: JSON.stringify({ autoDeliver: true }) });
  const requestsBefore = (await sinkJson<{ data: SinkRequest[] }>(mailSink, '/_sink/requests')).data.length;

  const blastId = randomUUID();
  const input: BlastInput = { blastId, template: 're-engage', audience: { source }, startedAt: new Date().toISOString() };
  const load0 = os.loadavg()[0]!;
  const cpu0 = stackCpu();
  const started = Date.now();
  // On the bulk queue, as the product starts blasts: the bulk worker process renders and sends them.
  const handle = await client.workflow.start('emailBlastWorkflow', { workflowId: blastWorkflowId(blastId), taskQueue: bulkTaskQueue(taskQueue), args: [input] });
  let blastDone = false;
  const result = handle.result().finally(() => (blastDone = true)) as Promise<BlastTotals>;

  // Opens come back too (one in five, a little after delivery): events the app scores, on top of the delivered webhooks.
  let opens = 0;
  let openedUpTo = '';
  const opener = (async () => {
    while (!blastDone) {
      await sleep(1_000);
      const sent = await sql<{ id: string; provider_id: string }[]>`
        select id, provider_id from messages
        where workflow_id = ${blastWorkflowId(blastId)} and provider_id is not null and id::text > ${openedUpTo}
        order by id limit 2000`;
      if (!sent.length) continue;
      openedUpTo = sent.at(-1)!.id;
      await Promise.all(
        sent
          .filter((_, i) => i % 5 === 0)
          .map(async (m) => {
            await fetch(`${mailSink}/_sink/messages/${m.provider_id}/events`, { method: 'POST', body: JSON.stringify({ type: 'email.opened' }) });
            opens++;
          }),
      );
    }
  })();

  // Hot samples spread over the blast: the first once a tenth of it has gone out, then one a second while it lasts.
  await pollUntil(async () => ((await sql<{ n: number }[]>`select count(*)::int as n from messages where workflow_id = ${blastWorkflowId(blastId)} and status <> 'queued'`)[0]!.n >= cfg.blastEmails / 10 || blastDone ? true : null), cfg.blastTimeoutMs, 500);
  const postedAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const demoIds = new Map<string, string>();
  for (const leadId of warm.ids) {
    if (blastDone) break;
    const at = Date.now();
    const id = eventId('blast-demo');
    const res = await api.post('/api/events', { event_id: id, lead_id: leadId, type: 'schedule_demo' });
    if (res.status === 202) {
      postedAt.set(leadId, at);
      answeredAt.set(leadId, Date.now());
      demoIds.set(leadId, id);
    }
    await sleep(1_000);
  }
  const totals = await Promise.race([result.catch(() => null), sleep(cfg.blastTimeoutMs).then(() => null)]);
  const finished = Date.now();
  const cpu1 = stackCpu();
  blastDone = true;
  await opener;
  const load1 = os.loadavg()[0]!;

  const leadIds = [...postedAt.keys()];
  if (leadIds.length)
    await pollUntil(async () => ((await sql<{ n: number }[]>`select count(*)::int as n from handoffs where lead_id in ${sql(leadIds)} and notified_at is not null`)[0]!.n >= leadIds.length ? true : null), cfg.settleTimeoutMs, 200);
  const rows = leadIds.length
    ? await sql<{ id: string; lead_id: string; notified_at: Date | null; created_at: Date; handoff_at: Date | null }[]>`
        select m.id, m.lead_id, m.created_at, h.notified_at, h.created_at as handoff_at from messages m left join handoffs h on h.lead_id = m.lead_id
        where m.template = 'sales-hot-lead' and m.lead_id in ${sql(leadIds)}`
    : [];
  const applied = leadIds.length
    ? new Map((await sql<{ lead_id: string; received_at: Date }[]>`select lead_id, received_at from lead_events where event_id in ${sql([...demoIds.values()])}`).map((r) => [r.lead_id, r.received_at.getTime()]))
    : new Map<string, number>();
  const sales = (await sinkJson<{ data: SinkMessage[] }>(mailSink, `/_sink/messages?to=${encodeURIComponent('@sales.leadflow.local')}`)).data;
  const sinkAt = new Map(sales.flatMap((m) => ((id) => (id ? [[id, Date.parse(m.created_at)] as const] : []))(m.tags?.find((t) => t.name === 'message_id')?.value)));
  const toSink: number[] = [];
  const toNotified: number[] = [];
  // Where each sample's time went: answered (202) → applied (lead_events row) → hand-off row → sales message row → sink.
  const stages = ['POST → 202', '202 → applied', 'applied → hand-off row', 'hand-off row → sales message row', 'message row → sink'] as const;
  const spans: { lead: string; total: number; parts: number[] }[] = [];
  for (const r of rows) {
    const start = postedAt.get(r.lead_id)!;
    const accepted = sinkAt.get(r.id);
    if (accepted !== undefined) toSink.push(accepted - start);
    if (r.notified_at) toNotified.push(r.notified_at.getTime() - start);
    const marks = [start, answeredAt.get(r.lead_id), applied.get(r.lead_id), r.handoff_at?.getTime(), r.created_at.getTime(), accepted];
    if (accepted !== undefined && marks.every((m) => m !== undefined)) spans.push({ lead: r.lead_id, total: accepted - start, parts: marks.slice(1).map((m, i) => m - marks[i]!) });
  }
  spans.sort((a, b) => b.total - a.total);

  const requests = (await sinkJson<{ data: SinkRequest[] }>(mailSink, '/_sink/requests')).data.slice(requestsBefore);
  const batches = requests.filter((r) => r.path === '/emails/batch');
  const ok = batches.filter((r) => r.status === 200);
  const first = batches[0]?.at ?? started;
  const last = batches.at(-1)?.at ?? finished;
  const emailed = ok.reduce((n, r) => n + r.size, 0);
  const [delivered] = await sql<{ n: number }[]>`select count(*)::int as n from messages where workflow_id = ${blastWorkflowId(blastId)} and status in ('delivered', 'opened', 'clicked')`;
  const sinkS = summarize(toSink);
  const notifiedS = summarize(toNotified);
  const rps = process.env.RESEND_REQUESTS_PER_SECOND ?? 'unset (none against the sink)';

  printTable(`7. Hot → owner notified during a ${cfg.blastEmails.toLocaleString('en')}-email blast (provider limit ${rps} requests/s)`, ['measure', 'value'], [
    ['blast result', totals ? `${totals.sent} sent, ${totals.skipped} skipped, ${totals.overLimit} over limit, ${totals.failed} failed` : `not finished within ${cfg.blastTimeoutMs / 1000} s`],
    ['blast start → last batch accepted', ms(last - started)],
    ['blast throughput (first → last batch call)', perSecond(emailed / Math.max(0.001, (last - first) / 1000), ' emails/s')],
    ['batch calls (200 / 429 / other)', `${ok.length} / ${batches.filter((r) => r.status === 429).length} / ${batches.length - ok.length - batches.filter((r) => r.status === 429).length}, largest ${Math.max(0, ...batches.map((r) => r.size))}`],
    ['single /emails calls during the blast', `${requests.filter((r) => r.path === '/emails').length}`],
    ['webhooks back: delivered rows / opens posted', `${delivered?.n ?? 0} / ${opens}`],
    ['hot → sales-hot-lead at the sink p50 / p99 / max', `${ms(sinkS.p50)} / ${ms(sinkS.p99)} / ${ms(sinkS.max)} (${sinkS.n}/${leadIds.length})`],
    ['CPU during the blast: worker (hot lane) / bulk worker / Next / Temporal / Postgres', (['worker', 'bulk worker', 'Next', 'Temporal server', 'Postgres'] as const).map((p) => `${((cpu1[p] - cpu0[p]) / 1000).toFixed(1)} s`).join(' / ')],
    ['hot → handoffs.notified_at p50 / p99', `${ms(notifiedS.p50)} / ${ms(notifiedS.p99)} (${notifiedS.n}/${leadIds.length})`],
  ]);
  if (spans.length)
    printTable('7b. Where the hot samples’ time went during the blast (Postgres and sink clocks, this machine)', ['stage', 'p50', 'p99', 'max', 'slowest sample'], stages.map((name, i) => {
      const st = summarize(spans.map((sp) => sp.parts[i]!));
      return [name, ms(st.p50), ms(st.p99), ms(st.max), ms(spans[0]!.parts[i]!)];
    }));
  note(`audience seeded in ${ms(seedMs)}; ${warm.idle}/${warm.ids.length} hot candidates idle at 45 points; load average ${load0.toFixed(2)} at the start, ${load1.toFixed(2)} at the end, ${os.cpus().length} cores; aim hot → notified p99 < 2 s`);
  report.add('blast', 'blast emails/s', `${perSecond(emailed / Math.max(0.001, (last - first) / 1000), '')} (${ok.length} batch calls, ${emailed} emails, limit ${rps})`);
  report.add('blast', 'hot → sink p50/p99 during blast', `${ms(sinkS.p50)} / ${ms(sinkS.p99)} (${sinkS.n} samples, aim p99 < 2 s)`);
  report.add('blast', 'hot → notified_at p50/p99', `${ms(notifiedS.p50)} / ${ms(notifiedS.p99)}`);
  report.add('blast', 'CPU s: worker / bulk worker', `${((cpu1.worker - cpu0.worker) / 1000).toFixed(1)} / ${((cpu1['bulk worker'] - cpu0['bulk worker']) / 1000).toFixed(1)}`);
  report.add('blast', 'load average start / end', `${load0.toFixed(2)} / ${load1.toFixed(2)}`);
}
