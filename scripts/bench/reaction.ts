/** Event → workflow reaction: under background load, POST an event and poll the journeyState query until the score moves. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type postgres from 'postgres';
import { JOURNEY_STATE_QUERY, type JourneyStateView } from '@/lib/journey/contract';
import { startBackground } from './background';
import type { BenchConfig } from './config';
import type { TemporalFloor } from './floor-temporal';
import { type Api, firstError, pollUntil, runPool, sleep } from './http';
import { eventId } from './ingestion';
import { captureLeads, waitIdle, waitQuiet, workflowIds } from './leads';
import type { Report } from './report';
import { ms, note, perSecond, printTable, ratio, summarize } from './stats';

interface Sample {
  httpMs: number;
  reactMs: number;
}

let queryFailures = 0;
let lastQueryFailure = '';

/** A query the server gives up on (the worker too busy to answer in time) counts as "not yet", and is tallied. */
async function scoreOf(handle: WorkflowHandle): Promise<number | null> {
  try {
    return (await handle.query<JourneyStateView>(JOURNEY_STATE_QUERY)).score;
  } catch (err) {
    queryFailures++;
    lastQueryFailure = err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err);
    return null;
  }
}

export async function measureReaction(api: Api, sql: postgres.Sql, client: Client, backgroundLeads: string[], cfg: BenchConfig, floor: TemporalFloor | null, report: Report): Promise<void> {
  // Fresh leads at score 0 sitting in wait-a: one visit_pricing (+25, cold → warm) wakes the run and the query shows it.
  const samples = await captureLeads(api, cfg.reactionSamples, 'react', cfg.concurrency, cfg.loopTimeoutMs);
  const idle = await waitIdle(sql, samples.ids, ['wait-a'], cfg.settleTimeoutMs);
  const workflows = await workflowIds(sql, samples.ids);
  await waitQuiet(sql, cfg.settleTimeoutMs);

  const background = startBackground(api, backgroundLeads, cfg.backgroundRate, cfg.loopTimeoutMs * 2 + 15_000);
  await sleep(2_000); // let the background rate settle before the first sample
  const lanes = 2;
  const run = await runPool(samples.ids.length, lanes, cfg.loopTimeoutMs * 2, async (i): Promise<Sample> => {
    const leadId = samples.ids[i]!;
    const workflowId = workflows.get(leadId);
    if (!workflowId) throw new Error(`no journey run for lead ${leadId}`);
    const handle = client.workflow.getHandle(workflowId);
    const before = await scoreOf(handle);
    if (before === null) throw new Error(`journeyState query on ${workflowId} failed before the sample`);
    // Spread samples at random offsets so they do not phase-lock with the background ticks.
    await sleep(50 + Math.random() * 150);
    const started = performance.now();
    // visit_pricing moves an idle cold lead to warm: an event its run must act on (a band-keeping one is held for it, not shown).
    const res = await api.post('/api/events', { event_id: eventId('react'), lead_id: leadId, type: 'visit_pricing' });
    if (res.status !== 202) throw new Error(`POST /api/events → ${res.status}`);
    const httpMs = performance.now() - started;
    const seen = await pollUntil(async () => {
      const score = await scoreOf(handle);
      return score !== null && score !== before ? true : null;
    }, 10_000, 10);
    if (!seen) throw new Error(`workflow ${workflowId} did not show the new score within 10 s`);
    return { httpMs, reactMs: performance.now() - started };
  });
  const bg = await background.stop();

  const react = summarize(run.results.map((s) => s.reactMs));
  const http = summarize(run.results.map((s) => s.httpMs));
  const floorP50 = floor?.signalToQuery.p50 ?? Number.NaN;
  printTable(`3. Event → workflow reaction (visit_pricing, cold → warm, on idle leads; journeyState polled every 10 ms) at ${perSecond(bg.achievedPerSec, ' ev/s')} background`, ['measure', 'p50', 'p99', 'max', 'detail'], [
    ['POST /api/events → 202', ms(http.p50), ms(http.p99), ms(http.max), `${http.n} samples`],
    ['POST → query shows new score', ms(react.p50), ms(react.p99), ms(react.max), `${react.n}/${samples.ids.length} samples, ${idle.idle} idle at start${firstError(run.errors)}`],
    ['floor: no-op signal → query', ms(floor?.signalToQuery.p50 ?? Number.NaN), ms(floor?.signalToQuery.p99 ?? Number.NaN), '', `p50 ratio ${ratio(react.p50, floorP50)}`],
  ]);
  if (queryFailures) note(`${queryFailures} journeyState queries failed and were retried (last: ${lastQueryFailure.slice(0, 160)})`);
  printTable('   background load during section 3', ['sent', 'failed', 'skipped (32 in flight)', 'achieved'], [[String(bg.sent), String(bg.failed), String(bg.skipped), perSecond(bg.achievedPerSec, ' ev/s')]]);
  report.add('reaction', 'event → workflow p50/p99', `${ms(react.p50)} / ${ms(react.p99)} (${react.n} samples, ${ratio(react.p50, floorP50)} of no-op floor p50)`);
  report.add('reaction', 'background achieved', `${perSecond(bg.achievedPerSec, ' ev/s')}, ${bg.failed} failed`);
}
