/** One lead with everything its page and GET /api/leads/:id show. */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { handoffs, journeyRuns, journeys, leadEvents, leads, leadTouchpoints, messages, salesOwners, scoreChanges } from '@/db/schema';
import { temporalUiLink } from '@/server/temporal';
import { isUuid } from '@/lib/ids';
import { propertyEntries } from '@/lib/api/property-entries';
import { goalMessage } from '@/lib/journey/enrolment-rules';
import { english } from '@/lib/i18n/server-text';
import { stepNameText } from '@/lib/journey/step-sentence';
import { nodesByVersion } from './lead-steps';


export async function getLeadDetails(db: Db, id: string) {
  if (!isUuid(id)) return null;
  const [lead] = await db.select().from(leads).where(eq(leads.id, id));
  if (!lead) return null;
  const [owner] = lead.ownerId ? await db.select().from(salesOwners).where(eq(salesOwners.id, lead.ownerId)) : [];
  const [runs, events, touchpoints, emails, handoffRows, scoreRows] = await Promise.all([
    db
      .select({ run: journeyRuns, journeyName: journeys.name })
      .from(journeyRuns)
      .innerJoin(journeys, eq(journeys.id, journeyRuns.journeyId))
      .where(eq(journeyRuns.leadId, id))
      .orderBy(asc(journeyRuns.startedAt)),
    db.select().from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(desc(leadEvents.seq)).limit(200),
    db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, id)).orderBy(asc(leadTouchpoints.createdAt)),
    db.select().from(messages).where(eq(messages.leadId, id)).orderBy(desc(messages.createdAt)).limit(100),
    db
      .select({ handoff: handoffs, ownerHandle: salesOwners.handle, ownerName: salesOwners.name })
      .from(handoffs)
      .innerJoin(salesOwners, eq(salesOwners.id, handoffs.ownerId))
      .where(eq(handoffs.leadId, id))
      .orderBy(desc(handoffs.createdAt)),
    db.select().from(scoreChanges).where(eq(scoreChanges.leadId, id)).orderBy(desc(scoreChanges.id)).limit(200),
  ]);
  const nodes = await nodesByVersion(db, runs.map(({ run }) => ({ journeyId: run.journeyId, version: run.journeyVersion })));
  const currentStep = (run: (typeof runs)[number]['run']) => {
    if (!run.currentNode) return null;
    const node = nodes.get(`${run.journeyId}:${run.journeyVersion}`)?.get(run.currentNode);
    return stepNameText({ nodeId: run.currentNode, kind: node?.kind ?? 'step' }, node);
  };
  // The goal of the version each run follows, in words: a run that met it says so instead of just "completed".
  const goalOf = (run: (typeof runs)[number]['run']) => {
    const trigger = [...(nodes.get(`${run.journeyId}:${run.journeyVersion}`)?.values() ?? [])].find((n) => n.kind === 'trigger');
    return trigger?.kind === 'trigger' && trigger.config.goal ? goalMessage(trigger.config.goal) : null;
  };
  // `currentStep` and `goal` in English for API callers; `…Text` the same as messages for the lead page.
  const stepFields = (s: ReturnType<typeof currentStep>) => ({ currentStep: s === null ? null : english(s), currentStepText: s });
  const goalFields = (g: ReturnType<typeof goalOf>) => ({ goal: g === null ? null : english(g), goalText: g });
  return {
    lead: { ...lead, properties: propertyEntries(lead.properties) },
    owner: owner ? { id: owner.id, handle: owner.handle, name: owner.name, email: owner.email } : null,
    runs: runs.map(({ run, journeyName }) => ({ ...run, journeyName, ...stepFields(currentStep(run)), ...goalFields(goalOf(run)), temporalUrl: temporalUiLink(run.workflowId) })),
    events: events.map((e) => ({ ...e, properties: propertyEntries(e.properties) })),
    touchpoints,
    // The stored request (full HTML) is for re-sending, not for the lead page.
    emails: emails.map((m) => ({ ...m, rendered: undefined })),
    // The SLA workflow's own history (reminders, escalation, channel retries) lives in Temporal's UI.
    handoffs: handoffRows.map(({ handoff, ownerHandle, ownerName }) => ({ ...handoff, ackToken: undefined, ownerHandle, ownerName, temporalUrl: temporalUiLink(handoff.workflowId) })),
    scoreChanges: scoreRows,
  };
}

export type LeadDetails = NonNullable<Awaited<ReturnType<typeof getLeadDetails>>>;

/** The public JSON shape of GET /api/leads/:id. */
export function leadToApi(d: LeadDetails) {
  const { lead } = d;
  return {
    id: lead.id,
    email: lead.email,
    first_name: lead.firstName,
    last_name: lead.lastName,
    name_order: lead.nameOrder,
    phone: lead.phone,
    company: lead.company,
    job_title: lead.jobTitle,
    /** null: mailed in the org's default email language. */
    language: lead.locale,
    source: lead.source,
    score: lead.score,
    stage: lead.stage,
    is_hot: lead.isHot,
    lifecycle: lead.lifecycle,
    owner: d.owner,
    archived: lead.archivedAt !== null,
    last_action: lead.lastAction,
    touchpoints: d.touchpoints.map((t) => ({ source: t.source, utm_campaign: t.utmCampaign, utm_source: t.utmSource, utm_medium: t.utmMedium, first_visit: t.firstVisit, at: t.createdAt })),
    journey_runs: d.runs.map((r) => ({
      journey_id: r.journeyId,
      journey_name: r.journeyName,
      journey_version: r.journeyVersion,
      workflow_id: r.workflowId,
      current_node: r.currentNode,
      status: r.status,
      failure_reason: r.failureReason,
      failed_at: r.failedAt,
      goal: r.goal,
      goal_reached_at: r.goalReachedAt,
      temporal_url: r.temporalUrl,
    })),
    events: d.events.map((e) => ({ event_id: e.eventId, type: e.type, occurred_at: e.occurredAt, points: e.points, score_after: e.scoreAfter })),
    created_at: lead.createdAt,
  };
}
