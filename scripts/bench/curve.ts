/**
 * Latency and cost against load: background email_open steps (10, 25, 50, 100 ev/s by default); per step the
 * event → reaction (the woken run's position written to journey_runs) and hot → notified p50/p99, CPU-ms per event of each stack process (from /proc), Temporal
 * history events and activities per event, and the knee (highest rate with p99 < 1 s).
 */
import type { Client } from '@temporalio/client';
import type postgres from 'postgres';
import { startBackground } from './background';
import type { BenchConfig } from './config';
import type { TemporalFloor } from './floor-temporal';
import { prepareWarmLeads } from './handoff';
import { type Api, pollUntil, runPool, sleep } from './http';
import { eventId } from './ingestion';
import { captureLeads, waitIdle, waitQuiet, workflowIds } from './leads';
import { STACK_PARTS, stackCpu, type StackPart } from './proc';
import type { Report } from './report';
import { ms, note, printTable, summarize, type Summary } from './stats';

/** Stack CPU-ms per event that issue 8 measured before any of its work, by background rate. */
const ISSUE_CPU_MS: Record<number, number> = { 10: 98, 20: 78, 40: 51 };

export interface StepResult {
  target: number;
  achieved: number;
  react: Summary;
  hot: Summary;
  cpu: Record<StackPart, number>;
  cpuTotal: number;
  coresBusy: number;
  history: { events: number; activities: number; localActivities: number; timers: number; leadEvents: number };
  drained: boolean;
}

