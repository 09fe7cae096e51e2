/** Captures a lead: one row per email, one touchpoint per (email, source), and entry into published journeys. */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leadEvents, leads, leadTouchpoints, scoreChanges } from '@/db/schema';
import { splitFullName, type SplitName } from '@/lib/people/names';
import { fitPoints } from '@/lib/scoring/evaluate';
import { stageFor } from '@/lib/scoring/stages';
import type { LeadEventSignal } from '@/lib/journey/contract';
import type { CaptureLeadInput } from '@/lib/api/schemas';
import { enqueueSignals, enterJourneys } from '@/lib/journey/targets';
import { ingestConfig } from './ingest-config';

export { captureLeadSchema, type CaptureLeadInput } from '@/lib/api/schemas';

export interface CaptureResult {
  leadId: string;
  created: boolean;
  touchpointCreated: boolean;
  outboxIds: number[];
}

/** The seeds key capture on hash(email + source): the same pair posted twice is one touchpoint. */
export function captureKey(email: string, source: string): string {
  return createHash('sha256').update(`${email.toLowerCase()}\u0000${source.toLowerCase()}`).digest('hex');
}

export function splitName(input: CaptureLeadInput): SplitName {
  if (input.first_name || input.last_name) return { firstName: input.first_name ?? null, lastName: input.last_name ?? null, nameOrder: 'given_first' };
  return splitFullName(input.name ?? '');
}

/** The row a new lead is inserted with; captureLead and the batched import share it so they cannot drift. */
export function newLeadRow(input: CaptureLeadInput): typeof leads.$inferInsert & SplitName {
  return {
    email: input.email,
    ...splitName(input),
    phone: input.phone ?? null,
    company: input.company ?? null,
    jobTitle: input.job_title ?? null,
    companySize: input.company_size ?? null,
    locale: input.language ?? input.locale ?? null,
    properties: input.properties,
    source: input.source,
  };
}

/** The touchpoint a capture writes, keyed by captureKey. */
export function touchpointRow(leadId: string, input: CaptureLeadInput): typeof leadTouchpoints.$inferInsert {
  return {
    leadId,
    captureKey: captureKey(input.email, input.source),
    source: input.source,
    utmSource: input.utm_source ?? null,
    utmMedium: input.utm_medium ?? null,
    utmCampaign: input.utm_campaign ?? null,
    utmTerm: input.utm_term ?? null,
    utmContent: input.utm_content ?? null,
    firstVisit: input.first_visit ? new Date(input.first_visit) : null,
  };
}

export interface CaptureOptions {
  /** False keeps a new lead out of journeys for now: a CSV import that opts out, a form awaiting double opt-in. */
  enterJourneys?: boolean;
}

export async function captureLead(db: Db, input: CaptureLeadInput, opts: CaptureOptions = {}): Promise<CaptureResult> {
  const { rules, thresholds, journeys } = await ingestConfig(db);
  return db.transaction(async (tx) => {
    const row = newLeadRow(input);
    const { firstName, lastName, nameOrder } = row;
    const inserted = await tx
      .insert(leads)
      .values(row)
      .onConflictDoNothing({ target: leads.email })
      .returning({ id: leads.id });
    const created = inserted.length === 1;
    const leadId = inserted[0]?.id ?? (await tx.select({ id: leads.id }).from(leads).where(eq(leads.email, input.email)))[0]!.id;

    if (!created) {
      // A known lead: fill what we did not know, never overwrite what we did.
      await tx
        .update(leads)
        .set({
          firstName: sql`coalesce(${leads.firstName}, ${firstName})`,
          lastName: sql`coalesce(${leads.lastName}, ${lastName})`,
          nameOrder: sql`case when ${leads.firstName} is null and ${leads.lastName} is null then ${nameOrder} else ${leads.nameOrder} end`,
          phone: sql`coalesce(${leads.phone}, ${input.phone ?? null})`,
          company: sql`coalesce(${leads.company}, ${input.company ?? null})`,
          jobTitle: sql`coalesce(${leads.jobTitle}, ${input.job_title ?? null})`,
          companySize: sql`coalesce(${leads.companySize}, ${input.company_size ?? null})`,
          locale: sql`coalesce(${leads.locale}, ${input.language ?? input.locale ?? null})`,
          properties: sql`${JSON.stringify(input.properties)}::jsonb || ${leads.properties}`,
          updatedAt: new Date(),
        })
        .where(eq(leads.id, leadId));
    }

    const touch = await tx
      .insert(leadTouchpoints)
      .values(touchpointRow(leadId, input))
      .onConflictDoNothing()
      .returning({ id: leadTouchpoints.id });

    if (!created) return { leadId, created, touchpointCreated: touch.length === 1, outboxIds: [] };

    const fit = fitPoints(rules, {
      jobTitle: input.job_title ?? null,
      company: input.company ?? null,
      companySize: input.company_size ?? null,
      source: input.source,
      properties: input.properties,
    });
    const score = fit.points;
    const stage = stageFor(score, thresholds);
    const eventId = `capture:${leadId}`;
    const [event] = await tx
      .insert(leadEvents)
      .values({ eventId, leadId, type: 'lead_captured', properties: { source: input.source }, points: score, scoreAfter: score })
      .returning({ seq: leadEvents.seq, occurredAt: leadEvents.occurredAt });
    let running = 0;
    for (const a of fit.applied) {
      running += a.points;
      await tx.insert(scoreChanges).values({ leadId, eventId, ruleId: a.ruleId ?? null, ruleName: a.ruleName, points: a.points, scoreAfter: running });
    }
    if (score !== 0) await tx.update(leads).set({ score, stage, isHot: stage === 'hot' }).where(eq(leads.id, leadId));

    if (opts.enterJourneys === false) return { leadId, created, touchpointCreated: touch.length === 1, outboxIds: [] };
    const entering = journeys.filter((j) => j.trigger.on === 'lead_captured');
    const targets = await enterJourneys(tx, leadId, entering);
    const signal: LeadEventSignal = {
      eventId,
      type: 'lead_captured',
      occurredAt: event!.occurredAt.toISOString(),
      seq: event!.seq,
      score,
      stage,
      isHot: stage === 'hot',
      properties: { source: input.source },
    };
    const outboxIds = await enqueueSignals(tx, targets.map((target) => ({ target, signal })));
    return { leadId, created, touchpointCreated: touch.length === 1, outboxIds };
  });
}
