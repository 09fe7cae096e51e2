/** Hand-off SLA activities: each re-reads the database so an acknowledgement that beat its signal still counts. */
import { ApplicationFailure } from '@temporalio/common';
import { eq, sql } from 'drizzle-orm';
import { handoffs, leads, salesOwners } from '@/db/schema';
import type { HandoffActivities, HandoffChannelEntry } from '../../lib/journey/contract';
import { notifyHandoff, notifyHandoffChannel, type NotifyDeps } from './notify';

export function createHandoffActivities(deps: NotifyDeps): HandoffActivities & { notifyHandoff(input: { handoffId: string }): Promise<void> } {
  const { db } = deps;

  async function isAcknowledged(handoffId: string): Promise<boolean> {
    const [row] = await db.select({ at: handoffs.acknowledgedAt }).from(handoffs).where(eq(handoffs.id, handoffId));
    // Retrying cannot create the row: fail the SLA run with a reason ops can read.
    if (!row) throw ApplicationFailure.nonRetryable(`hand-off ${handoffId} not found`, 'HandoffNotFound');
    return row.at !== null;
  }

  const appendChannel = (handoffId: string, entry: HandoffChannelEntry) =>
    db
      .update(handoffs)
      .set({ channelLog: sql`${handoffs.channelLog} || ${JSON.stringify([entry])}::jsonb` })
      .where(eq(handoffs.id, handoffId));

  /** Moves an escalated hand-off to the next owner; a retry after it happened returns the owner it already has. */
  async function reassign(handoffId: string, wanted: boolean): Promise<string | null> {
    const [current] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    if (!current) throw ApplicationFailure.nonRetryable(`hand-off ${handoffId} not found`, 'HandoffNotFound');
    if (current.escalatedAt) return wanted ? current.ownerId : null;
    let newOwnerId: string | null = null;
    if (wanted) {
      const [next] = await db
        .select({ id: salesOwners.id })
        .from(salesOwners)
        .where(sql`${salesOwners.active} and ${salesOwners.id} <> ${current.ownerId}`)
        .orderBy(sql`${salesOwners.lastAssignedAt} asc nulls first`)
        .limit(1);
      if (next) {
        newOwnerId = next.id;
        await db.update(handoffs).set({ ownerId: next.id }).where(eq(handoffs.id, handoffId));
        await db.update(leads).set({ ownerId: next.id }).where(eq(leads.id, current.leadId));
        await db.update(salesOwners).set({ lastAssignedAt: new Date() }).where(eq(salesOwners.id, next.id));
      }
    }
    await db.update(handoffs).set({ status: 'escalated', escalatedAt: new Date() }).where(eq(handoffs.id, handoffId));
    return newOwnerId;
  }

  const markReminded = (handoffId: string) =>
    db
      .update(handoffs)
      .set({ remindersSent: sql`${handoffs.remindersSent} + 1`, remindedAt: new Date() })
      .where(sql`${handoffs.id} = ${handoffId} and ${handoffs.remindedAt} is null`);

  return {
    async notifyHandoff({ handoffId }) {
      await notifyHandoff(deps, handoffId, 'assigned');
      await db.update(handoffs).set({ notifiedAt: sql`coalesce(${handoffs.notifiedAt}, now())` }).where(eq(handoffs.id, handoffId));
    },

    async remindHandoff({ handoffId }) {
      if (await isAcknowledged(handoffId)) return { acknowledged: true };
      await notifyHandoff(deps, handoffId, 'reminder');
      await markReminded(handoffId);
      return { acknowledged: false };
    },

    async escalateHandoff({ handoffId, reassign: wanted }) {
      if (await isAcknowledged(handoffId)) return { acknowledged: true, newOwnerId: null };
      await notifyHandoff(deps, handoffId, 'escalation');
      return { acknowledged: false, newOwnerId: await reassign(handoffId, wanted) };
    },

    async recordAcknowledged({ handoffId, at }) {
      await db
        .update(handoffs)
        .set({ acknowledgedAt: sql`coalesce(${handoffs.acknowledgedAt}, ${new Date(at).toISOString()}::timestamptz)`, status: 'acknowledged' })
        .where(eq(handoffs.id, handoffId));
    },

    handoffAcknowledged: ({ handoffId }) => isAcknowledged(handoffId),

    async notifyHandoffChannel(input) {
      const status = await notifyHandoffChannel(deps, input);
      const entry: HandoffChannelEntry = { kind: input.kind, channel: input.channel, status, at: new Date().toISOString() };
      if (status === 'sent') await appendChannel(input.handoffId, entry);
      if (status === 'sent' && input.kind === 'assigned') {
        await db.update(handoffs).set({ notifiedAt: sql`coalesce(${handoffs.notifiedAt}, now())` }).where(eq(handoffs.id, input.handoffId));
      }
      return entry;
    },

    recordHandoffChannel: async ({ handoffId, entry }) => void (await appendChannel(handoffId, entry)),
    markHandoffReminded: async ({ handoffId }) => void (await markReminded(handoffId)),
    reassignHandoff: async ({ handoffId, reassign: wanted }) => ({ newOwnerId: await reassign(handoffId, wanted) }),
  };
}
