/** Worker process entry: `npm run worker` (the start command runs it as a supervised child). */
import { providerRequestsPerSecond } from '@/lib/email/rate-limit';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { loadJourneySettings } from '@/lib/journey/settings';
import { channelsTaskQueue, salesTaskQueue } from '@/lib/journey/contract';
import { createLeadflowWorker } from './create-worker';
import { runWorkerProcess, sharedWorkerOptions } from './process';
import { installWorkerRuntime } from './runtime';
import { workerSizing } from './sizing';

const logger = log('worker');

runWorkerProcess(logger, async (openDb) => {
  const e = env();
  installWorkerRuntime({ logger: log('temporal'), metricsBindAddress: e.WORKER_METRICS_ADDRESS });
  const sizing = workerSizing({
    dbPool: e.WORKER_DB_POOL,
    workflowSlots: e.WORKER_WORKFLOW_SLOTS,
    cachedWorkflows: e.WORKER_CACHED_WORKFLOWS,
    stickyTimeoutMs: e.WORKER_STICKY_TIMEOUT_MS,
    channelSlots: e.WORKER_CHANNEL_SLOTS,
  });
  const db = openDb(sizing.dbPool);
  const lf = await createLeadflowWorker({
    ...sharedWorkerOptions(e, db),
    slackWebhookUrl: e.SLACK_WEBHOOK_URL,
    crmWebhookUrl: e.CRM_WEBHOOK_URL,
    settings: () => loadJourneySettings(db),
    sizing,
  });
  logger.info({ taskQueues: [e.TEMPORAL_TASK_QUEUE, salesTaskQueue(e.TEMPORAL_TASK_QUEUE), channelsTaskQueue(salesTaskQueue(e.TEMPORAL_TASK_QUEUE))], address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, metrics: e.WORKER_METRICS_ADDRESS ?? 'off', emailRequestsPerSecond: providerRequestsPerSecond(e.RESEND_REQUESTS_PER_SECOND, e.RESEND_BASE_URL) || 'unlimited', sizing }, 'polling task queues');
  return lf;
});
