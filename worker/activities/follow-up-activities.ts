/** The follow-up reminder: re-reads the lead so a moved, cleared or already-reminded date sends nothing. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leads, salesActivities, salesOwners } from '@/db/schema';
import type { FollowUpActivities } from '../../lib/journey/contract';
import type { SalesNotification } from './send-email';

export interface FollowUpDeps {
  db: Db;
  appUrl: string;
  /** Idempotent on the notification's key (the messages table), so a retried attempt never mails twice. */
  sendSalesEmail: (email: SalesNotification) => Promise<void>;
}

export function createFollowUpActivities(deps: FollowUpDeps): FollowUpActivities {
  const { db } = deps;
  return {
    async remindFollowUp({ leadId, dueAt, idempotencyKey }) {
      const [row] = await db.select({ lead: leads, owner: salesOwners }).from(leads).leftJoin(salesOwners, eq(salesOwners.id, leads.ownerId)).where(eq(leads.id, leadId));
      if (!row || row.lead.archivedAt) return { status: 'skipped', reason: 'lead_gone' };
      const { lead, owner } = row;
      if (lead.nextFollowUpAt?.toISOString() !== new Date(dueAt).toISOString()) return { status: 'skipped', reason: 'date_changed' };
      if (lead.followUpRemindedAt) return { status: 'skipped', reason: 'already_reminded' };
      if (!owner) return { status: 'skipped', reason: 'no_owner' };
      const leadUrl = `${deps.appUrl}/leads/${lead.id}`;
      // The note written with this date (an outcome's or a note's), else the lead's latest note.
      const [setBy] = await db
        .select({ body: salesActivities.body })
        .from(salesActivities)
        .where(and(eq(salesActivities.leadId, lead.id), eq(salesActivities.nextFollowUpAt, lead.nextFollowUpAt)))
        .orderBy(desc(salesActivities.createdAt))
        .limit(1);
      const note = setBy?.body?.trim() || lead.notes?.trim() || 'no note';
      await deps.sendSalesEmail({
        to: owner.email,
        template: 'sales-follow-up',
        idempotencyKey,
        leadId: lead.id,
        props: { ownerName: owner.name, ownerHandle: owner.handle, reason: note, ackUrl: leadUrl, leadUrl },
      });
      // Only this date counts as reminded: a date set meanwhile keeps its own reminder.
      await db
        .update(leads)
        .set({ followUpRemindedAt: new Date() })
        .where(and(eq(leads.id, lead.id), eq(leads.nextFollowUpAt, new Date(dueAt))));
      return { status: 'sent', to: owner.email };
    },
  };
}
