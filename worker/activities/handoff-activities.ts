/** Hand-off SLA activities: each re-reads the database so an acknowledgement that beat its signal still counts. */
import { eq, sql } from 'drizzle-orm';
import { handoffs, leads, salesOwners } from '@/db/schema';
import type { HandoffActivities } from '../../lib/journey/contract';
import { notifyHandoff, type NotifyDeps } from './notify';

export function createHandoffActivities(deps: NotifyDeps): HandoffActivities & { notifyHandoff(input: { handoffId: string }): Promise<void> } {
  const { db } = deps;

  async function isAcknowledged(handoffId: string): Promise<boolean> {
    const [row] = await db.select({ at: handoffs.acknowledgedAt }).from(handoffs).where(eq(handoffs.id, handoffId));
    if (!row) throw new Error(`hand-off ${handoffId} not found`);
    return row.at !== null;
  }

  return {
    async notifyHandoff({ handoffId }) {
      await notifyHandoff(deps, handoffId, 'assigned');
      await db.update(handoffs).set({ notifiedAt: sql`coalesce(${handoffs.notifiedAt}, now())` }).where(eq(handoffs.id, handoffId));
    },

    async remindHandoff({ handoffId }) {
      if (await isAcknowledged(handoffId)) return { acknowledged: true };
      await notifyHandoff(deps, handoffId, 'reminder');
      await db
        .update(handoffs)
        .set({ remindersSent: sql`${handoffs.remindersSent} + 1`, remindedAt: new Date() })
        .where(eq(handoffs.id, handoffId));
      return { acknowledged: false };
    },

    async escalateHandoff({ handoffId, reassign }) {
      if (await isAcknowledged(handoffId)) return { acknowledged: true, newOwnerId: null };
      await notifyHandoff(deps, handoffId, 'escalation');
      let newOwnerId: string | null = null;
      if (reassign) {
        const [current] = await db.select({ ownerId: handoffs.ownerId, leadId: handoffs.leadId }).from(handoffs).where(eq(handoffs.id, handoffId));
        const [next] = await db
          .select({ id: salesOwners.id })
          .from(salesOwners)
          .where(sql`${salesOwners.active} and ${salesOwners.id} <> ${current!.ownerId}`)
          .orderBy(sql`${salesOwners.lastAssignedAt} asc nulls first`)
          .limit(1);
        if (next) {
          newOwnerId = next.id;
          await db.update(handoffs).set({ ownerId: next.id }).where(eq(handoffs.id, handoffId));
          await db.update(leads).set({ ownerId: next.id }).where(eq(leads.id, current!.leadId));
          await db.update(salesOwners).set({ lastAssignedAt: new Date() }).where(eq(salesOwners.id, next.id));
        }
      }
      await db.update(handoffs).set({ status: 'escalated', escalatedAt: new Date() }).where(eq(handoffs.id, handoffId));
      return { acknowledged: false, newOwnerId };
    },

    async recordAcknowledged({ handoffId, at }) {
      await db
        .update(handoffs)
        .set({ acknowledgedAt: sql`coalesce(${handoffs.acknowledgedAt}, ${new Date(at).toISOString()}::timestamptz)`, status: 'acknowledged' })
        .where(eq(handoffs.id, handoffId));
    },
  };
}
