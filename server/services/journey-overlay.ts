/** The editor's live overlay: per step of the published version, who waits there, who passed, emails sent and conversions; and the goal's total. */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeyRuns, journeySteps, journeyVersions } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { goalMessage, goalWords } from '@/lib/journey/enrolment-rules';
import type { TextParam } from '@/lib/i18n/server-text';

export interface NodeOverlay {
  waiting: number;
  /** Runs that failed at this step and wait for ops (Retry or Cancel on /runs). */
  failed: number;
  passed: number;
  emailsSent: number;
  /** Leads that passed here and then met the journey's goal (no goal: reached a hand-off). */
  conversions: number;
}

export interface JourneyOverlay {
  version: number | null;
  nodes: Record<string, NodeOverlay>;
  /** The version's goal in words, with how many of its runs met it out of how many started; null without a goal. */
  goal: { text: string; /** The goal as a message, for a reader in another language. */ words: TextParam; reached: number; entered: number } | null;
}

export async function journeyOverlay(db: Db, journeyId: string, version: number | null): Promise<JourneyOverlay> {
  const nodes: Record<string, NodeOverlay> = {};
  if (version === null) return { version: null, nodes, goal: null };
  const [v] = await db.select({ definition: journeyVersions.definition }).from(journeyVersions).where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version)));
  const trigger = (v?.definition as JourneyDefinition | undefined)?.nodes.find((n) => n.kind === 'trigger');
  const goal = trigger?.kind === 'trigger' ? trigger.config.goal : undefined;

  const ofVersion = and(eq(journeyRuns.journeyId, journeyId), eq(journeyRuns.journeyVersion, version));
  const byVersion = and(eq(journeySteps.journeyId, journeyId), eq(journeySteps.journeyVersion, version));
  const runsAt = (status: 'running' | 'failed') =>
    db
      .select({ nodeId: journeyRuns.currentNode, n: sql<number>`count(*)::int` })
      .from(journeyRuns)
      .where(and(ofVersion, eq(journeyRuns.status, status)))
      .groupBy(journeyRuns.currentNode);
  // With a goal, a conversion is a run that met it; without one, a run that reached a hand-off.
  const converted = goal
    ? sql`exists (select 1 from ${journeyRuns} r where r.workflow_id = ${journeySteps.workflowId} and r.goal_reached_at is not null)`
    : sql`exists (select 1 from ${journeySteps} h where h.workflow_id = ${journeySteps.workflowId} and h.journey_version = ${journeySteps.journeyVersion} and h.kind = 'handoff')`;
  const [waiting, failed, passed, sent, conversions, totals] = await Promise.all([
    runsAt('running'),
    // A failed run stays on the step that failed until ops retry or cancel it.
    runsAt('failed'),
    db.select({ nodeId: journeySteps.nodeId, n: sql<number>`count(distinct ${journeySteps.leadId})::int` }).from(journeySteps).where(byVersion).groupBy(journeySteps.nodeId),
    db
      .select({ nodeId: journeySteps.nodeId, n: sql<number>`count(*)::int` })
      .from(journeySteps)
      .where(and(byVersion, eq(journeySteps.kind, 'send_email'), sql`${journeySteps.detail}->>'status' = 'sent'`))
      .groupBy(journeySteps.nodeId),
    db
      .select({ nodeId: journeySteps.nodeId, n: sql<number>`count(distinct ${journeySteps.leadId})::int` })
      .from(journeySteps)
      .where(and(byVersion, converted))
      .groupBy(journeySteps.nodeId),
    goal
      ? db
          .select({ entered: sql<number>`count(*)::int`, reached: sql<number>`count(*) filter (where ${isNotNull(journeyRuns.goalReachedAt)})::int` })
          .from(journeyRuns)
          .where(ofVersion)
      : Promise.resolve([]),
  ]);
  const at = (id: string) => (nodes[id] ??= { waiting: 0, failed: 0, passed: 0, emailsSent: 0, conversions: 0 });
  for (const r of waiting) if (r.nodeId) at(r.nodeId).waiting = r.n;
  for (const r of failed) if (r.nodeId) at(r.nodeId).failed = r.n;
  // The goal exit is recorded as a step named "goal", not a node of the drawing.
  for (const r of passed) if (r.nodeId !== 'goal') at(r.nodeId).passed = r.n;
  for (const r of sent) at(r.nodeId).emailsSent = r.n;
  for (const r of conversions) if (r.nodeId !== 'goal') at(r.nodeId).conversions = r.n;
  const total = totals[0];
  return { version, nodes, goal: goal ? { text: goalWords(goal), words: goalMessage(goal), reached: total?.reached ?? 0, entered: total?.entered ?? 0 } : null };
}
