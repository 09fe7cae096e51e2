/** The auto-winner runner's look at one A/B node, and the winner lookup the journey interpreter routes new leads by. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { abAutoWinners, journeys, journeyVersions } from '@/db/schema';
import { autoWinnerDecision, autoWinnerReason, autoWinnerSentence } from '@/lib/ab/auto-winner';
import { journeyDefinitionSchema } from '@/lib/journey/definition';
import type { AbAutoWinnerActivities, JourneyActivities } from '@/lib/journey/contract';
import { recordAudit, systemActor } from '@/lib/audit';
import { experimentNodes, experimentVerdict, journeyGoal, nodeVariants } from '@/lib/ab/experiment-stats';


async function publishedNode(db: Db, journeyId: string, nodeId: string) {
  const [j] = await db
    .select({ definition: journeyVersions.definition })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.publishedVersion)))
    .where(eq(journeys.id, journeyId));
  const def = j ? journeyDefinitionSchema.safeParse(j.definition) : null;
  if (!def?.success) return null;
  const node = experimentNodes(def.data).find((n) => n.id === nodeId);
  return node ? { node, goal: journeyGoal(def.data) !== undefined } : null;
}

export function createAbAutoWinnerActivities(deps: { db: Db }): AbAutoWinnerActivities & Required<Pick<JourneyActivities, 'abWinner'>> {
  const { db } = deps;
  const key = (journeyId: string, nodeId: string) => and(eq(abAutoWinners.journeyId, journeyId), eq(abAutoWinners.nodeId, nodeId));
  return {
    async checkAutoWinner({ journeyId, nodeId, now }) {
      const at = new Date(now);
      const [rule] = await db.select().from(abAutoWinners).where(key(journeyId, nodeId));
      if (!rule) return { action: 'stop', reason: autoWinnerReason('noRule').reason };
      // A retried look after the winner committed answers the same.
      if (rule.status === 'declared' && rule.winner) return { action: 'declared', variantId: rule.winner };
      if (rule.status !== 'watching') return { action: 'stop', reason: autoWinnerReason('turnedOff').reason };
      const found = await publishedNode(db, journeyId, nodeId);
      const variants = found ? nodeVariants(found.node) : [];
      if (!found || variants.length < 2) {
        const { reason, reasonText } = autoWinnerReason('gone');
        await db.update(abAutoWinners).set({ status: 'off', lastReason: reason, lastReasonText: reasonText, lastCheckedAt: at }).where(and(key(journeyId, nodeId), eq(abAutoWinners.status, 'watching')));
        return { action: 'stop', reason };
      }
      const { verdict } = await experimentVerdict(db, journeyId, found.node, { goal: found.goal, metric: rule.metric, alpha: 1 - rule.confidence / 100, concluded: false });
      const decision = autoWinnerDecision({ minPerVariant: rule.minPerVariant, decideAfter: rule.decideAfter?.toISOString() ?? null }, verdict, at);
      if (decision.action === 'wait') {
        await db.update(abAutoWinners).set({ lastReason: decision.reason, lastReasonText: decision.reasonText, lastCheckedAt: at }).where(and(key(journeyId, nodeId), eq(abAutoWinners.status, 'watching')));
        return { action: 'wait', reason: decision.reason, recheckInMs: decision.recheckInMs };
      }
      const label = variants.find((v) => v.id === decision.variant)?.label ?? decision.variant;
      const summary = autoWinnerSentence({ winner: decision.variant, metric: rule.metric, confidence: rule.confidence });
      // The winner and its audit row land together; a rule turned off meanwhile keeps the test running.
      const declared = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(abAutoWinners)
          .set({ status: 'declared', winner: decision.variant, pValue: verdict.pValue, decidedAt: at, lastReason: decision.reason, lastReasonText: decision.reasonText, lastCheckedAt: at })
          .where(and(key(journeyId, nodeId), eq(abAutoWinners.status, 'watching')))
          .returning();
        if (!row) return false;
        await recordAudit(tx, systemActor('auto-winner'), {
          action: 'experiments.autoWinner',
          targetType: 'journey',
          targetId: journeyId,
          summary: `${summary} (${label}, node ${nodeId}; rule set by ${rule.updatedBy ?? 'unknown'})`,
          detail: { nodeId, variant: decision.variant, metric: rule.metric, confidence: rule.confidence, pValue: verdict.pValue, minPerVariant: rule.minPerVariant, counts: verdict.variants.map((v) => ({ id: v.id, sent: v.sent, [rule.metric]: v[rule.metric] })) },
        });
        return true;
      });
      return declared ? { action: 'declared', variantId: decision.variant } : { action: 'stop', reason: autoWinnerReason('turnedOff').reason };
    },

    async abWinner({ journeyId, nodeId }) {
      const [row] = await db.select({ winner: abAutoWinners.winner }).from(abAutoWinners).where(and(key(journeyId, nodeId), eq(abAutoWinners.status, 'declared')));
      return { variantId: row?.winner ?? null };
    },
  };
}
