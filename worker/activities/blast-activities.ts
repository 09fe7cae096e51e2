/** The blast's page activity: picks the next leads of the audience and sends them through sendBatch. */
import { and, asc, eq, gt, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leads } from '@/db/schema';
import { env } from '@/lib/env';
import { blastWorkflowId, type BlastActivities, type BlastAudience, type SendEmailInput } from '../../lib/journey/contract';
import { sendBatch, type SendBatchDeps } from './send-batch';

function audienceWhere(a: BlastAudience, startedAt: Date, after?: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [lte(leads.createdAt, startedAt), isNull(leads.archivedAt), isNull(leads.unsubscribedAt)];
  if (a.source) conds.push(eq(leads.source, a.source));
  if (a.stage) conds.push(eq(leads.stage, a.stage));
  if (a.tag) conds.push(sql`${a.tag} = any(${leads.tags})`);
  if (after) conds.push(gt(leads.id, after));
  return and(...conds);
}

/** How many leads a blast would reach now (the confirmation a marketer reads before sending). */
export async function countAudience(db: Db, audience: BlastAudience, at = new Date()): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(leads).where(audienceWhere(audience, at));
  return row?.n ?? 0;
}

export function createBlastActivities(deps: SendBatchDeps): BlastActivities {
  return {
    async sendBlastPage(input) {
      const page = await deps.db
        .select({ id: leads.id })
        .from(leads)
        .where(audienceWhere(input.audience, new Date(input.startedAt), input.afterLeadId))
        .orderBy(asc(leads.id))
        .limit(input.limit);
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
      return { sent: count('sent'), skipped: count('skipped'), overLimit: count('deferred'), failed: count('failed'), lastLeadId: page.at(-1)?.id ?? null };
    },
  };
}
