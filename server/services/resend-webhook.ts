/** Applies Resend webhook deliveries: verified, applied once per svix-id, turned into message status, lead events and suppressions. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, suppressions, webhookDeliveries, type MessageStatusEntry } from '@/db/schema';
import { env } from '@/lib/env';
import { emailEventId } from '@/lib/email/links';
import { verifyWebhook } from '@/lib/webhooks/standard';
import { isAutomatedHit } from '@/lib/email/link-scanners';
import { canonicalClickLink } from './email-tracking';
import { isUuid } from '@/lib/ids';

export interface EmailLeadEvent {
  event_id: string;
  lead_id: string;
  type: 'email_open' | 'email_click' | 'spam_complaint';
  occurred_at?: string;
  properties?: Record<string, unknown>;
}

export type IngestEmailEvents = (events: EmailLeadEvent[]) => Promise<unknown>;

export interface ResendWebhookDeps {
  db: Db;
  ingestEvents: IngestEmailEvents;
  /** Defaults to RESEND_WEBHOOK_SECRET. */
  secret?: string;
  now?: () => Date;
}

export interface ResendWebhookRequest {
  rawBody: string;
  headers: Headers | Record<string, string | string[] | undefined>;
}

export interface ResendWebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

interface EmailEventPayload {
  type: string;
  created_at?: string;
  data?: {
    email_id?: string;
    to?: string[] | string;
    tags?: Record<string, string> | { name: string; value: string }[];
    click?: { link?: string; timestamp?: string; userAgent?: string };
    bounce?: { type?: string; subType?: string; message?: string };
  };
}

/** Later webhooks may arrive first (opened before delivered); status only moves forward, history keeps everything. */
const RANK: Record<string, number> = {
  queued: 0, retrying: 0, failed: 0, sent: 1, delivery_delayed: 1.5, soft_bounced: 1.5, delivered: 2, opened: 3, clicked: 4, bounced: 5, complained: 6,
};


/** When the provider took the email: its own timestamp if readable, else the event's, else now. */
function sentAtOf(p: EmailEventPayload, now: Date): Date {
  for (const raw of [(p.data as { created_at?: unknown } | undefined)?.created_at, p.created_at]) {
    const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (Number.isFinite(at)) return new Date(at);
  }
  return now;
}

function tag(tags: NonNullable<EmailEventPayload['data']>['tags'], name: string): string | undefined {
  if (!tags) return undefined;
  if (Array.isArray(tags)) return tags.find((t) => t.name === name)?.value;
  return tags[name];
}

function statusFor(p: EmailEventPayload): { status: string; detail?: string } | null {
  switch (p.type) {
    case 'email.sent':
      return { status: 'sent' };
    case 'email.delivered':
      return { status: 'delivered' };
    case 'email.delivery_delayed':
      return { status: 'delivery_delayed' };
    case 'email.opened':
      return { status: 'opened' };
    case 'email.clicked':
      return { status: 'clicked', detail: p.data?.click?.link };
    case 'email.complained':
      return { status: 'complained' };
    case 'email.bounced': {
      const b = p.data?.bounce;
      const detail = [b?.type, b?.subType, b?.message].filter(Boolean).join(': ') || undefined;
      // Transient bounces (full mailbox) may deliver later, so they neither count nor suppress.
      return { status: b?.type === 'Transient' ? 'soft_bounced' : 'bounced', detail };
    }
    case 'email.failed':
    case 'email.suppressed':
      return { status: p.type.slice('email.'.length) };
    default:
      return null;
  }
}

function leadEventFor(p: EmailEventPayload, msg: { id: string; leadId: string | null; template: string; variant: string | null; providerId: string | null; sentAt: Date | null }): EmailLeadEvent | null {
  if (!msg.leadId) return null;
  // Resend reports scanner clicks too; like our own tracker, only a person's click scores.
  const clickedAt = p.data?.click?.timestamp ? new Date(p.data.click.timestamp) : new Date();
  if (p.type === 'email.clicked' && isAutomatedHit(p.data?.click?.userAgent, msg.sentAt, clickedAt)) return null;
  const base = { message_id: msg.id, provider_id: msg.providerId ?? p.data?.email_id, template: msg.template, variant: msg.variant, source: 'resend_webhook' };
  if (p.type === 'email.opened') {
    return { event_id: emailEventId(msg.id, 'email_open'), lead_id: msg.leadId, type: 'email_open', occurred_at: p.created_at, properties: base };
  }
  if (p.type === 'email.clicked') {
    const link = canonicalClickLink(p.data?.click?.link); // our tracked URL → its target, so tracker and webhook share an id
    return {
      event_id: emailEventId(msg.id, 'email_click', link),
      lead_id: msg.leadId,
      type: 'email_click',
      occurred_at: p.data?.click?.timestamp ?? p.created_at,
      properties: { ...base, link },
    };
  }
  if (p.type === 'email.complained') {
    return { event_id: emailEventId(msg.id, 'spam_complaint'), lead_id: msg.leadId, type: 'spam_complaint', occurred_at: p.created_at, properties: base };
  }
  return null;
}

