/**
 * The public side of forms: cross-origin checks, the per-address rate limit, the honeypot, validation with the form's
 * own schema, capture as a lead with source `form:<name>`, and double opt-in (journeys wait for the emailed confirmation).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { formRateWindows, formSubmissions, leadEvents, leads } from '@/db/schema';
import { firstIssue, HONEYPOT, submissionSchema, toCaptureInput } from '@/lib/forms/definition';
import { originAllowed } from '@/lib/forms/origins';
import { loadDefaultEmailLocale } from '@/db/email-copy';
import { sendFormConfirmation } from '@/lib/email/form-mail';
import { chooseLocale, type EmailLocale } from '@/lib/email/locales';
import type { ResendClient } from '@/lib/email/resend-client';
import type { LeadEventSignal } from '@/lib/journey/contract';
import { log } from '@/lib/log';
import { captureLead } from '@/lib/capture/capture-lead';
import { getForm, publicView, type FormRow } from './forms';
import { InputError } from './input-error';
import { enqueueSignals, enterJourneys, publishedJourneys, type Tx } from '@/lib/journey/targets';

export interface SubmitContext {
  /** The request's Origin header (null for server-to-server posts, which carry no browser credentials). */
  origin: string | null;
  /** This app's own origins: its hosted pages may always post. */
  appOrigins: readonly string[];
  ip: string | null;
  rateLimitPerMinute: number;
  appUrl: string;
  resend?: ResendClient;
}

export type SubmitResult =
  | { status: 'ignored' }
  | { status: 'accepted' | 'pending_confirmation'; leadId: string; created: boolean; outboxIds: number[]; thankYou: FormRow['thankYou'] };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Whether a browser page at `origin` may post this form (its own hosted page always may). */
export function mayPostFrom(form: Pick<FormRow, 'allowedOrigins'>, origin: string | null, appOrigins: readonly string[]): boolean {
  if (!origin) return true;
  return appOrigins.includes(origin) || originAllowed(origin, form.allowedOrigins);
}

export async function liveForm(db: Db, id: string): Promise<FormRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await getForm(db, id.toLowerCase()) : null;
  if (!row || row.archivedAt) throw new InputError('form', 'no such form', 'not_found');
  return row;
}

/**
 * Counts this submission and says whether the address is within the limit. A sliding minute: the previous window counts
 * in proportion to how much of it still overlaps, so a burst straddling the minute boundary is not let through twice.
 */
export async function withinRateLimit(db: Db, key: string, limit: number, now = new Date()): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const previousStart = new Date(windowStart.getTime() - 60_000);
  const [row] = await db
    .insert(formRateWindows)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [formRateWindows.key, formRateWindows.windowStart], set: { count: sql`${formRateWindows.count} + 1` } })
    .returning({ count: formRateWindows.count });
  const [previous] = await db
    .select({ count: formRateWindows.count })
    .from(formRateWindows)
    .where(and(eq(formRateWindows.key, key), eq(formRateWindows.windowStart, previousStart)));
  // Keep the table small: windows older than an hour say nothing any more.
  if (row!.count === 1) await db.delete(formRateWindows).where(lt(formRateWindows.windowStart, new Date(windowStart.getTime() - 3_600_000)));
  const overlap = 1 - (now.getTime() - windowStart.getTime()) / 60_000;
  return row!.count + (previous?.count ?? 0) * overlap <= limit;
}

