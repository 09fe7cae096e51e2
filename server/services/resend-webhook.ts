/** Applies Resend webhook deliveries: verified, applied once per svix-id, turned into message status, lead events and suppressions. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, webhookDeliveries, type MessageStatusEntry } from '@/db/schema';
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

/** The webhooks that can become a lead event (and so need their message read before the delivery is recorded). */
const LEAD_EVENT_TYPES = new Set(['email.opened', 'email.clicked', 'email.complained']);

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

/** The stored status's rank, in SQL: the same table as RANK, so the comparison happens under the update's row lock. */
const currentRank = sql`(case ${messages.status} ${sql.join(Object.entries(RANK).map(([status, rank]) => sql`when ${status} then ${rank}::numeric`), sql` `)} else 0 end)`;

/**
 * Records a delivery in one statement: its svix-id (the dedupe), the message's status and history (found by its
 * message_id tag, else by provider id) and any suppression, each only if the svix-id was new. A delivered webhook (most
 * of a blast's) costs one round trip instead of a transaction of five.
 */
async function recordDelivery(db: Db, p: EmailEventPayload, svixId: string, change: ReturnType<typeof statusFor>, now: Date): Promise<{ fresh: boolean; messageId: string | null }> {
  const byTag = tag(p.data?.tags, 'message_id');
  const tagId = byTag && isUuid(byTag) ? byTag : null;
  const emailId = p.data?.email_id ?? null;
  const entry: MessageStatusEntry | null = change ? { status: change.status, at: p.created_at ?? now.toISOString(), ...(change.detail ? { detail: change.detail } : {}) } : null;
  const rank = change ? (RANK[change.status] ?? 0) : 0;
  const to = p.data?.to;
  const suppress = change?.status === 'bounced' || change?.status === 'complained' ? (Array.isArray(to) ? to : to ? [to] : []).map((e) => (/<([^>]+)>/.exec(e)?.[1] ?? e).trim().toLowerCase()) : [];
  const [row] = await db.execute<{ fresh: number; message_id: string | null }>(sql`
    with d as (
      insert into webhook_deliveries (id, type) values (${svixId}, ${p.type}) on conflict do nothing returning id
    ),
    m as (
      select id from (
        select id, 1 as ord from messages where id = ${tagId}::uuid
        union all select id, 2 from messages where ${entry !== null} and provider_id = ${emailId}::text
      ) found order by ord limit 1
    ),
    u as (
      update messages set
        status_history = ${messages.statusHistory} || ${JSON.stringify(entry ? [entry] : [])}::jsonb,
        status = case when ${rank}::numeric > ${currentRank} then ${change?.status ?? null}::text else ${messages.status} end,
        provider_id = coalesce(${messages.providerId}, ${emailId}::text),
        -- However the provider id arrives, the mail went out: the 24 h sending limit must count it.
        sent_at = case when ${rank}::numeric >= 1 then coalesce(${messages.sentAt}, ${sentAtOf(p, now).toISOString()}::timestamptz) else ${messages.sentAt} end
      from m where messages.id = m.id and ${entry !== null} and exists (select 1 from d)
      returning messages.id
    ),
    s as (
      insert into suppressions (email, reason)
      select e, ${change?.status === 'bounced' ? 'bounced' : 'complained'} from unnest(${sql.param(suppress)}::text[]) as e
      where exists (select 1 from d)
      on conflict do nothing
    )
    select (select count(*) from d)::int as fresh, (select id from m) as message_id`);
  return { fresh: Number(row?.fresh ?? 0) > 0, messageId: row?.message_id ?? null };
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
  const change = statusFor(payload);
  let leadEvent: EmailLeadEvent | null = null;
  if (change && LEAD_EVENT_TYPES.has(payload.type)) {
    const [seen] = await deps.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.id, svixId));
    if (seen) return { status: 200, body: { ok: true, duplicate: true } };
    const msg = await findMessage(deps.db, payload);
    // Ingest first: it is idempotent on event_id, so if recording the delivery fails the retry re-ingests harmlessly,
    // whereas recording first and then failing would lose the event for good.
    leadEvent = msg ? leadEventFor(payload, msg) : null;
    if (leadEvent) await deps.ingestEvents([leadEvent]);
  }

  const recorded = await recordDelivery(deps.db, payload, svixId, change, now);
  if (!recorded.fresh) return { status: 200, body: { ok: true, duplicate: true } };
  if (!change) return { status: 200, body: { ok: true, ignored: payload.type } };
  return { status: 200, body: { ok: true, type: payload.type, messageId: recorded.messageId, leadEvent: leadEvent?.event_id ?? null } };
}
