/** Tells sales about a hand-off: email to the owner, a Slack message and a CRM "Call lead" task, each when configured. */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { handoffs, leads, salesOwners } from '@/db/schema';
import { handoffSlackText } from '@/lib/notify/slack-text';
import { displayName } from '@/lib/people/names';
import type { HandoffChannel, HandoffNotificationKind } from '@/lib/journey/contract';
import { postSigned, type WebhookDeps } from './webhooks';

export type NotificationKind = HandoffNotificationKind;

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

/** Sends one notification on one channel; 'skipped' when the channel is not configured or not used for this kind. */
export async function notifyHandoffChannel(
  deps: NotifyDeps,
  input: { handoffId: string; kind: NotificationKind; channel: HandoffChannel; idempotencyKey: string },
): Promise<'sent' | 'skipped'> {
  const { handoff, owner, lead } = await loadHandoffContext(deps.db, input.handoffId);
  const { kind, idempotencyKey } = input;
  const ackUrl = `${deps.appUrl}/api/handoff/${handoff.id}/ack?token=${handoff.ackToken}`;
  const leadUrl = `${deps.appUrl}/leads/${lead.id}`;
  const leadName = displayName(lead) || lead.email;

  if (input.channel === 'email') {
    await deps.sendSalesEmail({
      to: kind === 'escalation' ? (owner.managerEmail ?? deps.managerEmail) : owner.email,
      template: TEMPLATE[kind],
      idempotencyKey,
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
    return 'sent';
  }

  if (input.channel === 'slack') {
    if (!deps.slackWebhookUrl) return 'skipped';
    const text = handoffSlackText({ kind, owner, leadId: lead.id, leadName, reason: handoff.reason, slaMinutes: handoff.slaMinutes, leadUrl });
    await postSigned(deps, { url: deps.slackWebhookUrl, idempotencyKey, body: { text }, sign: false });
    return 'sent';
  }

  // The CRM gets one "Call lead" task per hand-off, when it is assigned.
  if (!deps.crmWebhookUrl || kind !== 'assigned') return 'skipped';
  await postSigned(deps, {
    url: deps.crmWebhookUrl,
    idempotencyKey,
    body: {
      task: { type: 'call', title: `Call lead ${leadName}`, due_in_minutes: handoff.slaMinutes, owner: owner.handle, owner_email: owner.email },
      lead: { id: lead.id, email: lead.email, name: leadName, company: lead.company, score: lead.score, phone: lead.phone },
      reason: handoff.reason,
      handoff_id: handoff.id,
      acknowledge_url: ackUrl,
    },
  });
  return 'sent';
}

/**
 * All channels in one go, for SLA runs recorded before one activity per channel. Keys are hand-off +
 * step, never a counter: a retry after a crash re-sends nothing.
 */
export async function notifyHandoff(deps: NotifyDeps, handoffId: string, kind: NotificationKind): Promise<void> {
  const key = `handoff:${handoffId}:${kind}:0`;
  await notifyHandoffChannel(deps, { handoffId, kind, channel: 'email', idempotencyKey: key });
  await notifyHandoffChannel(deps, { handoffId, kind, channel: 'slack', idempotencyKey: `${key}:slack` });
  await notifyHandoffChannel(deps, { handoffId, kind, channel: 'crm', idempotencyKey: `${key}:crm` });
}
