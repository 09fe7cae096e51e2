/** Shared setup for workflow tests: the time-skipping server with Leadflow's search attributes, one workflow bundle, polling helpers. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TEMPORAL_TEST_SERVER } from '../../scripts/lib/tools';
import { LEADFLOW_SEARCH_ATTRIBUTES } from '../search-attributes';
import type { FakeActivities } from './fake-activities';

export const WORKFLOWS_PATH = decodeURIComponent(new URL('../index.ts', import.meta.url).pathname);

// temporal.api.enums.v1.IndexedValueType
const INDEXED_VALUE_TYPE = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 } as const;

/** Starts the time-skipping server and registers the search attributes the journey workflow upserts. */
export async function createTestEnv(): Promise<TestWorkflowEnvironment> {
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

export async function createWorker(env: TestWorkflowEnvironment, taskQueue: string, fakes: FakeActivities): Promise<Worker> {
  return Worker.create({
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
    if (status.name === 'RUNNING') await handle.terminate('test finished').catch(() => undefined);
  }
}
