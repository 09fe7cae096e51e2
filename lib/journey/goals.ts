/** Goal exits: a lead that meets its running journey's goal is marked converted there and its run told to exit, in the caller's transaction. */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { journeyRuns, journeyVersions, leads, signalOutbox } from '@/db/schema';
import { GOAL_REACHED_SIGNAL, type GoalReachedSignal } from '@/lib/journey/contract';
import { triggerConfig, type Goal, type JourneyDefinition } from '@/lib/journey/definition';
import { meetsGoal } from '@/lib/journey/enrolment';
import { goalWords } from '@/lib/journey/enrolment-rules';
import { leadFacts, type Tx } from '@/lib/journey/targets';

/** The goal in words ("Booked a demo", "Became an opportunity"): the exit's reason on the timeline and in A/B results. */
export const goalText = (goal: Goal) => goalWords(goal);

const goalOf = (definition: unknown): Goal | undefined => {
  const trigger = (definition as JourneyDefinition).nodes.find((n) => n.kind === 'trigger');
  const parsed = trigger ? triggerConfig.safeParse(trigger.config) : null;
  return parsed?.success ? parsed.data.goal : undefined;
};

/**
 * Checks the live runs of these leads against their own version's goal (lead fields as they are now, or one of
 * `eventTypes` just ingested); returns the outbox ids of the exit signals. Lead rows must be locked by the caller.
 */
export async function reachGoals(tx: Tx, leadIds: string[], eventTypes: Map<string, string[]> = new Map()): Promise<number[]> {
  return (await reachGoalsFrom(tx, leadIds, eventTypes)).outboxIds;
}

/**
 * As reachGoals; `self` is the run making the change (a journey's update_lead step): it gets no signal but its goal
 * back, to exit right there. A retried step finds its run already marked and gets the goal again.
 */
export async function reachGoalsFrom(tx: Tx, leadIds: string[], eventTypes: Map<string, string[]>, self?: string): Promise<{ outboxIds: number[]; self: GoalReachedSignal | null }> {
  const none = { outboxIds: [], self: null };
  if (leadIds.length === 0) return none;
  const unmarked = self ? or(isNull(journeyRuns.goalReachedAt), eq(journeyRuns.workflowId, self)) : isNull(journeyRuns.goalReachedAt);
  const runs = await tx
    .select({ workflowId: journeyRuns.workflowId, leadId: journeyRuns.leadId, journeyId: journeyRuns.journeyId, journeyVersion: journeyRuns.journeyVersion, goalReachedAt: journeyRuns.goalReachedAt, definition: journeyVersions.definition })
    .from(journeyRuns)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeyRuns.journeyId), eq(journeyVersions.version, journeyRuns.journeyVersion)))
    .where(and(inArray(journeyRuns.leadId, leadIds), inArray(journeyRuns.status, ['starting', 'running']), unmarked));
  const withGoal = runs.flatMap((r) => {
    const goal = goalOf(r.definition);
    return goal ? [{ ...r, goal }] : [];
  });
  if (withGoal.length === 0) return none;
  const rows = await tx.select().from(leads).where(inArray(leads.id, [...new Set(withGoal.map((r) => r.leadId))]));
  const facts = new Map(rows.map((l) => [l.id, leadFacts(l)]));
  const met = withGoal.filter((r) => {
    const lead = facts.get(r.leadId);
    return r.goalReachedAt !== null || (lead !== undefined && meetsGoal(r.goal, lead, eventTypes.get(r.leadId) ?? []));
  });
  if (met.length === 0) return none;
  const at = new Date();
  const fresh = met.filter((r) => r.goalReachedAt === null);
  const own = met.find((r) => r.workflowId === self);
  const ownSignal = own ? { at: (own.goalReachedAt ?? at).toISOString(), reason: goalText(own.goal) } : null;
  if (fresh.length === 0) return { outboxIds: [], self: ownSignal };
  await tx.update(journeyRuns).set({ goalReachedAt: at, park: null, updatedAt: at }).where(inArray(journeyRuns.workflowId, fresh.map((r) => r.workflowId)));
  // A parked run holds no events any more: the exit must reach it, and nothing held is worth applying.
  await tx.execute(sql`delete from absorbed_events where workflow_id in ${fresh.map((r) => r.workflowId)}`);
  const others = fresh.filter((r) => r.workflowId !== self);
  if (others.length === 0) return { outboxIds: [], self: ownSignal };
  const outbox = await tx
    .insert(signalOutbox)
    .values(
      others.map((r) => ({
        workflowId: r.workflowId,
        leadId: r.leadId,
        journeyId: r.journeyId,
        journeyVersion: r.journeyVersion,
        signal: GOAL_REACHED_SIGNAL,
        payload: { at: at.toISOString(), reason: goalText(r.goal) } satisfies GoalReachedSignal,
      })),
    )
    .returning({ id: signalOutbox.id });
  return { outboxIds: outbox.map((o) => o.id), self: ownSignal };
}
