/** Failed journey runs for ops: the list, Retry (Temporal reset to just before the failed step) and Cancel. */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import type { Db } from '@/db/client';
import { journeyRuns, journeys, leads } from '@/db/schema';

export class RunError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'BAD_REQUEST',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type TemporalClient = () => Promise<Client>;

export async function listFailedRuns(db: Db) {
  return db
    .select({
      id: journeyRuns.id,
      workflowId: journeyRuns.workflowId,
      leadId: journeyRuns.leadId,
      leadEmail: leads.email,
      journeyId: journeyRuns.journeyId,
      journeyName: journeys.name,
      journeyVersion: journeyRuns.journeyVersion,
      currentNode: journeyRuns.currentNode,
      failureReason: journeyRuns.failureReason,
      failedAt: journeyRuns.failedAt,
    })
    .from(journeyRuns)
    .innerJoin(journeys, eq(journeys.id, journeyRuns.journeyId))
    .leftJoin(leads, eq(leads.id, journeyRuns.leadId))
    .where(eq(journeyRuns.status, 'failed'))
    .orderBy(desc(journeyRuns.failedAt))
    .limit(200);
}

async function loadRun(db: Db, id: string) {
  const [run] = await db.select().from(journeyRuns).where(eq(journeyRuns.id, id));
  if (!run) throw new RunError('NOT_FOUND', 'id', 'run not found');
  return run;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * Where a retry restarts: the workflow task that scheduled the failed activity, so that step runs again with the
 * run's state and every earlier step (sent emails, timers) kept; for a failure with no activity, the task that failed.
 */
export function resetPoint(events: HistoryEvent[]): number | null {
  const failed = events.find((e) => e.workflowExecutionFailedEventAttributes)?.workflowExecutionFailedEventAttributes;
  if (!failed) return null;
  for (let f = failed.failure; f; f = f.cause) {
    const scheduledId = Number(f.activityFailureInfo?.scheduledEventId ?? 0);
    if (scheduledId > 0) {
      const scheduled = events.find((e) => Number(e.eventId) === scheduledId)?.activityTaskScheduledEventAttributes;
      if (scheduled?.workflowTaskCompletedEventId) return Number(scheduled.workflowTaskCompletedEventId);
    }
  }
  return failed.workflowTaskCompletedEventId ? Number(failed.workflowTaskCompletedEventId) : null;
}

/** Retry: reset the failed workflow to just before its failed step; the run is "running" again until it ends or fails anew. */
export async function retryRun(db: Db, client: TemporalClient, id: string): Promise<{ workflowId: string; runId: string }> {
  const run = await loadRun(db, id);
  if (run.status !== 'failed') throw new RunError('BAD_REQUEST', 'id', `only a failed run can be retried (this one is ${run.status})`);
  const c = await client();
  const handle = c.workflow.getHandle(run.workflowId);
  const described = await handle.describe();
  if (described.status.name !== 'FAILED') throw new RunError('BAD_REQUEST', 'id', `the workflow is ${described.status.name.toLowerCase()} in Temporal, not failed`);
  const point = resetPoint((await handle.fetchHistory()).events ?? []);
  if (point === null) throw new RunError('BAD_REQUEST', 'id', 'the workflow history has no point to retry from');
  // Marked running first: a retried step that fails again at once must be able to write 'failed' over it.
  await db.update(journeyRuns).set({ status: 'running', failureReason: null, failedAt: null, updatedAt: new Date() }).where(and(eq(journeyRuns.id, id), eq(journeyRuns.status, 'failed')));
  try {
    const res: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse = await c.workflowService.resetWorkflowExecution({
      namespace: c.options.namespace,
      workflowExecution: { workflowId: run.workflowId, runId: described.runId },
      reason: 'retried from Leadflow (failed runs)',
      workflowTaskFinishEventId: Long.fromNumber(point),
      requestId: randomUUID(),
      resetReapplyType: temporal.api.enums.v1.ResetReapplyType.RESET_REAPPLY_TYPE_SIGNAL,
    });
    return { workflowId: run.workflowId, runId: res.runId ?? '' };
  } catch (err) {
    await db.update(journeyRuns).set({ status: 'failed', failureReason: run.failureReason, failedAt: run.failedAt }).where(and(eq(journeyRuns.id, id), eq(journeyRuns.status, 'running')));
    throw err;
  }
}

/** Cancel: ops give up on the run. A workflow still open in Temporal is cancelled; the row leaves the failed list. */
export async function cancelRun(db: Db, client: TemporalClient, id: string): Promise<{ workflowId: string }> {
  const run = await loadRun(db, id);
  if (!['failed', 'running', 'starting'].includes(run.status)) throw new RunError('BAD_REQUEST', 'id', `a ${run.status} run cannot be cancelled`);
  if (run.status !== 'failed') {
    const handle = (await client()).workflow.getHandle(run.workflowId);
    if ((await handle.describe()).status.name === 'RUNNING') await handle.cancel();
  }
  await db.update(journeyRuns).set({ status: 'cancelled', updatedAt: new Date() }).where(and(eq(journeyRuns.id, id), inArray(journeyRuns.status, ['failed', 'running', 'starting'])));
  return { workflowId: run.workflowId };
}
