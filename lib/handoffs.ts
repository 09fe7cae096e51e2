/** Hand-offs of hot leads to sales: owner assignment, the "Call lead" task row, and acknowledgement. */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { handoffs, leads, salesOwners } from '@/db/schema';
import type { HandoffWorkflowInput } from '@/lib/journey/contract';

export type OwnerRule = { mode: 'round_robin' } | { mode: 'fixed'; ownerId: string } | { mode: 'handle'; handle: string };

export interface CreateHandoffInput {
  requestKey: string;
  leadId: string;
  workflowId: (handoffId: string) => string;
  reason: string;
  owner: OwnerRule;
  slaMinutes: number;
  escalationMinutes: number;
}

export class NoOwnerError extends Error {}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Idempotent on requestKey: a retried activity or API call returns the hand-off it already made. */
export async function createHandoff(db: Db, input: CreateHandoffInput) {
  return db.transaction(async (tx) => {
    // Lead row first, then the owner row: the same lock order as event ingestion, which opens hand-offs too.
    await tx.execute(sql`select id from leads where id = ${input.leadId} for update`);
    return createHandoffIn(tx, input);
  });
}

/** createHandoff inside a transaction that already holds the lead's row lock (event ingestion's hot lane). */
export async function createHandoffIn(tx: Tx, input: CreateHandoffInput) {
  const [existing] = await tx.select().from(handoffs).where(eq(handoffs.requestKey, input.requestKey));
  if (existing) return { handoff: existing, created: false };

  const owner = await pickOwner(tx, input.owner);
  const id = randomUUID();
  const [row] = await tx
    .insert(handoffs)
    .values({
      id,
      leadId: input.leadId,
      ownerId: owner.id,
      reason: input.reason,
      requestKey: input.requestKey,
      workflowId: input.workflowId(id),
      slaMinutes: input.slaMinutes,
      escalationMinutes: input.escalationMinutes,
      ackToken: randomBytes(18).toString('base64url'),
    })
    .returning();
  await tx.update(salesOwners).set({ lastAssignedAt: new Date() }).where(eq(salesOwners.id, owner.id));
  await tx
    .update(leads)
    .set({
      ownerId: owner.id,
      lifecycle: sql`case when ${leads.lifecycle} in ('opportunity', 'customer') then ${leads.lifecycle} else 'sql' end`,
      nextFollowUpAt: new Date(Date.now() + input.slaMinutes * 60_000),
      updatedAt: new Date(),
    })
    .where(eq(leads.id, input.leadId));
  return { handoff: row!, created: true };
}

/** The SLA workflow's input for a hand-off made outside a journey (hot lane, API): it notifies and never reassigns on escalation. */
export function slaWorkflowInput(handoff: typeof handoffs.$inferSelect): HandoffWorkflowInput {
  return {
    version: 1,
    handoffId: handoff.id,
    leadId: handoff.leadId,
    slaMinutes: handoff.slaMinutes,
    escalationMinutes: handoff.escalationMinutes,
    reassignOnEscalation: false,
    notify: true,
  };
}

/** A hand-off made within this window is the lead's current sales conversation: journeys reuse it instead of paging again. */
export const HANDOFF_REUSE_DAYS = 7;

/** The lead's latest hand-off from the last HANDOFF_REUSE_DAYS (acknowledged or not), if any. */
export async function recentHandoff(db: Db | Tx, leadId: string) {
  const [row] = await db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.leadId, leadId), sql`${handoffs.createdAt} > now() - make_interval(days => ${HANDOFF_REUSE_DAYS})`))
    .orderBy(desc(handoffs.createdAt))
    .limit(1);
  return row ?? null;
}

async function pickOwner(db: Db | Tx, rule: OwnerRule): Promise<typeof salesOwners.$inferSelect> {
  if (rule.mode === 'fixed' || rule.mode === 'handle') {
    const where = rule.mode === 'fixed' ? eq(salesOwners.id, rule.ownerId) : eq(salesOwners.handle, rule.handle);
    const [owner] = await db.select().from(salesOwners).where(where);
    if (!owner) throw new NoOwnerError(rule.mode === 'fixed' ? `no sales owner with id ${rule.ownerId}` : `no sales owner with handle ${rule.handle}`);
    return owner;
  }
  // Least recently assigned active owner; the row lock keeps two hot leads from racing to the same person.
  const [owner] = await db
    .select()
    .from(salesOwners)
    .where(eq(salesOwners.active, true))
    .orderBy(sql`${salesOwners.lastAssignedAt} asc nulls first`, asc(salesOwners.handle))
    .limit(1)
    .for('update');
  if (!owner) throw new NoOwnerError('no active sales owner to assign');
  return owner;
}

/** Stops the SLA clock once; returns the hand-off time. A wrong token acknowledges nothing. */
export async function acknowledgeHandoff(db: Db, input: { handoffId: string; token?: string; at?: Date }) {
  const at = input.at ?? new Date();
  const conditions = [eq(handoffs.id, input.handoffId), isNull(handoffs.acknowledgedAt)];
  if (input.token !== undefined) conditions.push(eq(handoffs.ackToken, input.token));
  const [updated] = await db.update(handoffs).set({ acknowledgedAt: at, status: 'acknowledged' }).where(and(...conditions)).returning();
  const [row] = updated ? [updated] : await db.select().from(handoffs).where(eq(handoffs.id, input.handoffId));
  if (!row || (input.token !== undefined && row.ackToken !== input.token)) return null;
  return { handoff: row, newlyAcknowledged: Boolean(updated), handoffMs: row.acknowledgedAt ? row.acknowledgedAt.getTime() - row.createdAt.getTime() : null };
}
