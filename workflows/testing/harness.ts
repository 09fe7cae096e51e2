/** Shared setup for workflow tests: the time-skipping server with Leadflow's search attributes, one workflow bundle, polling helpers. */
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { expect } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker, type WorkerOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TEMPORAL_TEST_SERVER } from '../../scripts/lib/tools';
import { LEADFLOW_SEARCH_ATTRIBUTES } from '../search-attributes';
import type { JourneyDefinition } from '../../lib/journey/definition';
import { journeyStateQuery, leadEventSignal, leadJourneyWorkflow } from '../lead-journey';
import { channelsTaskQueue, journeyWorkflowId, salesTaskQueue, type JourneyWorkflowInput, type LeadEventSignal } from '../../lib/journey/contract';
import type { FakeActivities } from './fake-activities';

export const WORKFLOWS_PATH = decodeURIComponent(new URL('../index.ts', import.meta.url).pathname);

// temporal.api.enums.v1.IndexedValueType
const INDEXED_VALUE_TYPE = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 } as const;

/** Test output stays quiet: the SDK's and Core's logs at WARN and above only. Idempotent per process. */
export function quietTemporalRuntime(sink?: (entry: { level: string; message: string }) => void): Runtime {
  try {
    return Runtime.install({
      logger: new DefaultLogger('WARN', sink ? (e) => sink({ level: e.level, message: e.message }) : undefined),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
    });
  } catch {
    return Runtime.instance(); // already installed by an earlier test file in this process
  }
}

/** Starts the time-skipping server and registers the search attributes the journey workflow upserts. */
export async function createTestEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER } } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(LEADFLOW_SEARCH_ATTRIBUTES.map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]])),
  });
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | null = null;
/** Bundling takes seconds on this machine; every worker in a test file shares one bundle. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  return bundle;
}

const noop = () => {};
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

export async function createWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  fakes: FakeActivities,
  options: Partial<Pick<WorkerOptions, 'maxCachedWorkflows'>> = {},
): Promise<Worker> {
  return Worker.create({
    ...options,
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: fakes.activities,
  });
}

/** Polls until `check` stops throwing: the workflow runs on the worker asynchronously to the test. Not a timer. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

let counter = 0;
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/**
 * Terminates a test's workflows that are still running. Essential under time skipping: a timer that
 * fires for a workflow whose worker is gone leaves a task nobody completes, and the server stops skipping.
 */
export async function terminateAll(env: TestWorkflowEnvironment, workflowIds: Iterable<string>): Promise<void> {
  for (const id of workflowIds) {
    const handle = env.client.workflow.getHandle(id);
    const { status } = await handle.describe().catch(() => ({ status: { name: 'UNKNOWN' } }));
    if (status.name !== 'RUNNING') continue;
    // Terminating with an activity or workflow task in flight strands that task on the test server
    // (same stall as above), so first let the run park on its timer.
    await eventually(async () => {
      const { events } = await handle.fetchHistory();
      if (!events?.at(-1)?.timerStartedEventAttributes) throw new Error(`${id} is not parked on a timer`);
    }, 5_000).catch(() => undefined);
    await handle.terminate('test finished').catch(() => undefined);
  }
}

/** One worker on a fresh task queue; every workflow the test starts is terminated afterwards. */
export function journeyScenario(env: TestWorkflowEnvironment, fakes: FakeActivities) {
  const taskQueue = uniqueId('journey');
  const started = new Set<string>();
  return {
    taskQueue,
    started,
    async start(definition: JourneyDefinition, first: LeadEventSignal, extra: Partial<JourneyWorkflowInput> = {}) {
      const leadId = extra.leadId ?? uniqueId('lead');
      const journeyId = extra.journeyId ?? 'default';
      const workflowId = journeyWorkflowId(leadId, journeyId);
      const input: JourneyWorkflowInput = {
        version: 1,
        leadId,
        journeyId,
        journeyVersion: 1,
        definition,
        settings: { maxEmailsPer24h: 3 },
        ...extra,
      };
      // As the signal relay does: the lead's first event starts its run.
      const handle = await env.client.workflow.signalWithStart(leadJourneyWorkflow, {
        workflowId,
        taskQueue,
        args: [input],
        signal: leadEventSignal,
        signalArgs: [first],
      });
      started.add(workflowId);
      const startedAt = (await handle.describe()).startTime.getTime();
      return { handle, leadId, workflowId, startedAt };
    },
    async run(body: (worker: Worker) => Promise<void>, worker?: Worker) {
      const w = worker ?? (await createWorker(env, taskQueue, fakes));
      // The hand-off SLA children run on the sales lane, as in the worker process.
      const sales = await createWorker(env, salesTaskQueue(taskQueue), fakes);
      const channels = await createWorker(env, channelsTaskQueue(salesTaskQueue(taskQueue)), fakes);
      // Terminate while the worker still polls: a task left with no worker holds the test server's
      // time-skipping lock, and every later test's timers would then stall.
      await channels.runUntil(
        sales.runUntil(
          w.runUntil(async () => {
            try {
              await body(w);
            } finally {
              await terminateAll(env, started);
            }
          }),
        ),
      );
    },
  };
}

type Handle = WorkflowHandle<typeof leadJourneyWorkflow>;
export const atNode = (handle: Handle, nodeId: string) =>
  eventually(async () => {
    const view = await handle.query(journeyStateQuery);
    expect(view.currentNode).toBe(nodeId);
    return view;
  });
export const templates = (fakes: FakeActivities) => fakes.calls.sendEmail.map((c) => c.input.template);
/** Activity schedule times include a little real processing time; a minute of slack is far below any timer here. */
export const expectAt = (at: number | undefined, expected: number) => {
  expect(at).toBeDefined();
  expect(at!).toBeGreaterThanOrEqual(expected);
  expect(at!).toBeLessThan(expected + 60_000);
};
