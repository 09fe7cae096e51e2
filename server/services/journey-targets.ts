/** Which journeys a lead enters or is already running, and the outbox rows that carry its events there. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeyRuns, journeys, journeyVersions, signalOutbox } from '@/db/schema';
import type { JourneyDefinition } from '@/lib/journey/definition';
import { journeyWorkflowId, LEAD_EVENT_SIGNAL, type LeadEventSignal } from '@/lib/journey/contract';
import type { ParkSpec } from '@/lib/journey/engine/park';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface PublishedJourney {
  journeyId: string;
  version: number;
  trigger: { on: 'lead_captured' } | { on: 'event'; eventType: string };
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
    if (trigger?.kind === 'trigger') out.push({ journeyId: r.journeyId, version: r.version, trigger: trigger.config });
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
    .where(and(inArray(journeyRuns.leadId, leadIds), inArray(journeyRuns.status, ['starting', 'running'])))
    .orderBy(journeyRuns.workflowId)
    .for('update');
  return rows.map((r) => ({ ...r, park: (r.park as ParkSpec | null) ?? null }));
}

/** Creates the run rows for journeys a lead newly enters; a lead enters each journey once. */
export async function enterJourneys(tx: Tx, leadId: string, entering: PublishedJourney[]): Promise<RunTarget[]> {
  if (entering.length === 0) return [];
  const values = entering.map((j) => ({
    leadId,
    journeyId: j.journeyId,
    journeyVersion: j.version,
    workflowId: journeyWorkflowId(leadId, j.journeyId),
  }));
  const inserted = await tx.insert(journeyRuns).values(values).onConflictDoNothing().returning({
    leadId: journeyRuns.leadId,
    journeyId: journeyRuns.journeyId,
    journeyVersion: journeyRuns.journeyVersion,
    workflowId: journeyRuns.workflowId,
  });
  return inserted;
}

export async function enqueueSignals(tx: Tx, items: { target: RunTarget; signal: LeadEventSignal }[]): Promise<number[]> {
  if (items.length === 0) return [];
  const rows = await tx
    .insert(signalOutbox)
    .values(
      items.map(({ target, signal }) => ({
        workflowId: target.workflowId,
        leadId: target.leadId,
        journeyId: target.journeyId,
        journeyVersion: target.journeyVersion,
        signal: LEAD_EVENT_SIGNAL,
        payload: signal as unknown as Record<string, unknown>,
      })),
    )
    .returning({ id: signalOutbox.id });
  return rows.map((r) => r.id);
}
