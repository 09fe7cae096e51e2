/** Goal exits: a lead that meets its running journey's goal is marked converted there and its run told to exit, in the caller's transaction. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { journeyRuns, journeyVersions, leads, signalOutbox } from '@/db/schema';
import { GOAL_REACHED_SIGNAL, type GoalReachedSignal } from '@/lib/journey/contract';
import { triggerConfig, type Goal, type JourneyDefinition } from '@/lib/journey/definition';
import { meetsGoal } from '@/lib/journey/enrolment';
import { eventTitle } from '@/lib/journey/words';
import { leadFacts, type Tx } from './journey-targets';

export const goalText = (goal: Goal) =>
  goal.label || (goal.on === 'event' ? eventTitle(goal.eventType) : goal.rules.map((r) => `${r.field} ${r.op} ${Array.isArray(r.value) ? r.value.join(', ') : String(r.value ?? '')}`.trim()).join('; '));

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
  if (leadIds.length === 0) return [];
  const runs = await tx
    .select({ workflowId: journeyRuns.workflowId, leadId: journeyRuns.leadId, journeyId: journeyRuns.journeyId, journeyVersion: journeyRuns.journeyVersion, definition: journeyVersions.definition })
    .from(journeyRuns)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeyRuns.journeyId), eq(journeyVersions.version, journeyRuns.journeyVersion)))
    .where(and(inArray(journeyRuns.leadId, leadIds), inArray(journeyRuns.status, ['starting', 'running']), isNull(journeyRuns.goalReachedAt)));
  const withGoal = runs.flatMap((r) => {
    const goal = goalOf(r.definition);
    return goal ? [{ ...r, goal }] : [];
  });
  if (withGoal.length === 0) return [];
  const rows = await tx.select().from(leads).where(inArray(leads.id, [...new Set(withGoal.map((r) => r.leadId))]));
  const facts = new Map(rows.map((l) => [l.id, leadFacts(l)]));
  const met = withGoal.filter((r) => {
    const lead = facts.get(r.leadId);
    return lead !== undefined && meetsGoal(r.goal, lead, eventTypes.get(r.leadId) ?? []);
  });
  if (met.length === 0) return [];
  const at = new Date();
  await tx.update(journeyRuns).set({ goalReachedAt: at, park: null, updatedAt: at }).where(inArray(journeyRuns.workflowId, met.map((r) => r.workflowId)));
  // A parked run holds no events any more: the exit must reach it, and nothing held is worth applying.
  await tx.execute(sql`delete from absorbed_events where workflow_id in ${met.map((r) => r.workflowId)}`);
  const outbox = await tx
    .insert(signalOutbox)
    .values(
      met.map((r) => ({
        workflowId: r.workflowId,
        leadId: r.leadId,
        journeyId: r.journeyId,
        journeyVersion: r.journeyVersion,
        signal: GOAL_REACHED_SIGNAL,
        payload: { at: at.toISOString(), reason: goalText(r.goal) } satisfies GoalReachedSignal,
      })),
    )
    .returning({ id: signalOutbox.id });
  return outbox.map((o) => o.id);
}
