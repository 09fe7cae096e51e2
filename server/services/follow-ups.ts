/** Next follow-up dates reach the lead's reminder workflow through the outbox, in the transaction that sets them, so a date is never saved without its reminder. */
import type { Db } from '@/db/client';
import { signalOutbox } from '@/db/schema';
import { FOLLOW_UP_SIGNAL, followUpWorkflowId, type FollowUpSignal } from '@/lib/journey/contract';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Queues the lead's new follow-up date (null clears it); the relay signal-with-starts `lead-<id>-follow-up`. */
export async function queueFollowUp(tx: Tx, leadId: string, dueAt: Date | null): Promise<void> {
  const payload: FollowUpSignal = { dueAt: dueAt ? dueAt.toISOString() : null };
  await tx.insert(signalOutbox).values({ workflowId: followUpWorkflowId(leadId), leadId, signal: FOLLOW_UP_SIGNAL, payload: { ...payload } });
}
