/** The bulk worker: email blasts (their workflow and page sends, with each email's rendering) on the bulk queue, in a process of its own. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { bulkTaskQueue } from '@/lib/journey/contract';
import { leadflowDataConverter } from '@/lib/payload-codec';
import type { TemporalConnectionOptions } from '@/lib/temporal-connection';
import { createActivities, type ActivityDeps } from './activities';
import { workflowBundle } from './create-worker';
import { DEFAULT_BUNDLE_DIR, prebuiltWorkflowBundle, WorkflowBundleError } from './workflow-bundle';

export interface BulkWorkerOptions extends ActivityDeps {
  connection: TemporalConnectionOptions;
  namespace: string;
  /** The journey queue's name; this worker polls bulkTaskQueue(taskQueue). */
  taskQueue: string;
  payloadKey?: string;
  bundleDir?: string;
  requirePrebuiltBundle?: boolean;
  /** Blast pages in flight at once (each renders and sends up to 500 emails). */
  slots: number;
}

export async function createBulkWorker(opts: BulkWorkerOptions) {
  const bundleDir = opts.bundleDir ?? DEFAULT_BUNDLE_DIR;
  if (opts.requirePrebuiltBundle) {
    const prebuilt = await prebuiltWorkflowBundle(bundleDir);
    if (prebuilt.state !== 'fresh') throw new WorkflowBundleError(prebuilt.state, bundleDir);
  }
  const dataConverter = leadflowDataConverter(opts.payloadKey);
  const connection = await NativeConnection.connect(opts.connection);
  const activities = createActivities(opts);
  // A blast wakes its workflow once a page: one poller of each kind and a small cache keep this process near idle between blasts.
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: bulkTaskQueue(opts.taskQueue),
    workflowBundle: await workflowBundle(bundleDir),
    activities: { sendBlastPage: activities.sendBlastPage.bind(activities) },
    maxConcurrentActivityTaskExecutions: opts.slots,
    maxConcurrentWorkflowTaskExecutions: 2,
    maxConcurrentLocalActivityExecutions: 2,
    maxCachedWorkflows: 20,
    maxConcurrentWorkflowTaskPolls: 2,
    maxConcurrentActivityTaskPolls: 1,
    ...(dataConverter ? { dataConverter } : {}),
  });
  return {
    worker,
    shutdown(): void {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    },
    async run(): Promise<void> {
      try {
        await worker.run();
      } finally {
        await connection.close();
      }
    },
  };
}
