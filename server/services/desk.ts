/** The sales desk: a rep's open hand-offs (overdue first), hot leads, due follow-ups; outcomes that move the lifecycle; notes; reassignment. */
import { reachGoals } from '@/lib/journey/goals';
import { and, asc, desc, eq, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { handoffs, leads, salesActivities, salesOwners, type Outcome } from '@/db/schema';
import { displayName } from '@/lib/people/names';
import { queueFollowUp } from './follow-ups';

/** A service refusal the router turns into a tRPC error; `field` names the input at fault. */
export class DeskError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DeskActor {
  id: string;
  role: string;
  salesOwnerId: string | null;
}

/** Outcomes that end the hand-off's place on the desk. */
const CLOSING: ReadonlySet<Outcome> = new Set(['qualified', 'won', 'disqualified']);

/** Sales work only their own desk; admins and ops work any. */
function assertMayWork(actor: DeskActor, ownerId: string): void {
  if (actor.role === 'admin' || actor.role === 'ops') return;
  if (actor.role === 'sales' && actor.salesOwnerId === ownerId) return;
  throw new DeskError('FORBIDDEN', 'handoffId', actor.role === 'sales' ? 'this hand-off belongs to another rep' : `the ${actor.role} role does not work hand-offs`);
}

/** Which desk to show: a rep's own; admins and ops may name any owner. */
export function deskOwnerFor(actor: DeskActor, requested?: string): string {
  if (requested && (actor.role === 'admin' || actor.role === 'ops')) return requested;
  if (requested && requested !== actor.salesOwnerId) throw new DeskError('FORBIDDEN', 'ownerId', 'only admins and ops see other desks');
  if (!actor.salesOwnerId) throw new DeskError('BAD_REQUEST', 'ownerId', 'your account is not linked to a sales owner: ask an admin to link it on the Team page');
  return actor.salesOwnerId;
}

/** As the mail and notifications write it (Nguyễn Thị Lan, family name first when the lead's name is), or the email. */
const nameOf = (l: Parameters<typeof displayName>[0] & { email: string }) => displayName(l) || l.email;

export async function loadDesk(db: Db, ownerId: string, now = new Date()) {
  const [owner] = await db.select().from(salesOwners).where(eq(salesOwners.id, ownerId));
  if (!owner) throw new DeskError('NOT_FOUND', 'ownerId', 'no such sales owner');
  const dueAt = sql<Date>`${handoffs.createdAt} + make_interval(mins => ${handoffs.slaMinutes})`;
  const open = await db
    .select({
      id: handoffs.id,
      leadId: handoffs.leadId,
      reason: handoffs.reason,
      status: handoffs.status,
      outcome: handoffs.outcome,
      createdAt: handoffs.createdAt,
      acknowledgedAt: handoffs.acknowledgedAt,
      slaMinutes: handoffs.slaMinutes,
      dueAt: sql<string>`${dueAt}`.as('due_at'),
      email: leads.email,
      firstName: leads.firstName,
      lastName: leads.lastName,
      nameOrder: leads.nameOrder,
      company: leads.company,
      phone: leads.phone,
      score: leads.score,
      lifecycle: leads.lifecycle,
    })
    .from(handoffs)
    .innerJoin(leads, eq(leads.id, handoffs.leadId))
    .where(and(eq(handoffs.ownerId, ownerId), isNull(handoffs.closedAt)))
    // Unacknowledged past their SLA first, then unacknowledged by due time, then acknowledged ones still awaiting an outcome.
    .orderBy(sql`${handoffs.acknowledgedAt} is not null`, asc(dueAt))
    .limit(200);
  const openLeadIds = new Set(open.map((h) => h.leadId));
  const hot = (
    await db
      .select({ id: leads.id, email: leads.email, firstName: leads.firstName, lastName: leads.lastName, nameOrder: leads.nameOrder, company: leads.company, score: leads.score, lifecycle: leads.lifecycle })
      .from(leads)
      .where(and(eq(leads.ownerId, ownerId), eq(leads.isHot, true), isNull(leads.archivedAt), ne(leads.lifecycle, 'customer')))
      .orderBy(desc(leads.score))
      .limit(100)
  ).filter((l) => !openLeadIds.has(l.id));
  const followUps = await db
    .select({ id: leads.id, email: leads.email, firstName: leads.firstName, lastName: leads.lastName, nameOrder: leads.nameOrder, nextFollowUpAt: leads.nextFollowUpAt, remindedAt: leads.followUpRemindedAt, notes: leads.notes })
    .from(leads)
    .where(and(eq(leads.ownerId, ownerId), isNotNull(leads.nextFollowUpAt), isNull(leads.archivedAt), lte(leads.nextFollowUpAt, new Date(now.getTime() + 7 * 86_400_000))))
    .orderBy(asc(leads.nextFollowUpAt))
    .limit(100);
  return {
    owner: { id: owner.id, handle: owner.handle, name: owner.name },
    now,
    handoffs: open.map((h) => ({ ...h, name: nameOf(h), dueAt: new Date(h.dueAt), overdue: !h.acknowledgedAt && new Date(h.dueAt) < now })),
    hot: hot.map((l) => ({ ...l, name: nameOf(l) })),
    // Due ones first (the query orders by date); the reminder workflow mails the rep when each comes.
    followUps: followUps.map((f) => ({ ...f, name: nameOf(f), due: f.nextFollowUpAt !== null && f.nextFollowUpAt <= now })),
  };
}

/** Every desk at a glance, for admins and ops. */
export async function deskOverview(db: Db) {
  return db
    .select({
      id: salesOwners.id,
      handle: salesOwners.handle,
      name: salesOwners.name,
      active: salesOwners.active,
      open: sql<number>`count(${handoffs.id}) filter (where ${handoffs.closedAt} is null)::int`,
      overdue: sql<number>`count(${handoffs.id}) filter (where ${handoffs.closedAt} is null and ${handoffs.acknowledgedAt} is null and ${handoffs.createdAt} + make_interval(mins => ${handoffs.slaMinutes}) < now())::int`,
    })
    .from(salesOwners)
    .leftJoin(handoffs, eq(handoffs.ownerId, salesOwners.id))
    .groupBy(salesOwners.id)
    .orderBy(asc(salesOwners.handle));
}

async function handoffFor(db: Db, actor: DeskActor, handoffId: string) {
  const [h] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
  if (!h) throw new DeskError('NOT_FOUND', 'handoffId', 'no such hand-off');
  assertMayWork(actor, h.ownerId);
  return h;
}

/** Checks the actor may work this hand-off; acknowledging itself goes through acknowledgeAndSignal (database, then the SLA workflow). */
export async function assertMayAcknowledge(db: Db, actor: DeskActor, handoffId: string) {
  return handoffFor(db, actor, handoffId);
}

const LIFECYCLE_AFTER: Partial<Record<Outcome, 'sql' | 'opportunity' | 'customer' | 'lead'>> = { reached: 'sql', qualified: 'opportunity', won: 'customer', disqualified: 'lead' };
const RANK = { lead: 0, mql: 1, sql: 2, opportunity: 3, customer: 4 } as const;

export interface OutcomeInput {
  handoffId: string;
  outcome: Outcome;
  reason?: string;
  note?: string;
  nextFollowUpAt?: Date;
}

/** Records what happened after the call. Qualified → opportunity, won → customer, disqualified (with a reason) → back to lead; the dashboard counts these. */
export async function recordOutcome(db: Db, actor: DeskActor, input: OutcomeInput) {
  if (input.outcome === 'disqualified' && !input.reason?.trim()) throw new DeskError('BAD_REQUEST', 'reason', 'say why the lead is disqualified');
  const h = await handoffFor(db, actor, input.handoffId);
  return db.transaction(async (tx) => {
    const [lead] = await tx.select().from(leads).where(eq(leads.id, h.leadId)).for('update');
    if (!lead) throw new DeskError('NOT_FOUND', 'handoffId', 'the lead of this hand-off is gone');
    const target = LIFECYCLE_AFTER[input.outcome];
    // Only disqualification moves a lead backwards; a late "reached" never undoes an opportunity.
    const lifecycle = target && (input.outcome === 'disqualified' ? lead.lifecycle !== 'customer' : RANK[target] > RANK[lead.lifecycle]) ? target : lead.lifecycle;
    const closes = CLOSING.has(input.outcome);
    await tx.insert(salesActivities).values({
      leadId: h.leadId,
      handoffId: h.id,
      userId: actor.id,
      kind: 'outcome',
      outcome: input.outcome,
      reason: input.reason?.trim() || null,
      body: input.note?.trim() || null,
      nextFollowUpAt: input.nextFollowUpAt ?? null,
    });
    await tx
      .update(handoffs)
      .set({ outcome: input.outcome, ...(closes ? { closedAt: new Date() } : {}) })
      .where(eq(handoffs.id, h.id));
    await tx
      .update(leads)
      .set({
        lifecycle,
        updatedAt: new Date(),
        ...(input.nextFollowUpAt ? { nextFollowUpAt: input.nextFollowUpAt, followUpRemindedAt: null } : closes ? { nextFollowUpAt: null } : {}),
      })
      .where(eq(leads.id, h.leadId));
    // "Became an opportunity" is the usual journey goal: the lead's runs that aimed for it exit now.
    if (lifecycle !== lead.lifecycle) await reachGoals(tx, [h.leadId]);
    // A new date sets the reminder; closing the hand-off without one cancels a pending reminder.
    if (input.nextFollowUpAt) await queueFollowUp(tx, h.leadId, input.nextFollowUpAt);
    else if (closes && lead.nextFollowUpAt) await queueFollowUp(tx, h.leadId, null);
    return { handoffId: h.id, leadId: h.leadId, outcome: input.outcome, lifecycle, closed: closes, needsAcknowledge: !h.acknowledgedAt };
  });
}

/** A note on the lead; a next follow-up date makes the lead's follow-up workflow remind the owner when it comes (null clears it). */
export async function addNote(db: Db, actor: DeskActor, input: { leadId: string; body: string; nextFollowUpAt?: Date | null }) {
  const [lead] = await db.select({ id: leads.id, ownerId: leads.ownerId }).from(leads).where(eq(leads.id, input.leadId));
  if (!lead) throw new DeskError('NOT_FOUND', 'leadId', 'no such lead');
  if (actor.role === 'sales' && lead.ownerId !== actor.salesOwnerId) throw new DeskError('FORBIDDEN', 'leadId', 'this lead belongs to another rep');
  await db.transaction(async (tx) => {
    await tx.insert(salesActivities).values({ leadId: lead.id, userId: actor.id, kind: 'note', body: input.body, nextFollowUpAt: input.nextFollowUpAt ?? null });
    await tx
      .update(leads)
      .set({ notes: input.body, updatedAt: new Date(), ...(input.nextFollowUpAt !== undefined ? { nextFollowUpAt: input.nextFollowUpAt, followUpRemindedAt: null } : {}) })
      .where(eq(leads.id, lead.id));
    if (input.nextFollowUpAt !== undefined) await queueFollowUp(tx, lead.id, input.nextFollowUpAt);
  });
  return { leadId: lead.id };
}

/** Hands an open hand-off to a teammate: a rep gives away their own; admins and ops move any. The SLA clock keeps running. */
export async function reassign(db: Db, actor: DeskActor, input: { handoffId: string; ownerId: string; reason?: string }) {
  const h = await handoffFor(db, actor, input.handoffId);
  if (h.closedAt) throw new DeskError('BAD_REQUEST', 'handoffId', 'this hand-off is closed');
  const [to] = await db.select().from(salesOwners).where(and(eq(salesOwners.id, input.ownerId), eq(salesOwners.active, true)));
  if (!to) throw new DeskError('NOT_FOUND', 'ownerId', 'no active sales owner with that id');
  await db.transaction(async (tx) => {
    await tx.update(handoffs).set({ ownerId: to.id }).where(eq(handoffs.id, h.id));
    await tx.update(leads).set({ ownerId: to.id, updatedAt: new Date() }).where(eq(leads.id, h.leadId));
    await tx.insert(salesActivities).values({ leadId: h.leadId, handoffId: h.id, userId: actor.id, kind: 'reassign', reason: input.reason?.trim() || null, body: `from ${h.ownerId} to ${to.id}` });
  });
  return { handoffId: h.id, from: h.ownerId, to: to.id, toHandle: to.handle };
}

export function leadActivity(db: Db, leadId: string) {
  return db.select().from(salesActivities).where(eq(salesActivities.leadId, leadId)).orderBy(desc(salesActivities.createdAt)).limit(100);
}

/**
 * Per rep: hand-offs, the share acknowledged within the SLA, median time to acknowledge, and leads they turned into
 * opportunities (qualified or won outcomes). Plus the team's lead → opportunity rate from outcomes.
 */
export async function salesPerformance(db: Db, opts: { sinceDays: number } = { sinceDays: 90 }) {
  const since = sql`now() - make_interval(days => ${opts.sinceDays})`;
  const reps = await db.execute<{ owner_id: string; handle: string; name: string; handoffs: number; acknowledged: number; within_sla: number; median_ack_ms: number | null; opportunities: number }>(sql`
    select o.id as owner_id, o.handle, o.name,
      count(h.id)::int as handoffs,
      count(h.acknowledged_at)::int as acknowledged,
      count(*) filter (where h.acknowledged_at is not null and h.acknowledged_at <= h.created_at + make_interval(mins => h.sla_minutes))::int as within_sla,
      (percentile_cont(0.5) within group (order by extract(epoch from h.acknowledged_at - h.created_at)) * 1000)::float8 as median_ack_ms,
      count(distinct h.lead_id) filter (where h.outcome in ('qualified', 'won'))::int as opportunities
    from sales_owners o
    left join handoffs h on h.owner_id = o.id and h.created_at >= ${since}
    group by o.id order by o.handle`);
  const [team] = await db.execute<{ handed_off: number; opportunities: number }>(sql`
    select count(distinct h.lead_id)::int as handed_off,
      count(distinct h.lead_id) filter (where exists (
        select 1 from sales_activities a where a.lead_id = h.lead_id and a.outcome in ('qualified', 'won')))::int as opportunities
    from handoffs h where h.created_at >= ${since}`);
  const rate = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    sinceDays: opts.sinceDays,
    handedOff: team?.handed_off ?? 0,
    opportunities: team?.opportunities ?? 0,
    leadToOpportunity: rate(team?.opportunities ?? 0, team?.handed_off ?? 0),
    reps: reps.map((r) => ({
      ownerId: r.owner_id,
      handle: r.handle,
      name: r.name,
      handoffs: r.handoffs,
      acknowledged: r.acknowledged,
      slaCompliance: rate(r.within_sla, r.handoffs),
      medianAckMs: r.median_ack_ms,
      opportunities: r.opportunities,
    })),
  };
}

