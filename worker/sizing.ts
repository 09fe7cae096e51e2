/** Worker sizing: workflow-task slots, local-activity slots, sticky cache, sticky timeout and the DB pool, sized to each other. */
import type { WorkerOptions } from '@temporalio/worker';

export interface SizingInput {
  /** WORKER_DB_POOL: Postgres connections of the worker process. */
  dbPool: number;
  /** WORKER_WORKFLOW_SLOTS: workflow tasks in flight per task queue; unset, the DB pool size. */
  workflowSlots?: number;
  /** WORKER_CACHED_WORKFLOWS: runs kept in memory between tasks (the sticky cache). */
  cachedWorkflows: number;
  /** WORKER_STICKY_TIMEOUT_MS: how long a task waits on this worker's sticky queue before any worker may take it. */
  stickyTimeoutMs: number;
  /** WORKER_CHANNEL_SLOTS: Slack/CRM calls in flight at once on the channels queue. */
  channelSlots: number;
}

export const SIZING_DEFAULTS = { dbPool: 10, cachedWorkflows: 250, stickyTimeoutMs: 10_000, channelSlots: 200 } as const;

type Sized = Pick<WorkerOptions, 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxCachedWorkflows' | 'stickyQueueScheduleToStartTimeout'>;
type WithActivities = Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions'>;

export interface WorkerSizing {
  dbPool: number;
  /** The journey queue's worker. */
  journey: Sized;
  /** The sales queue's worker: hand-off SLAs and the owner's email. */
  sales: Sized;
  /** The channels queue: Slack and CRM calls only, so a hung receiver holds none of the slots above. */
  channels: WithActivities;
}

export function workerSizing(input: SizingInput): WorkerSizing {
  const { dbPool } = input;
  // Each workflow task waits on at most one bookkeeping write: more tasks in flight than connections only queue inside the pool, holding slots.
  const workflowSlots = Math.max(2, input.workflowSlots ?? dbPool);
  // The SDK needs the cache to hold every task in flight on both queues.
  const cachedWorkflows = Math.max(input.cachedWorkflows, 2 * workflowSlots);
  const common = {
    maxConcurrentWorkflowTaskExecutions: workflowSlots,
    maxConcurrentLocalActivityExecutions: dbPool,
    stickyQueueScheduleToStartTimeout: input.stickyTimeoutMs,
  };
  // The two workers of a process share one sticky-cache budget; SLA runs wake rarely, so the journey queue holds most of it.
  const salesCache = Math.max(workflowSlots, Math.floor(cachedWorkflows / 5));
  return {
    dbPool,
    journey: { ...common, maxCachedWorkflows: Math.max(workflowSlots, cachedWorkflows - salesCache) },
    sales: { ...common, maxCachedWorkflows: salesCache },
    channels: { maxConcurrentActivityTaskExecutions: input.channelSlots },
  };
}
