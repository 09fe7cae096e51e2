/** The email activities: one send per idempotency key, suppression-aware, and a failed send always throws. */
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { leads, salesOwners, settings, suppressions, type RenderedMessage } from '@/db/schema';
import { loadCopies, loadCustomLayouts, loadDefaultEmailLocale } from '@/db/email-copy';
import { chooseLocale } from '@/lib/email/locales';
import { env } from '@/lib/env';
import { unsubscribeUrl } from '@/lib/email/links';
import { renderEmail, resolveTemplateKeys, type SalesContext } from '@/lib/email/render';
import type { ProviderRateLimiter, SendLane } from '@/lib/email/rate-limit';
import type { ResendClient } from '@/lib/email/resend-client';
import { resendFailure, retryAfterMs } from '@/lib/email/send-errors';
import { getTemplate, isTemplateKey, type TemplateKey } from '@/lib/email/templates';
import { secretFor } from '@/lib/secrets';
import type { SendEmailInput, SendEmailResult } from '../../lib/journey/contract';
import { capOpensAt, claimRow, sameTemplateElsewhere, findByKey, isSent, markFailed, markSent, markSkipped, sentResult, storeRendered, underLeadLock, type Conn, type MessageRow } from './message-rows';

export interface SendEmailConfig {
  from: string;
  appUrl: string;
  signingSecret: string;
  productName: string;
  scheduleLink: string;
  /** The marketer's website the default buttons link to; unset, this app's sample pages. */
  siteUrl?: string;
  managerEmail: string;
}

export interface SendEmailDeps {
  db: Db;
  resend: ResendClient;
  /** The worker's provider budget (RESEND_REQUESTS_PER_SECOND), shared by all its sends; absent, no limit. */
  limiter?: ProviderRateLimiter;
  now?: () => Date;
  config?: Partial<SendEmailConfig>;
}

/** Waits for the provider budget; sales mail (hand-offs, reminders) goes before any waiting marketing mail. */
export async function providerTurn(deps: SendEmailDeps, lane: SendLane): Promise<void> {
  await deps.limiter?.take(lane);
}

/** A 429 pauses every send of this worker for Retry-After (1 s when the provider names none). */
export function onRateLimited(deps: SendEmailDeps, error: { statusCode: number | null } | null, headers: Record<string, string> | null | undefined): void {
  if (error?.statusCode === 429) deps.limiter?.backOff(retryAfterMs(headers) ?? 1_000);
}

type LeadRow = typeof leads.$inferSelect;
export type Prepared = { done: SendEmailResult } | { row: MessageRow; payload: RenderedMessage };

export function configOf(deps: SendEmailDeps): SendEmailConfig {
  const c = deps.config ?? {};
  const e = () => env();
  return {
    from: c.from ?? e().EMAIL_FROM,
    appUrl: (c.appUrl ?? e().APP_URL).replace(/\/+$/, ''),
    // Links have their own key, so an outbound-webhook receiver cannot forge unsubscribe or tracking links.
    signingSecret: c.signingSecret ?? secretFor('links', e()),
    productName: c.productName ?? e().PRODUCT_NAME,
    scheduleLink: c.scheduleLink ?? e().SCHEDULE_LINK,
    siteUrl: c.siteUrl ?? e().SITE_URL,
    managerEmail: c.managerEmail ?? e().MANAGER_EMAIL,
  };
}

const tagValue = (v: string) => v.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

async function loadLead(db: Db, leadId: string): Promise<LeadRow> {
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
  if (!lead) throw ApplicationFailure.nonRetryable(`lead ${leadId} not found`, 'LeadNotFound');
  return lead;
}

async function skipReason(db: Db, lead: LeadRow): Promise<'archived' | 'unsubscribed' | 'suppressed' | null> {
  if (lead.archivedAt) return 'archived';
  if (lead.unsubscribedAt) return 'unsubscribed';
  const [hit] = await db.select({ email: suppressions.email }).from(suppressions).where(eq(suppressions.email, lead.email.toLowerCase()));
  return hit ? 'suppressed' : null;
}

/** Render problems (unknown template, broken stored copy) will not fix themselves on retry. */
async function renderOrFail<T>(db: Db, row: MessageRow, at: Date, render: () => Promise<T>): Promise<T> {
  try {
    return await render();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const failure = ApplicationFailure.nonRetryable(message, 'EmailRenderFailed');
    await markFailed(db, [row.id], failure, at);
    throw failure;
  }
}

/** Sales-kind journey emails go to the lead's owner (or the sales manager), never to the lead. */
async function salesRecipient(db: Db, lead: LeadRow, cfg: SendEmailConfig): Promise<{ to: string; ownerName: string }> {
  if (lead.ownerId) {
    const [owner] = await db.select().from(salesOwners).where(eq(salesOwners.id, lead.ownerId));
    if (owner) return { to: owner.email, ownerName: owner.handle };
  }
  return { to: cfg.managerEmail, ownerName: 'sales' };
}

