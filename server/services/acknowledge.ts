/** Acknowledgement: the database stops the clock first, then the SLA workflow is told (it re-checks the database anyway). */
import type { Db } from '@/db/client';
import { getTemporalClient } from '@/server/temporal';
import { ACKNOWLEDGE_SIGNAL, type AcknowledgeSignal } from '@/lib/journey/contract';
import { acknowledgeHandoff } from './handoffs';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';


export async function acknowledgeAndSignal(db: Db, input: { handoffId: string; token?: string; by?: string }) {
  if (!isUuid(input.handoffId)) return null;
  const result = await acknowledgeHandoff(db, input);
  if (!result) return null;
  if (result.newlyAcknowledged) {
    try {
      const client = await getTemporalClient();
      const signal: AcknowledgeSignal = { at: result.handoff.acknowledgedAt!.toISOString(), by: input.by };
      await client.workflow.getHandle(result.handoff.workflowId).signal(ACKNOWLEDGE_SIGNAL, signal);
    } catch (err) {
      // The SLA workflow checks the database before every reminder, so a lost signal sends no false reminder.
      log('handoff').warn({ err, handoffId: result.handoff.id }, 'ack signal not delivered');
    }
  }
  return result;
}
