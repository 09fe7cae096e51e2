/** Ingestion throughput through POST /api/events: single events with modest concurrency, and batches of 1,000. */
import type postgres from 'postgres';
import type { BenchConfig } from './config';
import type { PostgresFloor } from './floor-postgres';
import { type Api, firstError, runPool } from './http';
import { waitQuiet } from './leads';
import type { Report } from './report';
import { median, ms, note, perSecond, printTable, ratio, summarize } from './stats';

let sequence = 0;
/** Globally unique per run, so a re-run against the same database never counts as duplicates. */
export function eventId(tag: string): string {
  return `bench-${process.pid}-${Date.now().toString(36)}-${tag}-${sequence++}`;
}

interface Accepted {
  accepted?: number;
  duplicates?: number;
}

export async function measureIngestion(api: Api, sql: postgres.Sql, leadIds: string[], cfg: BenchConfig, floor: PostgresFloor | null, report: Report): Promise<void> {
  // email_open scores once per lead, so repeats move no lead towards hot and hand-off stays out of this figure.
  const single = await runPool(cfg.singleEvents, cfg.concurrency, cfg.loopTimeoutMs, async (i) => {
    const res = await api.post('/api/events', { event_id: eventId('s'), lead_id: leadIds[i % leadIds.length], type: 'email_open' });
    if (res.status !== 202) throw new Error(`POST /api/events → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
    return res.ms;
  });
  const singlePerSec = (single.results.length / single.elapsedMs) * 1000;
  const singleLatency = summarize(single.results);

  // Let the workflows absorb the single events first, so the batches do not queue behind them.
  const singleDrain = await waitQuiet(sql, cfg.drainTimeoutMs);

  const batchMs: number[] = [];
  let batchAccepted = 0;
  const batchErrors: string[] = [];
  const batchDeadline = Date.now() + cfg.loopTimeoutMs;
  const batchStarted = performance.now();
  for (let b = 0; b < cfg.batches && Date.now() < batchDeadline; b++) {
    const events = Array.from({ length: 1000 }, (_, i) => ({ event_id: eventId('b'), lead_id: leadIds[(b * 1000 + i) % leadIds.length], type: 'email_open' }));
    try {
      // One request signals up to 1,000 workflows before it answers: allow it far more than a single event.
      const res = await api.post('/api/events', { events }, 180_000);
      const body = res.json as Accepted | null;
      if (res.status !== 202) batchErrors.push(`batch ${b} → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
      else {
        batchMs.push(res.ms);
        batchAccepted += body?.accepted ?? 0;
      }
    } catch (err) {
      batchErrors.push(`batch ${b}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const batchDrain = await waitQuiet(sql, cfg.drainTimeoutMs);
  const batchPerSec = batchMs.length ? 1000 / (median(batchMs) / 1000) : Number.NaN;

  printTable('2. Ingestion: POST /api/events (email_open on the captured leads; includes scoring, outbox and signal delivery)', ['mode', 'events/s', 'vs floor', 'latency p50', 'p99', 'detail'], [
    [
      `single, ${cfg.concurrency} lanes`,
      perSecond(singlePerSec),
      `${ratio(singlePerSec, floor?.singleRowPerSec ?? Number.NaN)} of single-row INSERT`,
      ms(singleLatency.p50),
      ms(singleLatency.p99),
      `${single.results.length} events${firstError(single.errors)}`,
    ],
    [
      'batch of 1,000',
      perSecond(batchPerSec),
      `${ratio(batchPerSec, floor?.multiRowPerSec ?? Number.NaN)} of multi-row INSERT`,
      ms(median(batchMs)),
      ms(summarize(batchMs).p99),
      `${batchMs.length} batches, ${batchAccepted} accepted${firstError(batchErrors)}`,
    ],
  ]);
  const drained = (d: { quiet: boolean; elapsedMs: number }) => (d.quiet ? `${(d.elapsedMs / 1000).toFixed(1)} s` : `not within ${cfg.drainTimeoutMs / 1000} s`);
  note(`after the last 202, the journeys finished reacting in: single phase ${drained(singleDrain)}, batch phase ${drained(batchDrain)} (no journey step for 1.5 s)`);
  report.add('ingestion', 'journeys settled after', `single ${drained(singleDrain)}, batches ${drained(batchDrain)}`);
  // What the workers sustain: every accepted batch event moved its journey (wait → score → email → wait) by then.
  const processed = batchDrain.quiet ? batchAccepted / ((performance.now() - batchStarted) / 1000) : Number.NaN;
  note(`journeys reacted to the ${batchAccepted} batched events at ${perSecond(processed)} end to end (POST to every journey parked again)`);
  report.add('ingestion', 'journey reactions sustained', `${perSecond(processed)} (batched events until all journeys parked)`);
  report.add('ingestion', 'single events', `${perSecond(singlePerSec)} = ${ratio(singlePerSec, floor?.singleRowPerSec ?? Number.NaN)} of single-row insert floor`);
  report.add('ingestion', 'batched (1,000)', `${perSecond(batchPerSec)} = ${ratio(batchPerSec, floor?.multiRowPerSec ?? Number.NaN)} of multi-row insert floor`);
}