/** The limit in Settings now, not the one copied into the run when it started; the run's copy only if none is saved. */
async function sendingLimit(db: Conn, runCopy: number): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'max_emails_per_24h'));
  return typeof row?.value === 'number' ? row.value : runCopy;
}

export async function prepare(deps: SendEmailDeps, cfg: SendEmailConfig, input: SendEmailInput): Promise<Prepared> {
  const at = (deps.now ?? (() => new Date()))();
  const earlier = await findByKey(deps.db, input.idempotencyKey);
  if (earlier && isSent(earlier)) return { done: sentResult(earlier) };

  const lead = await loadLead(deps.db, input.leadId);
  if (input.kind === 'marketing') {
    const reason = await skipReason(deps.db, lead);
    if (reason) {
      if (earlier) await markSkipped(deps.db, earlier.id, reason, at);
      return { done: { status: 'skipped', reason } };
    }
  }
  const custom = await loadCustomLayouts(deps.db, [input.template, input.variant?.template]);
  const { layoutKey, copyKey } = renderKeys(input, custom);
  // Chosen before the claim: the bytes stored at claim are what every retry sends, so the language cannot change after.
  const locale = chooseLocale(lead.locale, await loadDefaultEmailLocale(deps.db));
  const recipient = input.kind === 'sales' ? await salesRecipient(deps.db, lead, cfg) : { to: lead.email, ownerName: '' };
  const values = {
    leadId: lead.id,
    workflowId: input.workflowId,
    nodeId: input.nodeId,
    kind: input.kind,
    // A created template is named by its own key (the outbox and stats show it); copy-only variants by their layout.
    template: isTemplateKey(copyKey) || custom[copyKey] ? copyKey : layoutKey,
    variant: input.variant?.id ?? null,
    locale,
    toEmail: recipient.to,
    subject: '',
    idempotencyKey: input.idempotencyKey,
  };

  const cap = input.kind === 'marketing' ? input.cap : undefined;
  const claimed =
    input.kind === 'marketing'
      ? await underLeadLock(deps.db, lead.id, async (tx): Promise<MessageRow | Date | 'duplicate_template'> => {
          // A row this key already claimed was counted when it was claimed; counting it again would defer its own retry.
          const mine = await findByKey(tx, input.idempotencyKey);
          if (mine) return mine;
          if (!input.allowRepeat && (await sameTemplateElsewhere(tx, lead.id, values.template, input.workflowId, at))) return 'duplicate_template';
          const until = cap ? await capOpensAt(tx, lead.id, await sendingLimit(tx, cap.maxPer24h), new Date(cap.now)) : null;
          return until ?? claimRow(tx, values, at);
        })
      : await claimRow(deps.db, values, at);
  if (claimed === 'duplicate_template') return { done: { status: 'skipped', reason: 'duplicate_template' } };
  if (claimed instanceof Date) return { done: { status: 'deferred', until: claimed.toISOString() } };
  const row = claimed;
  if (isSent(row)) return { done: sentResult(row) };
  // A retry sends what the first attempt stored, never a fresh render of data that may have changed since.
  if (row.rendered) return { row, payload: row.rendered };

  const unsub = unsubscribeUrl(lead.id, { appUrl: cfg.appUrl, secret: cfg.signingSecret });
  const sales: SalesContext | undefined =
    input.kind === 'sales'
      ? { ownerName: recipient.ownerName, reason: `journey step ${input.nodeId}`, ackUrl: `${cfg.appUrl}/leads/${lead.id}`, leadUrl: `${cfg.appUrl}/leads/${lead.id}` }
      : undefined;
  const rendered = await renderOrFail(deps.db, row, at, async () =>
    renderEmail(input.template, {
      lead,
      locale,
      copies: await loadCopies(deps.db, copyKey),
      custom,
      variant: input.variant,
      links: { unsubscribeUrl: unsub, trackingBase: { messageId: row.id, appUrl: cfg.appUrl, secret: cfg.signingSecret } },
      sales,
      productName: cfg.productName,
      scheduleLink: cfg.scheduleLink,
      siteUrl: cfg.siteUrl,
      appUrl: cfg.appUrl,
    }),
  );
  const payload: RenderedMessage = {
    from: cfg.from,
    to: recipient.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    tags: tagsFor(row, values.template, input.variant?.id),
  };
  if (rendered.kind === 'marketing') payload.headers = { 'List-Unsubscribe': `<${unsub}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  return { row, payload: await storeRendered(deps.db, row, payload, rendered.locale) };
}

function renderKeys(input: SendEmailInput, custom: Record<string, TemplateKey>) {
  try {
    return resolveTemplateKeys(input.template, input.variant, custom);
  } catch (err) {
    throw ApplicationFailure.nonRetryable(err instanceof Error ? err.message : String(err), 'UnknownTemplate');
  }
}

/** The message_id tag lets the webhook find the row even if it arrives before the provider id is stored. */
function tagsFor(row: MessageRow, template: string, variant?: string | null) {
  const tags = [
    { name: 'message_id', value: row.id },
    { name: 'template', value: tagValue(template) },
    { name: 'kind', value: row.kind },
  ];
  if (variant) tags.push({ name: 'variant', value: tagValue(variant) });
  return tags;
}

/** Resend's 409s: the key already carried another body (so it went out), or an attempt with it is still in flight. */
export const ALREADY_SENT = 'invalid_idempotent_request';
export const IN_FLIGHT_ELSEWHERE = 'concurrent_idempotent_requests';

async function sendPrepared(deps: SendEmailDeps, row: MessageRow, payload: RenderedMessage, idempotencyKey: string): Promise<SendEmailResult> {
  const now = deps.now ?? (() => new Date());
  await providerTurn(deps, row.kind === 'sales' ? 'sales' : 'marketing');
  const { data, error, headers } = await deps.resend.emails.send(payload, { idempotencyKey });
  if (data) return sentResult(await markSent(deps.db, row.id, data.id, now()));
  onRateLimited(deps, error, headers);
  const err = error ?? { statusCode: null, name: 'application_error', message: 'empty response' };
  if (err.name === ALREADY_SENT) return sentResult(await markSent(deps.db, row.id, null, now(), `409 ${ALREADY_SENT}: already sent under this key`));
  const failure = resendFailure(err, headers);
  // The other attempt's answer is what counts: retry soon and get it replayed, without calling this one failed.
  if (err.name === IN_FLIGHT_ELSEWHERE) throw failure;
  await markFailed(deps.db, [row.id], failure, now());
  throw failure;
}

export function createSendEmailActivity(deps: SendEmailDeps): (input: SendEmailInput) => Promise<SendEmailResult> {
  return async function sendEmail(input) {
    const cfg = configOf(deps);
    const prepared = await prepare(deps, cfg, input);
    if ('done' in prepared) return prepared.done;
    return sendPrepared(deps, prepared.row, prepared.payload, input.idempotencyKey);
  };
}

export interface SalesNotification {
  to: string;
  template: 'sales-hot-lead' | 'sales-sla-reminder' | 'sales-escalation' | (string & {});
  /** ownerName/ownerHandle, reason, ackUrl, leadUrl, slaMinutes, minutesWaiting; lead fields come from the database. */
  props: Record<string, unknown>;
  idempotencyKey: string;
  leadId: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Hot-lead alerts, SLA reminders and escalations: internal mail, so no suppression check and no tracking. */
export async function sendSalesNotification(deps: SendEmailDeps, n: SalesNotification): Promise<SendEmailResult> {
  const cfg = configOf(deps);
  const at = (deps.now ?? (() => new Date()))();
  const earlier = await findByKey(deps.db, n.idempotencyKey);
  if (earlier && isSent(earlier)) return sentResult(earlier);
  if (getTemplate(n.template).kind !== 'sales') throw ApplicationFailure.nonRetryable(`${n.template} is not a sales template`, 'UnknownTemplate');

  const lead = await loadLead(deps.db, n.leadId);
  const row = await claimRow(deps.db, { leadId: lead.id, kind: 'sales', template: n.template, toEmail: n.to, subject: '', idempotencyKey: n.idempotencyKey }, at);
  if (isSent(row)) return sentResult(row);
  if (row.rendered) return sendPrepared(deps, row, row.rendered, n.idempotencyKey);

  const p = n.props;
  const ackUrl = str(p.ackUrl) ?? `${cfg.appUrl}/leads/${lead.id}`;
  const slaMinutes = num(p.slaMinutes);
  // Sales mail goes to the team, so it is written in the org's default language, not the lead's.
  const locale = await loadDefaultEmailLocale(deps.db);
  const rendered = await renderOrFail(deps.db, row, at, async () =>
    renderEmail(n.template, {
      lead,
      locale,
      copies: await loadCopies(deps.db, n.template),
      links: {},
      sales: {
        ownerName: str(p.ownerHandle) ?? str(p.ownerName) ?? 'team',
        reason: str(p.reason) ?? 'lead score reached the hot threshold',
        ackUrl,
        leadUrl: str(p.leadUrl),
        slaMinutes,
        minutesWaiting: num(p.minutesWaiting) ?? slaMinutes,
      },
      productName: cfg.productName,
      scheduleLink: cfg.scheduleLink,
      siteUrl: cfg.siteUrl,
      appUrl: cfg.appUrl,
    }),
  );
  const payload: RenderedMessage = { from: cfg.from, to: n.to, subject: rendered.subject, html: rendered.html, text: rendered.text, tags: tagsFor(row, n.template) };
  return sendPrepared(deps, row, await storeRendered(deps.db, row, payload, rendered.locale), n.idempotencyKey);
}
