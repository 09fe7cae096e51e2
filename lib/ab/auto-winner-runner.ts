/** Starts, wakes and reconciles the durable auto-winner runners, so a rule saved while Temporal was down still gets its runner. */
import { eq } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import { abAutoWinners } from '@/db/schema';
import { AB_AUTO_WINNER_SIGNAL, abAutoWinnerWorkflowId, type AbAutoWinnerWorkflowInput } from '@/lib/journey/contract';
import { log } from '@/lib/log';

export interface RunnerTarget {
  client: Client;
  taskQueue: string;
}

/** How often the worker looks for watched tests without a runner (Temporal down at save, a runner terminated by hand). */
export const AUTO_WINNER_RECONCILE_MS = 5 * 60_000;

function args(journeyId: string, nodeId: string): [AbAutoWinnerWorkflowInput] {
  return [{ version: 1, journeyId, nodeId }];
}

/** After a save: a watched test's runner starts or looks again at once; a test turned off wakes its runner so it stops. */
export async function wakeAutoWinnerRunner(t: RunnerTarget, rule: { journeyId: string; nodeId: string; enabled: boolean }): Promise<void> {
  const workflowId = abAutoWinnerWorkflowId(rule.journeyId, rule.nodeId);
  if (rule.enabled) {
    await t.client.workflow.signalWithStart('abAutoWinnerWorkflow', { workflowId, taskQueue: t.taskQueue, args: args(rule.journeyId, rule.nodeId), signal: AB_AUTO_WINNER_SIGNAL, signalArgs: [] });
    return;
  }
  await t.client.workflow
    .getHandle(workflowId)
    .signal(AB_AUTO_WINNER_SIGNAL)
    .catch((err: unknown) => {
      // No runner (never started, or already stopped): nothing to wake.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    });
}

/**
 * Starts the runner of every watched test that has none running; a running one is left alone (no extra look), so
 * this is safe to repeat. A runner left running for a test turned off stops at its next look, which reads the rule.
 */
export async function reconcileAutoWinnerRunners(db: Db, t: RunnerTarget): Promise<number> {
  const watched = await db.select({ journeyId: abAutoWinners.journeyId, nodeId: abAutoWinners.nodeId }).from(abAutoWinners).where(eq(abAutoWinners.status, 'watching'));
  let started = 0;
  for (const { journeyId, nodeId } of watched) {
    try {
      await t.client.workflow.start('abAutoWinnerWorkflow', { workflowId: abAutoWinnerWorkflowId(journeyId, nodeId), taskQueue: t.taskQueue, args: args(journeyId, nodeId) });
      started += 1;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  if (started) log('auto-winner').info({ started }, 'started auto-winner runners that were missing');
  return started;
}

/** The worker's loop: reconciles at once, then every AUTO_WINNER_RECONCILE_MS; returns a stop that waits for a pass in flight. */
export function startAutoWinnerReconcile(db: Db, t: RunnerTarget, intervalMs = AUTO_WINNER_RECONCILE_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = running.then(() => reconcileAutoWinnerRunners(db, t)).catch((err: unknown) => log('auto-winner').warn({ err }, 'auto-winner reconcile failed; retried next interval'));
  };
  pass();
  const timer = setInterval(pass, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
