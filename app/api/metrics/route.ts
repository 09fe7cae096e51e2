/** GET /api/metrics: Prometheus exposition of Leadflow's business metrics (from Postgres) and this process's Node metrics. */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Registry } from 'prom-client';
import { getDb } from '@/db/client';
import { handler, HttpError } from '@/lib/api/http';
import { env } from '@/lib/env';
import { createMetricsRegistry } from '@/server/services/metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const globalForMetrics = globalThis as unknown as { leadflowMetrics?: Registry };

const digest = (s: string) => createHash('sha256').update(s).digest();

function requireMetricsToken(req: Request): void {
  const expected = env().METRICS_TOKEN;
  if (!expected) throw new HttpError(401, 'metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <METRICS_TOKEN>', 'authorization');
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim();
  if (!given) throw new HttpError(401, 'authorization: send Authorization: Bearer <METRICS_TOKEN>', 'authorization');
  if (!timingSafeEqual(digest(given), digest(expected))) throw new HttpError(401, 'authorization: this is not the metrics token', 'authorization');
}

export const GET = handler(async (req) => {
  requireMetricsToken(req);
  globalForMetrics.leadflowMetrics ??= createMetricsRegistry(getDb, { processMetrics: true });
  const registry = globalForMetrics.leadflowMetrics;
  return new Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
