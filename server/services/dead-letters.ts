/** The outbox's dead letters for ops: rows the relay gave up on, with their last error, and "retry now". */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeys, leads, signalOutbox } from '@/db/schema';
import { RunError } from './failed-runs';

export async function listDeadLetters(db: Db) {
  return db
    .select({
      id: signalOutbox.id,
      workflowId: signalOutbox.workflowId,
      leadId: signalOutbox.leadId,
      leadEmail: leads.email,
      journeyName: journeys.name,
      signal: signalOutbox.signal,
      attempts: signalOutbox.attempts,
      lastError: signalOutbox.lastError,
      createdAt: signalOutbox.createdAt,
      deadAt: signalOutbox.deadAt,
    })
    .from(signalOutbox)
    .leftJoin(leads, eq(leads.id, signalOutbox.leadId))
    .leftJoin(journeys, eq(journeys.id, signalOutbox.journeyId))
    .where(and(isNotNull(signalOutbox.deadAt), isNull(signalOutbox.deliveredAt)))
    .orderBy(desc(signalOutbox.deadAt))
    .limit(200);
}

/** Back in the queue with a fresh attempt budget: the worker's relay poller delivers it on its next pass. */
export async function retryDeadLetter(db: Db, id: number): Promise<{ id: number; workflowId: string }> {
  const [row] = await db
    .update(signalOutbox)
    .set({ deadAt: null, attempts: 0, nextAttemptAt: null, claimedUntil: null })
    .where(and(eq(signalOutbox.id, id), isNotNull(signalOutbox.deadAt)))
    .returning({ id: signalOutbox.id, workflowId: signalOutbox.workflowId });
  if (!row) throw new RunError('NOT_FOUND', 'id', 'no dead letter with this id');
  return row;
}
