/** GET /api/health: database, Temporal and worker, each up or down. */
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { json } from '@/lib/api/http';
import { env } from '@/lib/env';
import { getTemporalClient } from '@/server/temporal';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function check(fn: () => Promise<boolean>): Promise<'up' | 'down'> {
  try {
    return (await Promise.race([fn(), new Promise<boolean>((r) => setTimeout(() => r(false), 3_000))])) ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

export async function GET(): Promise<Response> {
  const database = await check(async () => (await getDb().execute(sql`select 1`)).length === 1);
  const temporal = await check(async () => {
    await (await getTemporalClient()).workflowService.getSystemInfo({});
    return true;
  });
  // The worker is up when it polls our task queue.
  const worker = await check(async () => {
    const client = await getTemporalClient();
    const res = await client.workflowService.describeTaskQueue({
      namespace: env().TEMPORAL_NAMESPACE,
      taskQueue: { name: env().TEMPORAL_TASK_QUEUE, kind: 1 },
      taskQueueType: 1,
    });
    return (res.pollers?.length ?? 0) > 0;
  });
  const ok = database === 'up' && temporal === 'up' && worker === 'up';
  return json({ status: ok ? 'ok' : 'degraded', database, temporal, worker }, ok ? 200 : 503);
}
