/** Bulk worker process entry: email blasts on the bulk queue at a lower CPU priority (the start command runs it next to the worker). */
import { providerRequestsPerSecond } from '@/lib/email/rate-limit';
import { env } from '@/lib/env';
import { bulkTaskQueue } from '@/lib/journey/contract';
import { log } from '@/lib/log';
import { createBulkWorker } from './create-bulk-worker';
import { lowerProcessPriority } from './priority';
import { runWorkerProcess, sharedWorkerOptions } from './process';
import { installWorkerRuntime } from './runtime';

const logger = log('bulk-worker');

runWorkerProcess(logger, async (openDb) => {
  const e = env();
  // Before the Temporal runtime starts its threads, so they inherit the niceness; rendering a blast then yields to the hot lane.
  const nice = lowerProcessPriority(e.BULK_WORKER_NICE);
  installWorkerRuntime({ logger: log('temporal') });
  const db = openDb(2 + e.BULK_WORKER_SLOTS);
  const bulk = await createBulkWorker({ ...sharedWorkerOptions(e, db), slots: e.BULK_WORKER_SLOTS });
  const perSecond = providerRequestsPerSecond(e.RESEND_REQUESTS_PER_SECOND, e.RESEND_BASE_URL);
  logger.info({ taskQueue: bulkTaskQueue(e.TEMPORAL_TASK_QUEUE), nice, slots: e.BULK_WORKER_SLOTS, emailRequestsPerSecond: perSecond || 'unlimited' }, 'polling the bulk queue');
  return bulk;
});
