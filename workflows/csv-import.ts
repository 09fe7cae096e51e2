/** CSV import: validates or captures each stored chunk in order, resuming where it left off; the tab that started it may close. */
import { ApplicationFailure, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CsvImportActivities, CsvImportInput } from '../lib/journey/contract';

// A chunk is 1,000 captures: give it minutes, retry transient database trouble, and give up on a chunk that keeps failing.
const acts = proxyActivities<CsvImportActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});
const finish = proxyActivities<CsvImportActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

export async function csvImportWorkflow(input: CsvImportInput): Promise<{ created: number; merged: number; failed: number }> {
  const totals = { created: 0, merged: 0, failed: 0 };
  try {
    for (let idx = input.fromChunk ?? 0; idx < input.chunkCount; idx++) {
      const r = await acts.importChunk({ importId: input.importId, idx, mode: input.mode });
      totals.created += r.created;
      totals.merged += r.merged;
      totals.failed += r.failed;
      if (workflowInfo().continueAsNewSuggested && idx + 1 < input.chunkCount) return await continueAsNew<typeof csvImportWorkflow>({ ...input, fromChunk: idx + 1 });
    }
  } catch (err) {
    const message = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    await finish.finishImport({ importId: input.importId, mode: input.mode, error: message });
    throw ApplicationFailure.nonRetryable(`import ${input.importId} failed: ${message}`);
  }
  await finish.finishImport({ importId: input.importId, mode: input.mode });
  return totals;
}