async function findMessage(db: Db, p: EmailEventPayload) {
  const byTag = tag(p.data?.tags, 'message_id');
  const cols = { id: messages.id, leadId: messages.leadId, template: messages.template, variant: messages.variant, providerId: messages.providerId, status: messages.status, sentAt: messages.sentAt };
  if (byTag && isUuid(byTag)) {
    const [row] = await db.select(cols).from(messages).where(eq(messages.id, byTag));
    if (row) return row;
  }
  if (!p.data?.email_id) return undefined;
  const [row] = await db.select(cols).from(messages).where(eq(messages.providerId, p.data.email_id));
  return row;
}

export async function handleResendWebhook(deps: ResendWebhookDeps, req: ResendWebhookRequest): Promise<ResendWebhookResponse> {
  const now = (deps.now ?? (() => new Date()))();
  // Verified over the exact bytes before anything is parsed; the timestamp window is the library's (5 minutes).
  const verified = verifyWebhook(deps.secret ?? env().RESEND_WEBHOOK_SECRET, req.rawBody, req.headers);
  if (!verified.ok) return { status: verified.reason === 'bad_id' ? 400 : 401, body: { error: 'invalid webhook signature', reason: verified.reason } };

  let payload: EmailEventPayload;
  try {
    payload = JSON.parse(req.rawBody) as EmailEventPayload;
    if (typeof payload?.type !== 'string') throw new Error('no type');
  } catch {
    return { status: 400, body: { error: 'body is not a Resend event' } };
  }

  const svixId = verified.id;
  const [seen] = await deps.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.id, svixId));
  if (seen) return { status: 200, body: { ok: true, duplicate: true } };

  const change = statusFor(payload);
  const msg = change ? await findMessage(deps.db, payload) : undefined;

  // Ingest first: it is idempotent on event_id, so if recording the delivery fails the retry re-ingests harmlessly,
  // whereas recording first and then failing would lose the event for good.
  const leadEvent = msg ? leadEventFor(payload, msg) : null;
  if (leadEvent) await deps.ingestEvents([leadEvent]);

  const applied = await deps.db.transaction(async (tx) => {
    const [fresh] = await tx.insert(webhookDeliveries).values({ id: svixId, type: payload.type }).onConflictDoNothing().returning({ id: webhookDeliveries.id });
    if (!fresh) return false;
    if (!change) return true;

    if (msg) {
      const [current] = await tx.select({ status: messages.status }).from(messages).where(eq(messages.id, msg.id)).for('update');
      const entry: MessageStatusEntry = { status: change.status, at: payload.created_at ?? now.toISOString(), ...(change.detail ? { detail: change.detail } : {}) };
      const forward = (RANK[change.status] ?? 0) > (RANK[current?.status ?? 'queued'] ?? 0);
      await tx
        .update(messages)
        .set({
          statusHistory: sql`${messages.statusHistory} || ${JSON.stringify([entry])}::jsonb`,
          ...(forward ? { status: change.status } : {}),
          ...(msg.providerId || !payload.data?.email_id ? {} : { providerId: payload.data.email_id }),
          // However the provider id arrives, the mail went out: the 24 h sending limit must count it.
          ...((RANK[change.status] ?? 0) >= 1 ? { sentAt: sql`coalesce(${messages.sentAt}, ${sentAtOf(payload, now).toISOString()}::timestamptz)` } : {}),
        })
        .where(eq(messages.id, msg.id));
    }
    if (change.status === 'bounced' || change.status === 'complained') {
      const to = payload.data?.to;
      const emails = (Array.isArray(to) ? to : to ? [to] : []).map((e) => (/<([^>]+)>/.exec(e)?.[1] ?? e).trim().toLowerCase());
      if (emails.length) {
        const reason = change.status === 'bounced' ? 'bounced' : 'complained';
        await tx.insert(suppressions).values(emails.map((email) => ({ email, reason }) as const)).onConflictDoNothing();
      }
    }
    return true;
  });

  if (!applied) return { status: 200, body: { ok: true, duplicate: true } };
  if (!change) return { status: 200, body: { ok: true, ignored: payload.type } };
  return { status: 200, body: { ok: true, type: payload.type, messageId: msg?.id ?? null, leadEvent: leadEvent?.event_id ?? null } };
}
