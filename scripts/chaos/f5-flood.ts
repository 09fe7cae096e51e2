/**
 * F5: 100,000 events posted over HTTP to a real Next process (batches of 1,000 on several lanes, plus single events
 * from many concurrent senders) across leads whose journeys are running. Nothing is lost: every event is in Postgres
 * once, and each has reached its run (the run's own count of applied events says so) or is held for it in
 * absorbed_events per the park design. Prints the rate achieved, the time to drain, and the peak RSS of Next and
 * the worker read from /proc.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { inArray, sql } from 'drizzle-orm';
import { journeyRuns } from '@/db/schema';
import { createApi, runPool, type Api } from '../bench/http';
import { descendants } from '../bench/proc';
import { median } from '../bench/stats';
import { INBOX_PARTITIONS } from '@/server/services/inbox-apply';
import { chaosApp } from './app';
import { balanced, explain, internals, settle } from './f5-ledger';
import type { ChaosContext } from './context';
import type { Row } from './table';

const EVENTS = Number(process.env.CHAOS_F5_EVENTS ?? 100_000);
const LEADS = Number(process.env.CHAOS_F5_LEADS ?? 1_000);
const BATCH = 1_000;
/** Concurrent batch posts; each lane owns a slice of the leads, as one integration per source would. */
const LANES = Number(process.env.CHAOS_F5_LANES ?? 4);
/** This many of the events go one per request, from SINGLE_SENDERS concurrent senders, alongside the batches. */
const SINGLES = Number(process.env.CHAOS_F5_SINGLES ?? 5_000);
const SINGLE_SENDERS = Number(process.env.CHAOS_F5_SENDERS ?? 32);
const DRAIN_MS = Number(process.env.CHAOS_F5_DRAIN_MS ?? 600_000);
const TARGET_PER_SEC = 100_000 / 60;

interface FloodEvent {
  event_id: string;
  lead_id: string;
  type: string;
}

interface Sent {
  /** Milliseconds per answered batch request, for the median. */
  batchMs: number[];
  accepted: number;
  duplicates: number;
  rejected: number;
  retries: number;
  /** 503s with Retry-After from a full inbox. */
  throttled: number;
  errors: string[];
}

