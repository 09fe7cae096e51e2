/** The Leadflow worker: journey and hand-off workflows on the journey queue, hand-offs alone on the sales queue, and the outbox relay. */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createSignalRelay } from '@/server/services/signal-relay';
import { salesTaskQueue, type JourneySettings } from '@/lib/journey/contract';
import { createActivities, type ActivityDeps } from './activities';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerOptions extends ActivityDeps {
  address: string;
  namespace: string;
  taskQueue: string;
  settings: () => Promise<JourneySettings>;
  relayIntervalMs?: number;
}

export async function createLeadflowWorker(opts: WorkerOptions) {
  const connection = await NativeConnection.connect({ address: opts.address });
  // One bundle for both workers: bundling costs seconds of CPU each time.
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
  const activities = createActivities(opts);
  const worker = await Worker.create({ connection, namespace: opts.namespace, taskQueue: opts.taskQueue, workflowBundle, activities });
  // Sales lane: its own pollers and slots, so a hot lead's notification never queues behind nurture traffic.
  const sales = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: salesTaskQueue(opts.taskQueue),
    workflowBundle,
    activities,
    maxConcurrentWorkflowTaskExecutions: 20,
    maxConcurrentActivityTaskExecutions: 20,
  });
  const clientConnection = await Connection.connect({ address: opts.address });
  const client = new Client({ connection: clientConnection, namespace: opts.namespace });
  const relay = createSignalRelay({ db: opts.db, client: async () => client, taskQueue: opts.taskQueue, settings: opts.settings });
  return {
    worker,
    sales,
    relay,
    shutdown(): void {
      worker.shutdown();
      sales.shutdown();
    },
    /** Runs until shutdown; the relay picks up rows the API could not deliver. */
    async run(): Promise<void> {
      const stopRelay = relay.start(opts.relayIntervalMs ?? 1_000);
      try {
        // Either worker failing stops the other, so the process exits and its supervisor sees it.
        const stop = (w: Worker) => () => {
          if (w.getState() === 'RUNNING') w.shutdown();
        };
        await Promise.all([worker.run().finally(stop(sales)), sales.run().finally(stop(worker))]);
      } finally {
        await stopRelay();
        await clientConnection.close();
        await connection.close();
      }
    },
  };
}
