/** Our own open/click tracker and unsubscribe: each turns a signed link into one lead event, however often it is hit. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leads, messages, suppressions, type MessageStatusEntry } from '@/db/schema';
import { CLICK_PATH, emailEventId, verifyClick } from '@/lib/email/links';
import { isAutomatedHit } from '@/lib/email/link-scanners';
import { ingestEvents } from './ingest-events';

export interface TrackingResult {
  /** False when this event id was already recorded (a repeat click, or Resend's webhook got there first). */
  recorded: boolean;
  /** Outbox rows the caller should hand to `deliverNow` so the journey reacts at once. */
  outboxIds: number[];
  /** True when a scanner or preview made the request, so it was not scored. */
  automated?: boolean;
}

/** Statuses a click or open may move a message forward from; bounced/complained stay as they are. */
const BELOW: Record<'opened' | 'clicked', string[]> = {
  opened: ['queued', 'sent', 'delivery_delayed', 'soft_bounced', 'delivered'],
  clicked: ['queued', 'sent', 'delivery_delayed', 'soft_bounced', 'delivered', 'opened'],
};

/** The deterministic id of an unsubscribe: one per lead, so a repeated or one-click + footer unsubscribe scores once. */
export const unsubscribeEventId = (leadId: string) => `unsubscribe:${leadId}`;

/**
 * Resend reports the href it saw in the HTML, which is our click-tracking URL; unwrap it to the target so the
 * webhook and the tracker derive the same `emailEventId`. Anything that is not a valid tracked link passes through.
 */
export function canonicalClickLink(link: string | undefined): string | undefined {
  if (!link) return link;
  try {
    const url = new URL(link);
    if (url.pathname !== CLICK_PATH) return link;
    return verifyClick(url.searchParams)?.url ?? link;
  } catch {
    return link;
  }
}

async function findMessage(db: Db, messageId: string) {
  const [row] = await db
    .select({ id: messages.id, leadId: messages.leadId, template: messages.template, variant: messages.variant, providerId: messages.providerId, sentAt: messages.sentAt })
    .from(messages)
    .where(eq(messages.id, messageId));
  return row;
}

async function appendStatus(db: Db, messageId: string, status: 'opened' | 'clicked', at: Date, detail?: string): Promise<void> {
  const entry: MessageStatusEntry = { status, at: at.toISOString(), ...(detail ? { detail } : {}) };
  const history = sql`${messages.statusHistory} || ${JSON.stringify([entry])}::jsonb`;
  // One statement: history always grows, status only moves forward (same ranking as the webhook's).
  await db
    .update(messages)
    .set({ statusHistory: history, status: sql`case when ${inArray(messages.status, BELOW[status])} then ${status} else ${messages.status} end` })
    .where(eq(messages.id, messageId));
}

async function recordEngagement(db: Db, messageId: string, type: 'email_open' | 'email_click', link: string | undefined, now: Date, userAgent?: string | null): Promise<TrackingResult> {
  const msg = await findMessage(db, messageId);
  // A signed link for a message that no longer exists (or sales mail without a lead) scores nobody.
  if (!msg?.leadId) return { recorded: false, outboxIds: [] };
  // A mail scanner or link preview following the link is not the lead clicking.
  if (type === 'email_click' && isAutomatedHit(userAgent, msg.sentAt, now)) return { recorded: false, outboxIds: [], automated: true };
  const result = await ingestEvents(db, [
    {
      event_id: emailEventId(msg.id, type, link),
      lead_id: msg.leadId,
      type,
      occurred_at: now.toISOString(),
      properties: { message_id: msg.id, provider_id: msg.providerId, template: msg.template, variant: msg.variant, source: 'tracker', ...(link ? { link } : {}) },
    },
  ]);
  const recorded = result.accepted > 0;
  // A duplicate means the webhook (or an earlier hit) already wrote the history entry for this very event.
  if (recorded) await appendStatus(db, msg.id, type === 'email_click' ? 'clicked' : 'opened', now, link);
  return { recorded, outboxIds: result.outboxIds };
}

export function recordClick(db: Db, messageId: string, url: string, now = new Date(), userAgent?: string | null): Promise<TrackingResult> {
  return recordEngagement(db, messageId, 'email_click', url, now, userAgent);
}

export function recordOpen(db: Db, messageId: string, now = new Date()): Promise<TrackingResult> {
  return recordEngagement(db, messageId, 'email_open', undefined, now);
}

export interface UnsubscribeResult extends TrackingResult {
  found: boolean;
  email?: string;
}

/**
 * Unsubscribes a lead: the lead event (which also stamps `unsubscribed_at` and scores the opt-out once), then the
 * suppression. Every step is idempotent, so a retry after a partial failure completes the rest.
 */
export async function unsubscribeLead(db: Db, leadId: string, via: 'link' | 'one_click', now = new Date()): Promise<UnsubscribeResult> {
  const [lead] = await db.select({ id: leads.id, email: leads.email }).from(leads).where(eq(leads.id, leadId));
  if (!lead) return { found: false, recorded: false, outboxIds: [] };
  const result = await ingestEvents(db, [
    { event_id: unsubscribeEventId(lead.id), lead_id: lead.id, type: 'unsubscribe', occurred_at: now.toISOString(), properties: { via } },
  ]);
  await db.transaction(async (tx) => {
    await tx.update(leads).set({ unsubscribedAt: now, updatedAt: now }).where(and(eq(leads.id, lead.id), isNull(leads.unsubscribedAt)));
    // An existing bounce/complaint suppression is the stronger reason; keep it.
    await tx.insert(suppressions).values({ email: lead.email.toLowerCase(), reason: 'unsubscribed' }).onConflictDoNothing();
  });
  return { found: true, email: lead.email, recorded: result.accepted > 0, outboxIds: result.outboxIds };
}
