/** Worker process entry: `npm run worker` (the start command runs it as a supervised child). */
import { createDb } from '@/db/client';
import { providerRequestsPerSecond } from '@/lib/email/rate-limit';
import { createSharedRateLimiter } from '@/lib/email/shared-rate-limit';
import { getResend } from '@/lib/email/resend-client';
import { databaseUrl, env } from '@/lib/env';
import { log } from '@/lib/log';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { loadJourneySettings } from '@/lib/journey/settings';
import { createSafeFetch, parseOrigins } from '@/lib/net/safe-fetch';
import { channelsTaskQueue, salesTaskQueue } from '@/lib/journey/contract';
import { createLeadflowWorker } from './create-worker';
import { installWorkerRuntime } from './runtime';
import { MissingSearchAttributesError } from './search-attributes-check';
import { workerSizing } from './sizing';
import { WorkflowBundleError } from './workflow-bundle';

const logger = log('worker');

async function main(): Promise<void> {
  const e = env();
  installWorkerRuntime({ logger: log('temporal'), metricsBindAddress: e.WORKER_METRICS_ADDRESS });
  const sizing = workerSizing({
    dbPool: e.WORKER_DB_POOL,
    workflowSlots: e.WORKER_WORKFLOW_SLOTS,
    cachedWorkflows: e.WORKER_CACHED_WORKFLOWS,
    stickyTimeoutMs: e.WORKER_STICKY_TIMEOUT_MS,
    channelSlots: e.WORKER_CHANNEL_SLOTS,
  });
  const { db, sql } = createDb(databaseUrl(), sizing.dbPool);
  const lf = await createLeadflowWorker({
    connection: temporalConnectionOptions(e),
    payloadKey: e.LEADFLOW_PAYLOAD_KEY,
    bundleDir: e.WORKFLOW_BUNDLE_DIR,
    requirePrebuiltBundle: e.LEADFLOW_MODE === 'production',
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    db,
    resend: getResend(),
    // The account's limit, held across every worker process (the bulk worker's blasts included) through one Postgres row.
    limiter: createSharedRateLimiter({ db, perSecond: providerRequestsPerSecond(e.RESEND_REQUESTS_PER_SECOND, e.RESEND_BASE_URL) }),
    fetch: createSafeFetch({ allowOrigins: parseOrigins(e.OUTBOUND_ALLOW_ORIGINS) }),
    appUrl: e.APP_URL,
    signingSecret: e.WEBHOOK_SIGNING_SECRET,
    managerEmail: e.MANAGER_EMAIL,
    slackWebhookUrl: e.SLACK_WEBHOOK_URL,
    crmWebhookUrl: e.CRM_WEBHOOK_URL,
    settings: () => loadJourneySettings(db),
    sizing,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => lf.shutdown());
  logger.info({ taskQueues: [e.TEMPORAL_TASK_QUEUE, salesTaskQueue(e.TEMPORAL_TASK_QUEUE), channelsTaskQueue(salesTaskQueue(e.TEMPORAL_TASK_QUEUE))], address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, metrics: e.WORKER_METRICS_ADDRESS ?? 'off', emailRequestsPerSecond: providerRequestsPerSecond(e.RESEND_REQUESTS_PER_SECOND, e.RESEND_BASE_URL) || 'unlimited', sizing }, 'polling task queues');
  await lf.run();
  await sql.end();
}

main().catch((err: unknown) => {
  if (err instanceof MissingSearchAttributesError || err instanceof WorkflowBundleError) console.error(err.message); // plain, so the commands can be copied
  logger.fatal({ err }, 'worker failed');
  process.exit(1);
});