export async function submitForm(db: Db, formId: string, body: unknown, ctx: SubmitContext): Promise<SubmitResult> {
  const form = await liveForm(db, formId);
  if (!mayPostFrom(form, ctx.origin, ctx.appOrigins)) throw new InputError('origin', `${ctx.origin} is not among this form's allowed sites`, 'forbidden');
  const key = `${form.id}|${ctx.ip ?? 'unknown'}`;
  if (!(await withinRateLimit(db, key, ctx.rateLimitPerMinute))) throw new InputError('rate', `at most ${ctx.rateLimitPerMinute} submissions a minute from one address: try again shortly`, 'too_many');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError('body', 'must be a JSON object');
  const honey = (body as Record<string, unknown>)[HONEYPOT];
  // A bot is told it succeeded, so it learns nothing; nothing is written.
  if (typeof honey === 'string' && honey.trim() !== '') return { status: 'ignored' };

  const view = publicView(form);
  const parsed = submissionSchema(view).safeParse(body);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new InputError(field, message);
  }
  const input = toCaptureInput(view, parsed.data);
  const captured = await captureLead(db, input, { enterJourneys: !form.doubleOptIn });
  const token = form.doubleOptIn ? randomBytes(24).toString('base64url') : null;
  const consent = input.properties.consent as { given: boolean; text: string } | undefined;
  await db.insert(formSubmissions).values({
    formId: form.id,
    leadId: captured.leadId,
    status: token ? 'pending_confirmation' : 'accepted',
    confirmTokenHash: token ? sha256(token) : null,
    consentGiven: consent?.given ?? false,
    consentText: consent?.text ?? null,
    pageUrl: (parsed.data.page_url as string | undefined) ?? null,
    referrer: (parsed.data.referrer as string | undefined) ?? null,
  });
  if (token) {
    const url = `${ctx.appUrl.replace(/\/$/, '')}/f/confirm?token=${token}`;
    // The lead's own language (a returning lead keeps the one it had), else the org's default email language.
    const [lead] = await db.select({ locale: leads.locale }).from(leads).where(eq(leads.id, captured.leadId));
    const locale = chooseLocale(lead?.locale, await loadDefaultEmailLocale(db));
    // The lead is saved either way; a mail outage is logged, and the visitor can submit again for a fresh link.
    await sendFormConfirmation({ to: input.email, formTitle: form.title || form.name, url, locale }, ctx.resend).catch((err: unknown) =>
      log('forms').error({ err, formId: form.id }, 'double opt-in mail not sent'),
    );
  }
  return { status: token ? 'pending_confirmation' : 'accepted', leadId: captured.leadId, created: captured.created, outboxIds: captured.outboxIds, thankYou: form.thankYou };
}

/** The language the confirmation page speaks: the one its email was sent in (the lead's, else the org's default). */
export async function confirmationLocale(db: Db, token: string): Promise<EmailLocale> {
  const orgDefault = await loadDefaultEmailLocale(db);
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return orgDefault;
  const [row] = await db
    .select({ locale: leads.locale })
    .from(formSubmissions)
    .innerJoin(leads, eq(leads.id, formSubmissions.leadId))
    .where(eq(formSubmissions.confirmTokenHash, sha256(token)));
  return chooseLocale(row?.locale, orgDefault);
}

/** Puts a confirmed lead into the journeys that start on capture, with its capture event, as capture would have. */
async function enterCaptureJourneys(tx: Tx, leadId: string): Promise<number[]> {
  const eventId = `capture:${leadId}`;
  const [lead] = await tx.select({ score: leads.score, stage: leads.stage, isHot: leads.isHot }).from(leads).where(eq(leads.id, leadId));
  const [event] = await tx.select({ seq: leadEvents.seq, occurredAt: leadEvents.occurredAt, properties: leadEvents.properties }).from(leadEvents).where(eq(leadEvents.eventId, eventId));
  if (!lead || !event) return [];
  const entering = (await publishedJourneys(tx)).filter((j) => j.trigger.on === 'lead_captured');
  const targets = await enterJourneys(tx, leadId, entering);
  const signal: LeadEventSignal = { eventId, type: 'lead_captured', occurredAt: event.occurredAt.toISOString(), seq: event.seq, score: lead.score, stage: lead.stage, isHot: lead.isHot, properties: event.properties };
  return enqueueSignals(tx, targets.map((target) => ({ target, signal })));
}

export interface ConfirmResult {
  formId: string;
  leadId: string;
  alreadyConfirmed: boolean;
  outboxIds: number[];
  thankYou: FormRow['thankYou'];
}

/** The lead clicked the emailed link and pressed Confirm: it now enters journeys. Confirming twice changes nothing. */
export async function confirmSubmission(db: Db, token: string): Promise<ConfirmResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new InputError('token', 'is not a confirmation token');
  return db.transaction(async (tx) => {
    const [sub] = await tx.select().from(formSubmissions).where(eq(formSubmissions.confirmTokenHash, sha256(token))).for('update');
    if (!sub) throw new InputError('token', 'this confirmation link is unknown or was replaced', 'not_found');
    const form = (await getForm(tx, sub.formId))!;
    if (sub.status === 'confirmed') return { formId: sub.formId, leadId: sub.leadId, alreadyConfirmed: true, outboxIds: [], thankYou: form.thankYou };
    const now = new Date();
    await tx.update(formSubmissions).set({ status: 'confirmed', confirmedAt: now }).where(and(eq(formSubmissions.id, sub.id)));
    await tx
      .update(leads)
      .set({ properties: sql`${leads.properties} || ${JSON.stringify({ double_opt_in: { confirmed_at: now.toISOString(), form: form.name } })}::jsonb`, updatedAt: now })
      .where(eq(leads.id, sub.leadId));
    const outboxIds = await enterCaptureJourneys(tx, sub.leadId);
    return { formId: sub.formId, leadId: sub.leadId, alreadyConfirmed: false, outboxIds, thankYou: form.thankYou };
  });
}
