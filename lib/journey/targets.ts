/** Which journeys a lead enters or is already running, and the outbox rows that carry its events there. */
import { and, eq, inArray, sql, type Param } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeyRuns, journeys, journeyVersions, leads } from '@/db/schema';
import { triggerConfig, type JourneyDefinition, type TriggerConfig } from '@/lib/journey/definition';
import { journeyWorkflowId, LEAD_EVENT_SIGNAL, type LeadEventSignal } from '@/lib/journey/contract';
import { decideEnrolment, groupOf, type LeadFacts } from '@/lib/journey/enrolment';
import type { ParkSpec } from '@/lib/journey/engine/park';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * A list bound as one array parameter (`= any(${anyOf(ids)}::uuid[])`, or `unnest(${anyOf(xs)}::text[])` cast per column):
 * one placeholder however long, one plan for every length. Sent as text, since the driver serialises only some array types.
 */
export function anyOf(values: readonly (string | number | boolean)[]): Param {
  return sql.param(values.map(String));
}

export interface PublishedJourney {
  journeyId: string;
  version: number;
  /** Parsed: a version that fails today's schema is left out rather than half-read. */
  trigger: TriggerConfig;
}

export async function publishedJourneys(tx: Tx | Db): Promise<PublishedJourney[]> {
  const rows = await tx
    .select({ journeyId: journeys.id, version: journeyVersions.version, definition: journeyVersions.definition })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.publishedVersion)))
    .where(eq(journeys.status, 'published'));
  const out: PublishedJourney[] = [];
  for (const r of rows) {
    const trigger = (r.definition as JourneyDefinition).nodes.find((n) => n.kind === 'trigger');
    const parsed = trigger?.kind === 'trigger' ? triggerConfig.safeParse(trigger.config) : null;
    if (parsed?.success) out.push({ journeyId: r.journeyId, version: r.version, trigger: parsed.data });
  }
  return out;
}

export interface RunTarget {
  leadId: string;
  journeyId: string;
  journeyVersion: number;
  workflowId: string;
  /** The wait the run is parked in, if any (lib/journey/engine/park.ts). */
  park?: ParkSpec | null;
}

/** Runs a lead is already in, row-locked so a run leaving its park waits for this decision; a closed run takes no more events. */
export async function activeRuns(tx: Tx, leadIds: string[]): Promise<RunTarget[]> {
  if (leadIds.length === 0) return [];
  const rows = await tx
    .select({ leadId: journeyRuns.leadId, journeyId: journeyRuns.journeyId, journeyVersion: journeyRuns.journeyVersion, workflowId: journeyRuns.workflowId, park: journeyRuns.park })
    .from(journeyRuns)
    .where(and(sql`${journeyRuns.leadId} = any(${anyOf(leadIds)}::uuid[])`, inArray(journeyRuns.status, ['starting', 'running'])))
    .orderBy(journeyRuns.workflowId)
    .for('update');
  return rows.map((r) => ({ ...r, park: (r.park as ParkSpec | null) ?? null }));
}

/** The lead as entry conditions and goals read it. */
export function leadFacts(row: typeof leads.$inferSelect): LeadFacts {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    company: row.company,
    jobTitle: row.jobTitle,
    companySize: row.companySize,
    properties: row.properties,
    score: row.score,
    stage: row.stage,
    lifecycle: row.lifecycle,
    lastAction: row.lastAction,
    tags: row.tags,
    archived: row.archivedAt !== null,
    source: row.source,
  };
}

/**
 * The one place a lead enters journeys: entry conditions, re-entry and priority groups are decided under the lead's
 * row lock, and the live-run unique indexes refuse whatever a concurrent enrolment might still slip past.
 */
export async function enterJourneys(tx: Tx, leadId: string, entering: PublishedJourney[]): Promise<RunTarget[]> {
  if (entering.length === 0) return [];
  const [row] = await tx.select().from(leads).where(eq(leads.id, leadId)).for('update');
  if (!row) return [];
  const past = await tx
    .select({ journeyId: journeyRuns.journeyId, priorityGroup: journeyRuns.priorityGroup, status: journeyRuns.status, startedAt: journeyRuns.startedAt })
    .from(journeyRuns)
    .where(eq(journeyRuns.leadId, leadId));
  const decision = decideEnrolment(
    leadFacts(row),
    entering,
    past.map((r) => ({ ...r, active: r.status === 'starting' || r.status === 'running' })),
    new Date(),
  );
  if (decision.enter.length === 0) return [];
  const values = decision.enter.map(({ journey: j, entry }) => ({
    leadId,
    journeyId: j.journeyId,
    journeyVersion: j.version,
    workflowId: journeyWorkflowId(leadId, j.journeyId, entry),
    entry,
    priorityGroup: groupOf(j.trigger),
  }));
  return tx.insert(journeyRuns).values(values).onConflictDoNothing().returning({
    leadId: journeyRuns.leadId,
    journeyId: journeyRuns.journeyId,
    journeyVersion: journeyRuns.journeyVersion,
    workflowId: journeyRuns.workflowId,
  });
}

export async function enqueueSignals(tx: Tx, items: { target: RunTarget; signal: LeadEventSignal }[]): Promise<number[]> {
  if (items.length === 0) return [];
  // Array parameters keep a 1,000-signal batch one small statement; ids come back in insertion order (the relay's order).
  const rows = await tx.execute<{ id: string | number }>(sql`
    insert into signal_outbox (workflow_id, lead_id, journey_id, journey_version, signal, payload)
    select w, l::uuid, j::uuid, v::int, ${LEAD_EVENT_SIGNAL}, p::jsonb from unnest(${anyOf(items.map((i) => i.target.workflowId))}::text[], ${anyOf(items.map((i) => i.target.leadId))}::text[],
      ${anyOf(items.map((i) => i.target.journeyId))}::text[], ${anyOf(items.map((i) => i.target.journeyVersion))}::text[],
      ${anyOf(items.map((i) => JSON.stringify(i.signal)))}::text[]) with ordinality as u(w, l, j, v, p, n)
    order by n
    returning id`);
  return rows.map((r) => Number(r.id));
}
