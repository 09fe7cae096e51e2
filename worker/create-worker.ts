/** The Leadflow worker: journey and hand-off workflows, their activities, and the outbox relay. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createSignalRelay } from '@/server/services/signal-relay';
import type { JourneySettings } from '@/lib/journey/contract';
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
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities(opts),
  });
  const clientConnection = await Connection.connect({ address: opts.address });
  const client = new Client({ connection: clientConnection, namespace: opts.namespace });
  const relay = createSignalRelay({ db: opts.db, client: async () => client, taskQueue: opts.taskQueue, settings: opts.settings });
  return {
    worker,
    relay,
    /** Runs until shutdown; the relay picks up rows the API could not deliver. */
    async run(): Promise<void> {
      const stopRelay = relay.start(opts.relayIntervalMs ?? 1_000);
      try {
        await worker.run();
      } finally {
        await stopRelay();
        await clientConnection.close();
        await connection.close();
      }
    },
  };
}
