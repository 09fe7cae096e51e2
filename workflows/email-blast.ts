/** An email blast: pages through its audience in lead-id order and sends each page through the provider's batch endpoint. */
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BlastActivities, BlastInput, BlastTotals } from '../lib/journey/contract';

/** Five provider batches a page: at Resend's 2 requests/s that is a few seconds, well inside the timeout. */
export const BLAST_PAGE = 500;

// A page may wait on the provider budget and Retry-After; a retry re-sends nothing that went out (send-batch.ts).
const acts = proxyActivities<BlastActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export async function emailBlastWorkflow(input: BlastInput): Promise<BlastTotals> {
  const totals: BlastTotals = { ...(input.totals ?? { sent: 0, skipped: 0, overLimit: 0, failed: 0 }) };
  let after = input.afterLeadId;
  for (;;) {
    const page = await acts.sendBlastPage({ blastId: input.blastId, template: input.template, audience: input.audience, startedAt: input.startedAt, afterLeadId: after, limit: BLAST_PAGE });
    totals.sent += page.sent;
    totals.skipped += page.skipped;
    totals.overLimit += page.overLimit;
    totals.failed += page.failed;
    if (page.lastLeadId === null) return totals;
    after = page.lastLeadId;
    if (workflowInfo().continueAsNewSuggested) return await continueAsNew<typeof emailBlastWorkflow>({ ...input, afterLeadId: after, totals });
  }
}
