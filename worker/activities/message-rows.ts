/** The messages table as the send activities use it: claim a row per key, store its bytes once, move its status forward only. */
import { and, desc, eq, gt, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@/db/client';
import { messages, type MessageStatusEntry, type RenderedMessage } from '@/db/schema';
import type { SendEmailResult } from '../../lib/journey/contract';

export type MessageRow = typeof messages.$inferSelect;
/** The database or a transaction on it: the per-lead lock must cover the count and the claim. */
export type Conn = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

export const entry = (status: string, at: Date, detail?: string): MessageStatusEntry => (detail ? { status, at: at.toISOString(), detail } : { status, at: at.toISOString() });
const appendHistory = (e: MessageStatusEntry) => sql`${messages.statusHistory} || ${JSON.stringify([e])}::jsonb`;

/** Sent means the provider has it: an id came back, or a webhook or a 409 told us so. */
export const isSent = (row: MessageRow): boolean => row.providerId !== null || row.sentAt !== null;
export const sentResult = (row: MessageRow): SendEmailResult => ({ status: 'sent', messageId: row.id, providerId: row.providerId ?? '' });

/** Statuses a send attempt may still replace; anything the provider reported (delivered, opened, bounced…) stays. */
const BEFORE_SENT = ['queued', 'retrying', 'failed', 'skipped'];
/** Rows claimed but not yet sent (first attempt in flight, or waiting for a retry) count: they will go out. */
const IN_FLIGHT = ['queued', 'retrying'];

export async function findByKey(db: Conn, key: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.idempotencyKey, key));
  return row;
}

/** Inserts the row for this key, or returns the one an earlier attempt left (sent or not). */
export async function claimRow(db: Conn, values: typeof messages.$inferInsert, at: Date): Promise<MessageRow> {
  const [inserted] = await db
    .insert(messages)
    // created_at on the activity's clock, so a claimed-but-unsent row sits in the same 24 h window the cap reads.
    .values({ ...values, createdAt: at, statusHistory: [entry('queued', at)] })
    .onConflictDoNothing({ target: messages.idempotencyKey })
    .returning();
  if (inserted) return inserted;
  const existing = await findByKey(db, values.idempotencyKey);
  if (!existing) throw new Error(`message ${values.idempotencyKey} vanished after an insert conflict`);
  return existing;
}

/**
 * Stores the request the first attempt will send and returns what is stored, read back from Postgres: every
 * attempt then sends the same bytes (jsonb's key order included), so the provider's idempotency replays, never 409s.
 */
export async function storeRendered(db: Conn, row: MessageRow, payload: RenderedMessage, locale?: string): Promise<RenderedMessage> {
  const [stored] = await db
    .update(messages)
    .set({ rendered: payload, subject: payload.subject, ...(locale && { locale }) })
    .where(and(eq(messages.id, row.id), isNull(messages.rendered)))
    .returning({ rendered: messages.rendered });
  if (stored?.rendered) return stored.rendered;
  const [current] = await db.select({ rendered: messages.rendered }).from(messages).where(eq(messages.id, row.id));
  if (!current?.rendered) throw new Error(`message ${row.id} has no stored copy after storing one`);
  return current.rendered;
}

/** Provider id and sent_at are kept if already known (a webhook may have been first); the status only moves forward. */
export async function markSent(db: Conn, id: string, providerId: string | null, at: Date, detail?: string): Promise<MessageRow> {
  const [row] = await db
    .update(messages)
    .set({
      providerId: sql`coalesce(${messages.providerId}, ${providerId})`,
      status: sql`case when ${messages.status} in (${sql.join(BEFORE_SENT.map((s) => sql`${s}`), sql`, `)}) then 'sent' else ${messages.status} end`,
      error: null,
      sentAt: sql`coalesce(${messages.sentAt}, ${at.toISOString()}::timestamptz)`,
      statusHistory: appendHistory(entry('sent', at, detail)),
    })
    .where(eq(messages.id, id))
    .returning();
  if (!row) throw new Error(`message ${id} vanished while being marked sent`);
  return row;
}

/** A failure Temporal will retry leaves the row "retrying" (still counted by the cap); only a final one is "failed". */
export async function markFailed(db: Conn, ids: string[], failure: ApplicationFailure, at: Date): Promise<void> {
  if (!ids.length) return;
  const status = failure.nonRetryable ? 'failed' : 'retrying';
  await db
    .update(messages)
    .set({ status, error: failure.message, statusHistory: appendHistory(entry(status, at, failure.message)) })
    .where(and(inArray(messages.id, ids), isNull(messages.providerId), isNull(messages.sentAt)));
}

/** A claimed row whose lead opted out before a retry: it will never go out, so the cap stops counting it. */
export async function markSkipped(db: Conn, id: string, reason: string, at: Date): Promise<void> {
  await db
    .update(messages)
    .set({ status: 'skipped', error: reason, statusHistory: appendHistory(entry('skipped', at, reason)) })
    .where(and(eq(messages.id, id), isNull(messages.providerId), isNull(messages.sentAt)));
}

/** When the lead may get its next marketing email under the cap, counting every journey's sends; null if now. */
export async function capOpensAt(db: Conn, leadId: string, maxPer24h: number, now: Date): Promise<Date | null> {
  if (maxPer24h < 1) return null;
  const since = new Date(now.getTime() - 86_400_000);
  const at = sql<Date>`coalesce(${messages.sentAt}, ${messages.createdAt})`;
  const recent = await db
    .select({ sentAt: messages.sentAt, createdAt: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.leadId, leadId),
        eq(messages.kind, 'marketing'),
        or(and(isNotNull(messages.sentAt), gt(messages.sentAt, since)), and(isNull(messages.sentAt), inArray(messages.status, IN_FLIGHT), gt(messages.createdAt, since))),
      ),
    )
    .orderBy(desc(at))
    .limit(maxPer24h);
  if (recent.length < maxPer24h) return null;
  const oldest = recent[recent.length - 1]!;
  return new Date((oldest.sentAt ?? oldest.createdAt).getTime() + 86_400_000);
}

/** A lead gets one template once per window across journeys: two journeys on one trigger do not both send the welcome. */
export const SAME_TEMPLATE_WINDOW_MS = 24 * 3_600_000;

/** True when another run claimed this template for the lead within the window and did not fail or skip it; call under the lead lock. */
export async function sameTemplateElsewhere(db: Conn, leadId: string, template: string, workflowId: string, now: Date): Promise<boolean> {
  const [hit] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.leadId, leadId),
        eq(messages.kind, 'marketing'),
        eq(messages.template, template),
        ne(messages.workflowId, workflowId),
        gt(messages.createdAt, new Date(now.getTime() - SAME_TEMPLATE_WINDOW_MS)),
        notInArray(messages.status, ['failed', 'skipped']),
      ),
    )
    .limit(1);
  return hit !== undefined;
}

/** Two journeys sending to one lead at once must not both pass the count: one lead, one claimer at a time. */
export async function underLeadLock<T>(db: Db, leadId: string, body: (tx: Conn) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`send:${leadId}`}, 0))`);
    return body(tx);
  });
}
