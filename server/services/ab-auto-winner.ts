/** The A/B panel's auto-winner setting: saved per node, then its durable runner is started or woken (signal-with-start, as manual-handoff starts its SLA). */
import { and, eq, inArray } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { AB_AUTO_METRICS, abAutoWinners, journeys, journeyVersions } from '@/db/schema';
import { MIN_PER_ARM } from '@/lib/ab/verdict';
import { journeyDefinitionSchema } from '@/lib/journey/definition';
import { wakeAutoWinnerRunner } from '@/lib/ab/auto-winner-runner';
import { log } from '@/lib/log';
import { experimentNodes, nodeVariants } from '@/lib/ab/experiment-stats';
import { InputError } from './input-error';

export const autoWinnerInputSchema = z.object({
  journeyId: z.string().uuid(),
  nodeId: z.string().min(1).max(100),
  enabled: z.boolean(),
  metric: z.enum(AB_AUTO_METRICS),
  /** Below MIN_PER_ARM the verdict's normal approximation does not hold, so no smaller sample may decide. */
  minPerVariant: z.number().int().min(MIN_PER_ARM).max(10_000_000),
  confidence: z.number().int().min(80).max(99),
  decideAfter: z.string().datetime({ offset: true }).nullable().default(null),
});
export type AutoWinnerInput = z.infer<typeof autoWinnerInputSchema>;

export type AutoWinnerRow = typeof abAutoWinners.$inferSelect;

async function experimentNode(db: Db, journeyId: string, nodeId: string) {
  const [j] = await db
    .select({ definition: journeyVersions.definition })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.publishedVersion)))
    .where(eq(journeys.id, journeyId));
  if (!j) throw new InputError('journeyId', `no published journey ${journeyId}`, 'not_found');
  const def = journeyDefinitionSchema.parse(j.definition);
  const node = experimentNodes(def).find((n) => n.id === nodeId);
  if (!node || nodeVariants(node).length < 2) throw new InputError('nodeId', `"${nodeId}" is not an A/B split or an email with two or more variants in the published version`);
  return node;
}

/** Saves the rule and starts (or wakes) the node's runner; turning it off wakes the runner so it stops. A declared test stays declared. */
export async function setAutoWinner(db: Db, temporal: { client: () => Promise<Client>; taskQueue: string }, input: AutoWinnerInput, by: string | null): Promise<AutoWinnerRow> {
  await experimentNode(db, input.journeyId, input.nodeId);
  if (input.decideAfter !== null && Number.isNaN(Date.parse(input.decideAfter))) throw new InputError('decideAfter', 'is not a date');
  const key = and(eq(abAutoWinners.journeyId, input.journeyId), eq(abAutoWinners.nodeId, input.nodeId));
  const [current] = await db.select().from(abAutoWinners).where(key);
  if (current?.status === 'declared') throw new InputError('nodeId', `this test already has a winner (${current.winner}); its rule cannot change`, 'conflict');
  const values = {
    status: input.enabled ? ('watching' as const) : ('off' as const),
    metric: input.metric,
    minPerVariant: input.minPerVariant,
    confidence: input.confidence,
    decideAfter: input.decideAfter ? new Date(input.decideAfter) : null,
    lastReason: null,
    lastReasonText: null,
    lastCheckedAt: null,
    updatedBy: by,
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(abAutoWinners)
    .values({ journeyId: input.journeyId, nodeId: input.nodeId, ...values })
    .onConflictDoUpdate({ target: [abAutoWinners.journeyId, abAutoWinners.nodeId], set: values })
    .returning();
  // After the commit, so the runner's first look reads this rule. Temporal down: the rule stands, and the worker's reconcile starts its runner.
  try {
    await wakeAutoWinnerRunner({ client: await temporal.client(), taskQueue: temporal.taskQueue }, { journeyId: input.journeyId, nodeId: input.nodeId, enabled: input.enabled });
  } catch (err) {
    log('auto-winner').warn({ err, journeyId: input.journeyId, nodeId: input.nodeId }, 'runner not reached at save; the worker reconciles it');
  }
  return row!;
}

/** Every auto-winner rule of these journeys, keyed `journeyId:nodeId`. */
export async function autoWinnerRows(db: Db, journeyIds: string[]): Promise<Map<string, AutoWinnerRow>> {
  if (journeyIds.length === 0) return new Map();
  const rows = await db.select().from(abAutoWinners).where(inArray(abAutoWinners.journeyId, journeyIds));
  return new Map(rows.map((r) => [`${r.journeyId}:${r.nodeId}`, r]));
}
