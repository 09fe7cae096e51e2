/** Bulk worker process entry: email blasts on the bulk queue at a lower CPU priority (the start command runs it next to the worker). */
import { createDb } from '@/db/client';
import { providerRequestsPerSecond } from '@/lib/email/rate-limit';
import { createSharedRateLimiter } from '@/lib/email/shared-rate-limit';
import { getResend } from '@/lib/email/resend-client';
import { databaseUrl, env } from '@/lib/env';
import { bulkTaskQueue } from '@/lib/journey/contract';
import { log } from '@/lib/log';
import { createSafeFetch, parseOrigins } from '@/lib/net/safe-fetch';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { createBulkWorker } from './create-bulk-worker';
import { lowerProcessPriority } from './priority';
import { installWorkerRuntime } from './runtime';
import { WorkflowBundleError } from './workflow-bundle';

const logger = log('bulk-worker');

async function main(): Promise<void> {
  const e = env();
  // Before the Temporal runtime starts its threads, so they inherit the niceness; rendering a blast then yields to the hot lane.
  const nice = lowerProcessPriority(e.BULK_WORKER_NICE);
  installWorkerRuntime({ logger: log('temporal') });
  const { db, sql } = createDb(databaseUrl(), 2 + e.BULK_WORKER_SLOTS);
  const perSecond = providerRequestsPerSecond(e.RESEND_REQUESTS_PER_SECOND, e.RESEND_BASE_URL);
  const bulk = await createBulkWorker({
    connection: temporalConnectionOptions(e),
    payloadKey: e.LEADFLOW_PAYLOAD_KEY,
    bundleDir: e.WORKFLOW_BUNDLE_DIR,
    requirePrebuiltBundle: e.LEADFLOW_MODE === 'production',
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    db,
    resend: getResend(),
    limiter: createSharedRateLimiter({ db, perSecond }),
    fetch: createSafeFetch({ allowOrigins: parseOrigins(e.OUTBOUND_ALLOW_ORIGINS) }),
    appUrl: e.APP_URL,
    signingSecret: e.WEBHOOK_SIGNING_SECRET,
    managerEmail: e.MANAGER_EMAIL,
    slots: e.BULK_WORKER_SLOTS,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => bulk.shutdown());
  logger.info({ taskQueue: bulkTaskQueue(e.TEMPORAL_TASK_QUEUE), nice, slots: e.BULK_WORKER_SLOTS, emailRequestsPerSecond: perSecond || 'unlimited' }, 'polling the bulk queue');
  await bulk.run();
  await sql.end();
}

main().catch((err: unknown) => {
  if (err instanceof WorkflowBundleError) console.error(err.message);
  logger.fatal({ err }, 'bulk worker failed');
  process.exit(1);
});
