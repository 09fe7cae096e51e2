/** GET /api/metrics: Prometheus exposition of Leadflow's business metrics (from Postgres) and this process's Node metrics. */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Registry } from 'prom-client';
import { getDb } from '@/db/client';
import { handler, HttpError } from '@/lib/api/http';
import { env } from '@/lib/env';
import { createMetricsRegistry } from '@/server/services/metrics';
import { sessionUser } from '@/server/trpc';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const globalForMetrics = globalThis as unknown as { leadflowMetrics?: Registry };
const METRICS_ROLES = new Set(['admin', 'ops']);

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Prometheus scrapes with the bearer METRICS_TOKEN; a signed-in admin or ops user may read them in a browser. */
async function requireMetricsAccess(req: Request): Promise<void> {
  const expected = env().METRICS_TOKEN;
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1]?.trim();
  if (given && expected && timingSafeEqual(digest(given), digest(expected))) return;
  const user = given ? null : await sessionUser(getDb(), req.headers).catch(() => null);
  if (user && METRICS_ROLES.has(user.role)) return;
  if (user) throw new HttpError(403, `metrics are for the admin and ops roles, not ${user.role}`, 'role');
  if (!expected) throw new HttpError(401, 'metrics need METRICS_TOKEN (scrape with Authorization: Bearer <METRICS_TOKEN>) or an admin/ops session', 'authorization');
  throw new HttpError(401, given ? 'authorization: this is not the metrics token' : 'authorization: send Authorization: Bearer <METRICS_TOKEN>', 'authorization');
}

export const GET = handler(async (req) => {
  await requireMetricsAccess(req);
  globalForMetrics.leadflowMetrics ??= createMetricsRegistry(getDb, { processMetrics: true });
  const registry = globalForMetrics.leadflowMetrics;
  return new Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
