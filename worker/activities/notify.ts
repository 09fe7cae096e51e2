/** Tells sales about a hand-off: email to the owner, a Slack message and a CRM "Call lead" task, each when configured. */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { handoffs, leads, salesOwners } from '@/db/schema';
import { handoffSlackText } from '@/lib/notify/slack-text';
import { postSigned, type WebhookDeps } from './webhooks';

export type NotificationKind = 'assigned' | 'reminder' | 'escalation';

export interface SalesEmail {
  to: string;
  template: 'sales-hot-lead' | 'sales-sla-reminder' | 'sales-escalation';
  props: Record<string, unknown>;
  idempotencyKey: string;
  leadId: string;
}

export interface NotifyDeps extends WebhookDeps {
  db: Db;
  sendSalesEmail: (email: SalesEmail) => Promise<void>;
  appUrl: string;
  slackWebhookUrl?: string;
  crmWebhookUrl?: string;
  managerEmail: string;
}

const TEMPLATE: Record<NotificationKind, SalesEmail['template']> = {
  assigned: 'sales-hot-lead',
  reminder: 'sales-sla-reminder',
  escalation: 'sales-escalation',
};

export async function loadHandoffContext(db: Db, handoffId: string) {
  const [row] = await db
    .select({ handoff: handoffs, owner: salesOwners, lead: leads })
    .from(handoffs)
    .innerJoin(salesOwners, eq(salesOwners.id, handoffs.ownerId))
    .innerJoin(leads, eq(leads.id, handoffs.leadId))
    .where(eq(handoffs.id, handoffId));
  if (!row) throw new Error(`hand-off ${handoffId} not found`);
  return row;
}

/** Each channel's idempotency key is handoff + kind (+ attempt), so an activity retry never double-notifies. */
export async function notifyHandoff(deps: NotifyDeps, handoffId: string, kind: NotificationKind): Promise<void> {
  const { handoff, owner, lead } = await loadHandoffContext(deps.db, handoffId);
  const ackUrl = `${deps.appUrl}/api/handoff/${handoff.id}/ack?token=${handoff.ackToken}`;
  const leadUrl = `${deps.appUrl}/leads/${lead.id}`;
  const leadName = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email;
  const key = `handoff:${handoff.id}:${kind}:${kind === 'reminder' ? handoff.remindersSent : 0}`;
  const to = kind === 'escalation' ? (owner.managerEmail ?? deps.managerEmail) : owner.email;

  await deps.sendSalesEmail({
    to,
    template: TEMPLATE[kind],
    idempotencyKey: key,
    leadId: lead.id,
    props: {
      ownerName: owner.name,
      ownerHandle: owner.handle,
      leadName,
      leadEmail: lead.email,
      company: lead.company ?? '',
      score: lead.score,
      reason: handoff.reason,
      lastAction: lead.lastAction ?? '',
      slaMinutes: handoff.slaMinutes,
      ackUrl,
      leadUrl,
    },
  });

  if (deps.slackWebhookUrl) {
    const text = handoffSlackText({ kind, owner, leadId: lead.id, leadName, reason: handoff.reason, slaMinutes: handoff.slaMinutes, leadUrl });
    await postSigned(deps, { url: deps.slackWebhookUrl, idempotencyKey: `${key}:slack`, body: { text }, sign: false });
  }

  if (deps.crmWebhookUrl && kind === 'assigned') {
    await postSigned(deps, {
      url: deps.crmWebhookUrl,
      idempotencyKey: `${key}:crm`,
      body: {
        task: { type: 'call', title: `Call lead ${leadName}`, due_in_minutes: handoff.slaMinutes, owner: owner.handle, owner_email: owner.email },
        lead: { id: lead.id, email: lead.email, name: leadName, company: lead.company, score: lead.score, phone: lead.phone },
        reason: handoff.reason,
        handoff_id: handoff.id,
        acknowledge_url: ackUrl,
      },
    });
  }
}