/** History growth of a sample of background workflows, split by kind, and the lead events they received. */
async function historySample(client: Client, sql: postgres.Sql, sample: { leadId: string; workflowId: string }[], lengths: Map<string, number>, since: Date) {
  const out = { events: 0, activities: 0, localActivities: 0, timers: 0, leadEvents: 0 };
  for (const { workflowId } of sample) {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const fresh = events.filter((e) => Number(e.eventId) > (lengths.get(workflowId) ?? 0));
    out.events += fresh.length;
    out.activities += fresh.filter((e) => e.activityTaskScheduledEventAttributes).length;
    out.localActivities += fresh.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length;
    out.timers += fresh.filter((e) => e.timerStartedEventAttributes).length;
  }
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from lead_events where lead_id in ${sql(sample.map((s) => s.leadId))} and received_at >= ${since}`;
  out.leadEvents = row?.n ?? 0;
  return out;
}

async function lengthsOf(client: Client, sample: { workflowId: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const { workflowId } of sample) out.set(workflowId, (await client.workflow.getHandle(workflowId).describe()).historyLength);
  return out;
}

export interface CurveResult {
  steps: StepResult[];
  /** Highest step whose p99 stayed under 1 s; 0 when none did. */
  reactKnee: number;
  hotKnee: number;
}

/** `label` names the stack shape (e.g. "one worker") in the titles and summary when one run measures several curves. */
export async function measureCurve(api: Api, sql: postgres.Sql, client: Client, pool: string[], cfg: BenchConfig, floor: TemporalFloor | null, report: Report, label?: string): Promise<CurveResult> {
  const rates = cfg.curveRates;
  const perStep = cfg.curveSamples;
  const reactLeads = await captureLeads(api, rates.length * perStep, 'curve-react', cfg.concurrency, cfg.loopTimeoutMs);
  await waitIdle(sql, reactLeads.ids, ['wait-a'], cfg.settleTimeoutMs);
  const reactWorkflows = await workflowIds(sql, reactLeads.ids);
  const warm = await prepareWarmLeads(api, sql, cfg, rates.length * perStep, 'curve-hot');
  const poolWorkflows = await workflowIds(sql, pool.slice(0, 20));
  const sample = [...poolWorkflows].map(([leadId, workflowId]) => ({ leadId, workflowId }));

  // What the stack burns with no traffic: at low rates this idle CPU, spread over few events, is most of the cost.
  await waitQuiet(sql, cfg.settleTimeoutMs);
  const idle0 = stackCpu();
  const idleWall0 = performance.now();
  await sleep(cfg.idleMs);
  const idle1 = stackCpu();
  const idleSec = (performance.now() - idleWall0) / 1000;
  const idle = Object.fromEntries(STACK_PARTS.map((p) => [p, (idle1[p] - idle0[p]) / idleSec])) as Record<StackPart, number>;

  const results: StepResult[] = [];
  for (const [step, rate] of rates.entries()) {
    await waitQuiet(sql, cfg.settleTimeoutMs);
    const lengths = await lengthsOf(client, sample);
    const since = new Date();
    const cpu0 = stackCpu();
    const wall0 = performance.now();
    const bg = startBackground(api, pool, rate, cfg.curveStepMs + 10_000);
    await sleep(1_500);
    const reactIds = reactLeads.ids.slice(step * perStep, (step + 1) * perStep);
    const hotIds = warm.ids.slice(step * perStep, (step + 1) * perStep);
    const spacing = Math.max(100, (cfg.curveStepMs - 3_000) / perStep);
    const hotPosted = new Map<string, number>();
    const [react] = await Promise.all([
      runPool(reactIds.length, 1, cfg.curveStepMs + 15_000, async (i) => {
        await sleep(spacing * Math.random());
        const workflowId = reactWorkflows.get(reactIds[i]!)!;
        const postedAt = new Date();
        const started = performance.now();
        // Cold → warm: an event the parked run wakes for.
        const res = await api.post('/api/events', { event_id: eventId('curve'), lead_id: reactIds[i], type: 'visit_pricing' });
        if (res.status !== 202) throw new Error(`POST /api/events → ${res.status}`);
        // The woken pass ends by writing the run's position and park (one bookkeeping write): read from Postgres, not by
        // querying the run every 20 ms, since those queries cost the worker and Temporal more CPU than the events measured.
        const seen = await pollUntil(async () => {
          const [row] = await sql<{ updated_at: Date }[]>`select updated_at from journey_runs where workflow_id = ${workflowId}`;
          return row && row.updated_at > postedAt ? true : null;
        }, 10_000, 20);
        if (!seen) throw new Error('no reaction within 10 s');
        return performance.now() - started;
      }),
      runPool(hotIds.length, 1, cfg.curveStepMs + 15_000, async (i) => {
        await sleep(spacing * Math.random());
        const at = Date.now();
        const res = await api.post('/api/events', { event_id: eventId('curve-demo'), lead_id: hotIds[i], type: 'schedule_demo' });
        if (res.status !== 202) throw new Error(`POST /api/events → ${res.status}`);
        hotPosted.set(hotIds[i]!, at);
      }),
    ]);
    const remaining = cfg.curveStepMs - (performance.now() - wall0);
    if (remaining > 0) await sleep(remaining);
    const bgStats = await bg.stop();
    // CPU counts until the stack has worked off what this step sent, so a backlog is not billed to the next step.
    const drained = (await waitQuiet(sql, cfg.settleTimeoutMs)).quiet;
    const cpu1 = stackCpu();
    const wallMs = performance.now() - wall0;
    const hotMs: number[] = [];
    if (hotPosted.size) {
      const rows = await sql<{ lead_id: string; notified_at: Date | null }[]>`select lead_id, min(notified_at) as notified_at from handoffs where lead_id in ${sql([...hotPosted.keys()])} group by lead_id`;
      for (const r of rows) if (r.notified_at) hotMs.push(r.notified_at.getTime() - hotPosted.get(r.lead_id)!);
    }
    const events = bgStats.sent + reactIds.length + hotIds.length;
    const cpu = Object.fromEntries(STACK_PARTS.map((p) => [p, (cpu1[p] - cpu0[p]) / Math.max(1, events)])) as Record<StackPart, number>;
    const cpuTotal = STACK_PARTS.reduce((sum, p) => sum + cpu[p], 0);
    results.push({
      target: rate,
      achieved: bgStats.achievedPerSec,
      react: summarize(react.results),
      hot: summarize(hotMs),
      cpu,
      cpuTotal,
      coresBusy: STACK_PARTS.reduce((sum, p) => sum + (cpu1[p] - cpu0[p]), 0) / wallMs,
      history: await historySample(client, sql, sample, lengths, since),
      drained,
    });
  }

  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
  printTable(
    `7. Latency and cost against load${label ? `, ${label}` : ''} (${perStep} reaction + ${perStep} hot samples per step, ${cfg.curveStepMs / 1000} s steps)`,
    ['target', 'achieved', 'reaction p50 / p99', 'hot → notified p50 / p99', 'CPU-ms/ev', 'cores busy'],
    results.map((r) => [`${r.target} ev/s`, `${r.achieved.toFixed(1)} ev/s`, `${ms(r.react.p50)} / ${ms(r.react.p99)} (${r.react.n})`, `${ms(r.hot.p50)} / ${ms(r.hot.p99)} (${r.hot.n})`, f(r.cpuTotal), r.coresBusy.toFixed(2)]),
  );
  printTable('   CPU-ms per event by process (from /proc; counted until the step drained)', ['target', ...STACK_PARTS, 'stack total'], results.map((r) => [`${r.target} ev/s`, ...STACK_PARTS.map((p) => f(r.cpu[p])), f(r.cpuTotal)]));
  const idleTotal = STACK_PARTS.reduce((sum, p) => sum + idle[p], 0);
  printTable(
    `   Idle CPU with no traffic (${(cfg.idleMs / 1000).toFixed(0)} s before the first step), CPU-ms per second, and its share of each step's CPU-ms per event`,
    ['', ...STACK_PARTS, 'stack total'],
    [['idle CPU-ms/s', ...STACK_PARTS.map((p) => f(idle[p])), f(idleTotal)], ...results.map((r) => [`idle at ${r.target} ev/s, CPU-ms/ev`, ...STACK_PARTS.map((p) => f(idle[p] / r.target)), f(idleTotal / r.target)])],
  );
  printTable(
    `   Temporal work per lead event (history of ${sample.length} background leads' runs)`,
    ['target', 'lead events', 'history events/ev', 'activities/ev', 'local activities/ev', 'timers/ev'],
    results.map((r) => {
      const per = (n: number) => (r.history.leadEvents ? (n / r.history.leadEvents).toFixed(2) : 'n/a');
      return [`${r.target} ev/s`, String(r.history.leadEvents), per(r.history.events), per(r.history.activities), per(r.history.localActivities), per(r.history.timers)];
    }),
  );
  const kneeOf = (pick: (r: StepResult) => Summary) => results.filter((r) => pick(r).n > 0 && pick(r).p99 < 1_000).reduce((k, r) => Math.max(k, r.target), 0);
  const reactKnee = kneeOf((r) => r.react);
  const hotKnee = kneeOf((r) => r.hot);
  note(`knee (highest step with p99 < 1 s): event → reaction ${reactKnee ? `${reactKnee} ev/s` : 'below the first step'}; hot → notified ${hotKnee ? `${hotKnee} ev/s` : 'below the first step'}`);
  note(`Temporal no-op floor in this run: signal-with-start ${floor ? `${floor.signalWithStartPerSec.toFixed(0)} wf/s` : 'n/a'}, signal → query p50 ${ms(floor?.signalToQuery.p50 ?? Number.NaN)} / p99 ${ms(floor?.signalToQuery.p99 ?? Number.NaN)}`);
  if (results.some((r) => !r.drained)) note(`steps that had not drained within ${cfg.settleTimeoutMs / 1000} s: ${results.filter((r) => !r.drained).map((r) => `${r.target} ev/s`).join(', ')} (their CPU figures are low)`);
  const baseline = results.filter((r) => ISSUE_CPU_MS[r.target] !== undefined);
  if (baseline.length) note(`CPU per event against issue 8's table (target: at least 3× lower): ${baseline.map((r) => `${r.target} ev/s ${f(r.cpuTotal)} vs ${ISSUE_CPU_MS[r.target]} ms, ${(ISSUE_CPU_MS[r.target]! / r.cpuTotal).toFixed(1)}× lower`).join('; ')}`);
  const section = label ? `curve, ${label}` : 'curve';
  for (const r of results) {
    report.add(section, `${r.target} ev/s reaction / hot p99`, `${ms(r.react.p99)} / ${ms(r.hot.p99)}, ${f(r.cpuTotal)} CPU-ms/ev (${STACK_PARTS.map((p) => `${p} ${f(r.cpu[p])}`).join(', ')}), ${r.history.leadEvents ? (r.history.events / r.history.leadEvents).toFixed(1) : 'n/a'} history ev/ev`);
  }
  for (const r of baseline) report.add(section, `${r.target} ev/s CPU vs issue 8`, `${f(r.cpuTotal)} vs ${ISSUE_CPU_MS[r.target]} CPU-ms/ev: ${(ISSUE_CPU_MS[r.target]! / r.cpuTotal).toFixed(1)}× lower (target ≥ 3×)`);
  report.add(section, 'idle CPU-ms/s (no traffic)', `${f(idleTotal)} (${STACK_PARTS.map((p) => `${p} ${f(idle[p])}`).join(', ')})`);
  report.add(section, 'knee (p99 < 1 s)', `reaction ${reactKnee || '<first'} ev/s, hot → notified ${hotKnee || '<first'} ev/s; no-op floor p50 ${ms(floor?.signalToQuery.p50 ?? Number.NaN)}`);
  return { steps: results, reactKnee, hotKnee };
}
