/** The blast's page activity: picks the next leads of the audience and sends them through sendBatch. */
import { eq, sql } from 'drizzle-orm';
import { blasts } from '@/db/schema';
import { audiencePage } from '@/lib/blasts/audience';
import { env } from '@/lib/env';
import { isUuid } from '@/lib/ids';
import { blastWorkflowId, type BlastActivities, type SendEmailInput } from '../../lib/journey/contract';
import { sendBatch, type SendBatchDeps } from './send-batch';

export function createBlastActivities(deps: SendBatchDeps): BlastActivities {
  return {
    async sendBlastPage(input) {
      const page = await audiencePage(deps.db, input.audience, new Date(input.startedAt), input.afterLeadId, input.limit);
      const now = (deps.now ?? (() => new Date()))();
      const workflowId = blastWorkflowId(input.blastId);
      const inputs: SendEmailInput[] = page.map((l) => ({
        // One key per lead and blast: a retried page, or the same lead on a later page after a restart, sends once.
        idempotencyKey: `${workflowId}:${l.id}`,
        workflowId,
        leadId: l.id,
        nodeId: 'blast',
        template: input.template,
        variant: null,
        kind: 'marketing',
        // The same per-lead limit and same-template rule as journeys, decided under the lead's send lock.
        cap: { maxPer24h: env().MAX_EMAILS_PER_24H, now: now.toISOString() },
      }));
      const results = inputs.length ? await sendBatch(deps, inputs) : [];
      const count = (s: string) => results.filter((r) => r.status === s).length;
      const totals = { sent: count('sent'), skipped: count('skipped'), overLimit: count('deferred'), failed: count('failed') };
      // The Blasts page's progress; keyed by where the page starts, so a retried page replaces its own counts.
      if (page.length && isUuid(input.blastId)) {
        const entry = JSON.stringify({ [input.afterLeadId ?? '']: totals });
        await deps.db.update(blasts).set({ progress: sql`${blasts.progress} || ${entry}::jsonb` }).where(eq(blasts.id, input.blastId));
      }
      return { ...totals, lastLeadId: page.at(-1)?.id ?? null };
    },
  };
}