export async function f5Flood(ctx: ChaosContext): Promise<Row> {
  const app = await chaosApp(ctx.stack);
  const api = createApi(app.url, ctx.stack.env.LEADFLOW_DEV_API_KEY!);
  const started = Date.now();
  const problems: string[] = [];
  const tag = `f5-${Date.now().toString(36)}`;

  // Leads enter the default journey, get Email A and park in its 7-day wait for engagement.
  const leadIds = await captureParallel(ctx, LEADS);
  const emails = await ctx.measureEmails(leadIds, started, DRAIN_MS);
  const runs = await parkedRuns(ctx, leadIds, DRAIN_MS);
  if (runs.size < leadIds.length) problems.push(`only ${runs.size} of ${leadIds.length} journeys parked in their first wait before the flood`);
  const before = new Map([...(await internals(ctx, [...runs.values()]))].map(([w, s]) => [w, s.eventsSeen]));
  const captureSeconds = Math.round((Date.now() - started) / 1000);

  const { batches, singles, perLead } = plan(leadIds, tag);
  const memory = sampleMemory(ctx, app.child.proc.pid!);
  const floodStarted = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  const sent: Sent = { batchMs: [], accepted: 0, duplicates: 0, rejected: 0, retries: 0, throttled: 0, errors: [] };
  let lastAccepted = floodStarted;
  const note = (r: { accepted: number; duplicates: number; rejected: number }) => {
    sent.accepted += r.accepted;
    sent.duplicates += r.duplicates;
    sent.rejected += r.rejected;
    lastAccepted = Date.now();
  };
  await Promise.all([
    ...batches.map(async (lane) => {
      for (const events of lane) {
        const t = Date.now();
        note(await postWithRetry(api, { events }, sent, 180_000));
        sent.batchMs.push(Date.now() - t);
      }
    }),
    runPool(singles.length, SINGLE_SENDERS, DRAIN_MS, async (i) => note(await postWithRetry(api, singles[i]!, sent, 60_000))),
  ]);
  const sendMs = lastAccepted - floodStarted;
  const rate = (EVENTS / sendMs) * 1000;

  // Drained: inbox and outbox empty and every run parked, then every run's ledger balanced (or the deadline).
  const deadline = lastAccepted + DRAIN_MS;
  const { parked: parkedAgain, inboxEmptyAt } = await drain(ctx, [...runs.values()], DRAIN_MS);
  const ledgers = await settle(ctx, [...runs], before, perLead, tag, deadline);
  const drained = parkedAgain && ledgers.every(balanced);
  const drainMs = Date.now() - lastAccepted;
  const peak = memory.stop();

  const [stored] = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from lead_events where event_id like ${`${tag}-%`}`);
  const inPostgres = stored?.n ?? 0;
  const reached = ledgers.reduce((n, l) => n + l.applied, 0);
  const held = ledgers.reduce((n, l) => n + l.held, 0);
  const lostAtRuns = ledgers.reduce((n, l) => n + Math.max(0, l.expected - l.applied - l.held), 0);
  const doubled = ledgers.reduce((n, l) => n + Math.max(0, l.applied + l.held - l.expected), 0);
  const [outbox] = await ctx.db.execute<{ pending: number; dead: number }>(sql`
    select count(*) filter (where delivered_at is null and dead_at is null)::int as pending, count(*) filter (where dead_at is not null)::int as dead
    from signal_outbox where workflow_id in ${[...runs.values()]}`);

  const lost = Math.max(0, EVENTS - inPostgres) + lostAtRuns;
  if (inPostgres < EVENTS) problems.push(`${EVENTS - inPostgres} events posted are not in lead_events`);
  if (inPostgres > EVENTS) problems.push(`${inPostgres - EVENTS} more lead_events rows than events posted`);
  const unreadable = ledgers.filter((l) => l.unreadable).length;
  if (unreadable) problems.push(`${unreadable} runs did not answer the query for their applied-event count: their events are counted missing`);
  if (lostAtRuns) problems.push(`${lostAtRuns} events neither reached their run nor are held for it`, ...(await explain(ctx, ledgers)));
  if (doubled) problems.push(`${doubled} events applied or held more than once`);
  if (sent.rejected) problems.push(`${sent.rejected} events rejected`);
  if (outbox?.dead) problems.push(`${outbox.dead} signals dead-lettered`);
  if (!drained) problems.push(`not drained within ${DRAIN_MS / 1000} s after the last 202 (${outbox?.pending ?? '?'} signals pending)`);
  for (const [name, child] of [['Next', app.child], ['worker', ctx.worker.current]] as const) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) problems.push(`${name} exited during the flood (${child.proc.exitCode ?? child.proc.signalCode})`);
  }

  return {
    scenario: `F5 ${EVENTS.toLocaleString('en')} events over HTTP (${leadIds.length} leads in running journeys)`,
    emails,
    events: { sent: EVENTS, stored: inPostgres, reached, held, lost, duplicated: doubled },
    seconds: Math.round((Date.now() - started) / 1000),
    details: [
      `sent in ${(sendMs / 1000).toFixed(1)} s = ${Math.round(rate)} events/s (${rate >= TARGET_PER_SEC ? 'meets' : 'below'} the 1,667/s of 100,000 in 60 s), ${LANES} lanes of ${BATCH}-event batches (median ${(median(sent.batchMs) / 1000).toFixed(1)} s each) + ${SINGLES} single events from ${SINGLE_SENDERS} senders; box load average ${loadAtStart.toFixed(1)} on ${os.cpus().length} cores at the start; ${sent.retries} retried requests, ${sent.throttled} answered 503 (inbox full)${sent.errors[0] ? ` (first: ${sent.errors[0]})` : ''}`,
      `202s: ${sent.accepted} accepted + ${sent.duplicates} duplicates (retries of requests that had landed); drained ${drained ? `${(drainMs / 1000).toFixed(1)} s` : 'NOT'} after the last 202 (inbox and outbox empty, every run parked, each run's applied + held = sent); the inbox alone was applied ${inboxEmptyAt ? `${(Math.max(0, inboxEmptyAt - lastAccepted) / 1000).toFixed(1)} s` : 'NOT'} after it (${INBOX_PARTITIONS} partitions in parallel)`,
      `${reached} applied by their runs, ${held} held for parked runs (absorbed_events); capture + Email A to ${leadIds.length} leads took ${captureSeconds} s`,
      `peak RSS during the flood: Next ${mb(peak.next)}, worker ${mb(peak.worker)} (VmHWM since start: Next ${mb(hwmKb(app.child.proc.pid!))}, worker ${mb(hwmKb(ctx.worker.current.proc.pid!))})`,
    ],
    problems,
  };
}

/** Every lead gets EVENTS / LEADS events: mostly opens (5 points once), and for a third of them one whitepaper download (15) mid-way, which wakes its run into Email B. */
function plan(leadIds: string[], tag: string): { batches: FloodEvent[][][]; singles: FloodEvent[]; perLead: Map<string, string[]> } {
  const perLead = new Map<string, string[]>();
  const lanes: FloodEvent[][] = Array.from({ length: LANES }, () => []);
  const singles: FloodEvent[] = [];
  const singleEvery = SINGLES > 0 ? Math.max(1, Math.floor(EVENTS / SINGLES)) : Infinity;
  const rounds = Math.ceil(EVENTS / leadIds.length);
  for (let i = 0; i < EVENTS; i++) {
    const li = i % leadIds.length;
    const leadId = leadIds[li]!;
    const round = Math.floor(i / leadIds.length);
    const type = li % 3 === 0 && round === Math.floor(rounds / 2) ? 'download_whitepaper' : 'email_open';
    const event = { event_id: `${tag}-${i}`, lead_id: leadId, type };
    (perLead.get(leadId) ?? perLead.set(leadId, []).get(leadId)!).push(event.event_id);
    if (i % singleEvery === 0 && singles.length < SINGLES) singles.push(event);
    else lanes[li % LANES]!.push(event);
  }
  const batches = lanes.map((events) => Array.from({ length: Math.ceil(events.length / BATCH) }, (_, b) => events.slice(b * BATCH, (b + 1) * BATCH)));
  return { batches, singles, perLead };
}

