/** The Leadflow worker: journey and hand-off workflows on the journey queue, hand-offs alone on the sales queue, their Slack/CRM calls on the channels queue, and the outbox relay. */
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { startAutoWinnerReconcile } from '@/lib/ab/auto-winner-runner';
import { createSignalRelay } from '@/lib/outbox/signal-relay';
import { channelsTaskQueue, salesTaskQueue, type JourneySettings } from '@/lib/journey/contract';
import { log } from '@/lib/log';
import { leadflowDataConverter } from '@/lib/payload-codec';
import type { TemporalConnectionOptions } from '@/lib/temporal-connection';
import { createActivities, type ActivityDeps } from './activities';
import { assertSearchAttributes } from './search-attributes-check';
import { SIZING_DEFAULTS, workerSizing, type WorkerSizing } from './sizing';
import { DEFAULT_BUNDLE_DIR, prebuiltWorkflowBundle, WorkflowBundleError, WORKFLOWS_PATH } from './workflow-bundle';

export { WORKFLOWS_PATH };

export interface WorkerOptions extends ActivityDeps {
  /** Address, TLS and API key, from lib/temporal-connection.ts. */
  connection: TemporalConnectionOptions;
  namespace: string;
  taskQueue: string;
  settings: () => Promise<JourneySettings>;
  relayIntervalMs?: number;
  /** Base64 AES-256 key: payloads are encrypted in history (the app's client must use the same key). */
  payloadKey?: string;
  /** Where the prebuilt bundle lives; a missing or stale one is bundled in this process, with a warning. */
  bundleDir?: string;
  /** Production: a missing or stale bundle is an error naming the build command, not a bundle per worker process. */
  requirePrebuiltBundle?: boolean;
  /** Slots, cache and sticky timeout (worker/sizing.ts); the caller sizes its DB pool to `sizing.dbPool`. */
  sizing?: WorkerSizing;
}

/** The bundle `npm run build:workflows` wrote; every worker of a process shares it. */
export async function workflowBundle(bundleDir: string): Promise<WorkflowBundleOption> {
  const prebuilt = await prebuiltWorkflowBundle(bundleDir);
  if (prebuilt.state === 'fresh') return prebuilt.bundle;
  log('worker').warn({ bundleDir, state: prebuilt.state }, 'workflow bundle missing or stale: bundling in this process (run `npm run build:workflows` to build it once for all workers)');
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
}

export async function createLeadflowWorker(opts: WorkerOptions) {
  const bundleDir = opts.bundleDir ?? DEFAULT_BUNDLE_DIR;
  if (opts.requirePrebuiltBundle) {
    const prebuilt = await prebuiltWorkflowBundle(bundleDir);
    if (prebuilt.state !== 'fresh') throw new WorkflowBundleError(prebuilt.state, bundleDir);
  }
  const dataConverter = leadflowDataConverter(opts.payloadKey);
  const converter = dataConverter ? { dataConverter } : {};
  const clientConnection = await Connection.connect(opts.connection);
  try {
    await assertSearchAttributes(clientConnection, opts.namespace, opts.connection.address);
  } catch (err) {
    await clientConnection.close();
    throw err;
  }
  const connection = await NativeConnection.connect(opts.connection);
  const bundle = await workflowBundle(bundleDir);
  const activities = createActivities(opts);
  const sizing = opts.sizing ?? workerSizing(SIZING_DEFAULTS);
  const worker = await Worker.create({ connection, namespace: opts.namespace, taskQueue: opts.taskQueue, workflowBundle: bundle, activities, ...sizing.journey, ...converter });
  // Sales lane: its own pollers and slots, so a hot lead's notification never queues behind nurture traffic.
  const sales = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: salesTaskQueue(opts.taskQueue),
    workflowBundle: bundle,
    activities,
    ...sizing.sales,
    // SLA runs started before the channels queue still call Slack and the CRM here: a dead receiver must not hold every slot (chaos F6).
    maxConcurrentActivityTaskExecutions: sizing.channels.maxConcurrentActivityTaskExecutions,
    ...converter,
  });
  // Slack and CRM calls only (no workflows): a receiver that hangs holds these slots, never the sales queue's.
  const channels = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: channelsTaskQueue(salesTaskQueue(opts.taskQueue)),
    activities,
    ...sizing.channels,
    ...converter,
  });
  const client = new Client({ connection: clientConnection, namespace: opts.namespace, ...converter });
  const relay = createSignalRelay({ db: opts.db, client: async () => client, taskQueue: opts.taskQueue, settings: opts.settings });
  return {
    worker,
    sales,
    channels,
    relay,
    shutdown(): void {
      for (const w of [worker, sales, channels]) if (w.getState() === 'RUNNING') w.shutdown();
    },
    /** Runs until shutdown; the relay picks up rows the API could not deliver, the reconcile auto-winner runners it could not start. */
    async run(): Promise<void> {
      const stopRelay = relay.start(opts.relayIntervalMs ?? 1_000);
      const stopReconcile = startAutoWinnerReconcile(opts.db, { client, taskQueue: opts.taskQueue });
      try {
        // Any worker failing stops the others, so the process exits and its supervisor sees it.
        const all = [worker, sales, channels];
        const stopOthers = (me: Worker) => () => {
          for (const w of all) if (w !== me && w.getState() === 'RUNNING') w.shutdown();
        };
        await Promise.all(all.map((w) => w.run().finally(stopOthers(w))));
      } finally {
        await stopRelay();
        await stopReconcile();
        await clientConnection.close();
        await connection.close();
      }
    },
  };
}
