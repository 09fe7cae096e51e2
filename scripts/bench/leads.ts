/** Captures bench leads over the API and waits, through journey_runs, until their workflows sit idle in a wait node. */
import type postgres from 'postgres';
import type { Api } from './http';
import { firstError, pollUntil, runPool } from './http';

export interface CapturedLeads {
  ids: string[];
  elapsedMs: number;
  errors: string[];
}

const RUN_TAG = Date.now().toString(36);
let counter = 0;

/** Throws when fewer than `count` were captured, unless `allowPartial` (a time-bounded capture reports what it got). */
export async function captureLeads(api: Api, count: number, tag: string, concurrency: number, timeoutMs: number, allowPartial = false): Promise<CapturedLeads> {
  const batch = counter++;
  const pool = await runPool(count, concurrency, timeoutMs, async (i) => {
    const email = `bench-${RUN_TAG}-${tag}-${batch}-${i}@bench.leadflow.test`;
    const res = await api.post('/api/leads', { email, source: 'bench', first_name: 'Bench', company: 'Bench Co' });
    const id = (res.json as { id?: unknown } | null)?.id;
    if (res.status !== 201 || typeof id !== 'string') throw new Error(`POST /api/leads → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
    return id;
  });
  if (pool.results.length === 0 || (!allowPartial && pool.results.length < count)) {
    throw new Error(`captured only ${pool.results.length} of ${count} leads in ${Math.round(pool.elapsedMs)} ms${firstError(pool.errors)}`);
  }
  return { ids: pool.results, elapsedMs: pool.elapsedMs, errors: pool.errors };
}

/** How many of the leads have a running journey whose current node is one of `nodes` (a wait, i.e. idle). */
export async function countIdle(sql: postgres.Sql, leadIds: string[], nodes: string[]): Promise<number> {
  let total = 0;
  // Chunked so a large run never exceeds the protocol's parameter limit.
  for (let i = 0; i < leadIds.length; i += 5000) {
    const chunk = leadIds.slice(i, i + 5000);
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from journey_runs
      where lead_id in ${sql(chunk)} and status = 'running' and current_node in ${sql(nodes)}`;
    total += row?.n ?? 0;
  }
  return total;
}

export async function waitIdle(sql: postgres.Sql, leadIds: string[], nodes: string[], timeoutMs: number): Promise<{ idle: number; elapsedMs: number }> {
  const started = performance.now();
  let idle = 0;
  await pollUntil(
    async () => {
      idle = await countIdle(sql, leadIds, nodes);
      return idle >= leadIds.length ? true : null;
    },
    timeoutMs,
    250,
  );
  return { idle, elapsedMs: performance.now() - started };
}

/** lead id → journey workflow id, read from journey_runs rather than recomputed, so the bench follows what the app wrote. */
export async function workflowIds(sql: postgres.Sql, leadIds: string[]): Promise<Map<string, string>> {
  const rows = await sql<{ lead_id: string; workflow_id: string }[]>`select lead_id, workflow_id from journey_runs where lead_id in ${sql(leadIds)}`;
  return new Map(rows.map((r) => [r.lead_id, r.workflow_id]));
}

/**
 * Waits until the journeys stop working through queued events: no journey step recorded for `quietMs`.
 * Sections run back to back, so without this one section's backlog would be measured as the next one's latency.
 */
export async function waitQuiet(sql: postgres.Sql, timeoutMs: number, quietMs = 1_500): Promise<{ quiet: boolean; elapsedMs: number }> {
  const started = performance.now();
  const quiet = await pollUntil(
    async () => {
      // Quiet means drained: nothing waiting in the event inbox or the outbox, every running journey parked on a wait, and no step lately.
      const [row] = await sql<{ idle_ms: number | null; pending: number; busy: number }[]>`
        select (extract(epoch from now() - (select max(at) from journey_steps)) * 1000)::float8 as idle_ms,
               ((select count(*) from signal_outbox where delivered_at is null) + (select count(*) from event_inbox))::int as pending,
               (select count(*) from journey_runs where status in ('starting', 'running') and (current_node is null or current_node not like 'wait%'))::int as busy`;
      if (!row || row.pending > 0 || row.busy > 0) return null;
      return row.idle_ms === null || row.idle_ms >= quietMs ? true : null;
    },
    timeoutMs,
    250,
  );
  return { quiet: quiet !== null, elapsedMs: performance.now() - started };
}