/** A client that does what a real integration does on a timeout or 5xx: send the same events again (their ids make that safe). */
async function postWithRetry(api: Api, body: unknown, sent: Sent, timeoutMs: number): Promise<{ accepted: number; duplicates: number; rejected: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await api.post('/api/events', body, timeoutMs);
      const json = res.json as { accepted?: number; duplicates?: number; rejected?: unknown[] } | null;
      if (res.status === 202) return { accepted: json?.accepted ?? 0, duplicates: json?.duplicates ?? 0, rejected: json?.rejected?.length ?? 0 };
      // Backpressure is not a failure: wait as told and send the same events again, as a well-behaved client does.
      if (res.status === 503 && attempt < 60) {
        sent.throttled++;
        attempt--;
        await new Promise((r) => setTimeout(r, (res.retryAfter ?? 1) * 1000));
        continue;
      }
      throw new Error(`${res.status} ${JSON.stringify(res.json).slice(0, 160)}`);
    } catch (err) {
      sent.errors.push(err instanceof Error ? err.message : String(err));
      if (attempt >= 5) throw err;
      sent.retries++;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function captureParallel(ctx: ChaosContext, n: number): Promise<string[]> {
  const stamp = Date.now().toString(36);
  const pool = await runPool(n, 8, DRAIN_MS, async (i) => {
    const res = await ctx.captureLead(ctx.db, { email: `chaos-f5-${i}-${stamp}@acme.test`, source: 'api', first_name: 'Lan', properties: {} });
    void ctx.relay.deliver(res.outboxIds).catch(() => undefined);
    return res.leadId;
  });
  if (pool.errors.length) throw new Error(`capture failed for ${pool.errors.length} leads: ${pool.errors[0]}`);
  return pool.results;
}

/** lead id → workflow id, once every run is parked in a wait (park spec written by the run itself). */
async function parkedRuns(ctx: ChaosContext, leadIds: string[], timeoutMs: number): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await ctx.db.select({ leadId: journeyRuns.leadId, workflowId: journeyRuns.workflowId, park: journeyRuns.park, status: journeyRuns.status }).from(journeyRuns).where(inArray(journeyRuns.leadId, leadIds));
    const parked = rows.filter((r) => r.status === 'running' && r.park);
    if (parked.length >= leadIds.length || Date.now() > deadline) return new Map(parked.map((r) => [r.leadId, r.workflowId]));
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Drained: the event inbox empty, no signal for these runs left in the outbox, every run parked again, and no journey step for 2 s. */
/** Waits for inbox and outbox to empty and every run to park again; also when the inbox alone emptied (the appliers' share of the drain). */
async function drain(ctx: ChaosContext, workflowIds: string[], timeoutMs: number): Promise<{ parked: boolean; inboxEmptyAt: number | null }> {
  const deadline = Date.now() + timeoutMs;
  const list = workflowIds;
  let inboxEmptyAt: number | null = null;
  while (Date.now() < deadline) {
    const [row] = await ctx.db.execute<{ pending: number; inbox: number; busy: number; idle_ms: number | null }>(sql`
      select (select count(*) from signal_outbox where workflow_id in ${list} and delivered_at is null and dead_at is null)::int as pending,
             (select count(*) from event_inbox)::int as inbox,
             (select count(*) from journey_runs where workflow_id in ${list} and (park is null or status <> 'running'))::int as busy,
             (extract(epoch from now() - (select max(at) from journey_steps where workflow_id in ${list})) * 1000)::float8 as idle_ms`);
    if (row && row.inbox === 0) inboxEmptyAt ??= Date.now();
    if (row && row.pending + row.inbox === 0 && row.busy === 0 && (row.idle_ms === null || row.idle_ms >= 2_000)) return { parked: true, inboxEmptyAt };
    await new Promise((r) => setTimeout(r, 500));
  }
  return { parked: false, inboxEmptyAt };
}

function rssKbOf(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return kb;
}

/** Peak resident memory since the process started (the kernel's high-water mark), largest process of the tree. */
function hwmKb(root: number): number {
  return Math.max(
    0,
    ...[root, ...descendants(root)].map((pid) => {
      try {
        return Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        return 0;
      }
    }),
  );
}

/** Samples the RSS of Next's and the worker's process trees every 250 ms and keeps the peaks. */
function sampleMemory(ctx: ChaosContext, nextPid: number): { stop(): { next: number; worker: number } } {
  const peak = { next: 0, worker: 0 };
  const take = () => {
    const workerPid = ctx.worker.current.proc.pid;
    peak.next = Math.max(peak.next, rssKbOf([nextPid, ...descendants(nextPid)]));
    if (workerPid) peak.worker = Math.max(peak.worker, rssKbOf([workerPid, ...descendants(workerPid)]));
  };
  take();
  const timer = setInterval(take, 250);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
