/** Marketer-edited email copy: read, validate and save `email_templates` rows, preview unsaved copy, and send a test. */
import { unknownPlaceholders } from '@/lib/email/placeholders';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customEmailTemplates, emailTemplates, leads } from '@/db/schema';
import { loadCopies } from '@/db/email-copy';
import { emailCopyOverrideSchema, type EmailCopy, type EmailCopyOverride } from '@/emails/copy/defaults';
import { env } from '@/lib/env';
import { unsubscribeUrl } from '@/lib/email/links';
import { isEmailLocale, type EmailLocale } from '@/lib/email/locales';
import { renderEmail, selectCopy, type RenderedEmail, type RenderLead } from '@/lib/email/render';
import { getResend, type ResendClient } from '@/lib/email/resend-client';
import { defaultCopyFor, getTemplate, isTemplateKey, type TemplateKey } from '@/lib/email/templates';

export interface CopyView {
  key: string;
  label: string;
  kind: 'marketing' | 'sales';
  locale: EmailLocale;
  /** A template the marketer created from a layout (its copy may be missing in one language). */
  custom: boolean;
  /** The registered template whose component lays this one out. */
  layout: TemplateKey;
  defaults: EmailCopy;
  /** What is stored for this language (a subset of the fields), or null when there is none. */
  override: EmailCopyOverride | null;
  /** What a lead mailed in this language receives, unsaved edits aside: what the editor starts from. */
  effective: EmailCopy;
  /** Set when this language has no copy of its own and its leads receive the other language's. */
  fallbackFrom: EmailLocale | null;
  updatedAt: Date | null;
}

const bad = (message: string): never => {
  throw new TRPCError({ code: 'BAD_REQUEST', message });
};

interface TemplateRef {
  key: string;
  label: string;
  kind: 'marketing' | 'sales';
  layout: TemplateKey;
  custom: boolean;
}

/** A registered template or a created one (archived ones too, so their copy stays readable). */
export async function templateRef(db: Db, key: string): Promise<TemplateRef> {
  if (isTemplateKey(key)) {
    const e = getTemplate(key);
    return { key, label: e.label, kind: e.kind, layout: key, custom: false };
  }
  const [row] = await db.select().from(customEmailTemplates).where(eq(customEmailTemplates.key, key));
  if (!row || !isTemplateKey(row.layout)) return bad(`key: unknown email template "${key}"`);
  return { key, label: row.name, kind: getTemplate(row.layout).kind, layout: row.layout, custom: true };
}

/** Validates an override; the first problem becomes a BAD_REQUEST that names its field (e.g. `copy.cta.label`). */
export function parseCopy(raw: unknown): EmailCopyOverride {
  const parsed = emailCopyOverrideSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  return bad(`copy.${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid copy'}`);
}

const parsedOrNull = (raw: Record<string, unknown> | undefined): EmailCopyOverride | null => {
  // Broken stored copy (written before validation existed) shows as absent so it can be fixed by saving.
  const p = raw ? emailCopyOverrideSchema.safeParse(raw) : null;
  return p?.success ? p.data : null;
};

export async function readCopy(db: Db, key: string, locale: EmailLocale = 'en'): Promise<CopyView> {
  const ref = await templateRef(db, key);
  const rows = await db.select().from(emailTemplates).where(eq(emailTemplates.key, ref.key));
  const stored: Partial<Record<EmailLocale, EmailCopyOverride>> = {};
  for (const r of rows) {
    const o = isEmailLocale(r.locale) ? parsedOrNull(r.copy) : null;
    if (o && isEmailLocale(r.locale)) stored[r.locale] = o;
  }
  const own = rows.find((r) => r.locale === locale);
  const selected = selectCopy(ref.key, ref.layout, locale, stored);
  return {
    ...ref,
    locale,
    defaults: defaultCopyFor(ref.layout, locale),
    override: stored[locale] ?? null,
    effective: selected.copy,
    fallbackFrom: selected.locale === locale ? null : selected.locale,
    updatedAt: own?.updatedAt ?? null,
  };
}

async function leadFor(db: Db, leadId: string | undefined, sample: RenderLead): Promise<RenderLead> {
  if (!leadId) return sample;
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
  return lead ?? bad(`leadId: no lead with id ${leadId}`);
}

export interface RenderCopyInput {
  key: string;
  locale?: EmailLocale;
  /** Unsaved copy from the editor; absent means what is stored. */
  copy?: unknown;
  leadId?: string;
}

/** Renders exactly as the sendEmail activity would (same renderEmail, same merge and fallback), without tracking. */
export async function renderCopy(db: Db, input: RenderCopyInput, sample: RenderLead): Promise<RenderedEmail & { lead: RenderLead }> {
  const ref = await templateRef(db, input.key);
  const locale = input.locale ?? 'en';
  const copies = await loadCopies(db, ref.key);
  if (input.copy !== undefined) copies[locale] = parseCopy(input.copy);
  const lead = await leadFor(db, input.leadId, sample);
  const appUrl = env().APP_URL.replace(/\/+$/, '');
  try {
    const rendered = await renderEmail(ref.key, {
      lead,
      locale,
      copies,
      custom: ref.custom ? { [ref.key]: ref.layout } : {},
      links: { unsubscribeUrl: unsubscribeUrl(lead.id ?? sample.id ?? 'preview') },
      sales: { ownerName: 'John Doe', reason: 'Score reached 60 (hot)', ackUrl: `${appUrl}/leads/${lead.id ?? ''}`, slaMinutes: 15, minutesWaiting: 16 },
    });
    return { ...rendered, lead };
  } catch (err) {
    return bad(`copy: the template does not render with this copy: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Every text a marketer typed, by its field path. */
function copyTexts(copy: EmailCopyOverride): [string, string][] {
  const out: [string, string][] = [];
  for (const f of ['subject', 'preheader', 'heading'] as const) if (copy[f] !== undefined) out.push([f, copy[f]]);
  copy.paragraphs?.forEach((p, i) => out.push([`paragraphs.${i}`, p]));
  if (copy.cta) out.push(['cta.label', copy.cta.label], ['cta.url', copy.cta.url]);
  for (const [action, b] of Object.entries(copy.blocks ?? {})) {
    out.push([`blocks.${action}.heading`, b.heading]);
    b.paragraphs.forEach((p, i) => out.push([`blocks.${action}.paragraphs.${i}`, p]));
    if (b.cta) out.push([`blocks.${action}.cta.label`, b.cta.label], [`blocks.${action}.cta.url`, b.cta.url]);
  }
  return out;
}

/** Saves one language's copy only after it both validates and renders, so a journey can never pick up copy that breaks its send. */
export async function saveCopy(db: Db, key: string, raw: unknown, sample: RenderLead, locale: EmailLocale = 'en'): Promise<CopyView> {
  const ref = await templateRef(db, key);
  const copy = parseCopy(raw);
  const unknown = copyTexts(copy)
    .map(([field, text]) => [field, unknownPlaceholders(text, { sales: ref.kind === 'sales' })[0]] as const)
    .find(([, u]) => u !== undefined);
  // Refused before rendering: an unknown placeholder renders as nothing in every email sent.
  if (unknown) return bad(`copy.${unknown[0]}: ${unknown[1]!.message}`);
  await renderCopy(db, { key: ref.key, locale, copy }, sample);
  const now = new Date();
  await db
    .insert(emailTemplates)
    .values({ key: ref.key, locale, copy, updatedAt: now })
    .onConflictDoUpdate({ target: [emailTemplates.key, emailTemplates.locale], set: { copy, updatedAt: now } });
  return readCopy(db, ref.key, locale);
}

/** A built-in template goes back to its default copy in this language; a created one drops it and falls back to the other language. */
export async function resetCopy(db: Db, key: string, locale: EmailLocale = 'en'): Promise<CopyView> {
  const ref = await templateRef(db, key);
  await db.delete(emailTemplates).where(and(eq(emailTemplates.key, ref.key), eq(emailTemplates.locale, locale)));
  return readCopy(db, ref.key, locale);
}

/**
 * Sends one test message through the same Resend client the worker uses (the mail sink locally). It carries no
 * tracking and a `kind: test` tag, so opening or clicking it never scores a lead.
 */
export async function sendTestCopy(db: Db, input: RenderCopyInput & { to: string }, sample: RenderLead, resend: ResendClient = getResend()): Promise<{ id: string; subject: string }> {
  const rendered = await renderCopy(db, input, sample);
  const subject = `[Test] ${rendered.subject}`;
  const { data, error } = await resend.emails.send({
    from: env().EMAIL_FROM,
    to: input.to,
    subject,
    html: rendered.html,
    text: rendered.text,
    tags: [
      { name: 'kind', value: 'test' },
      { name: 'template', value: rendered.template },
    ],
  });
  // The SDK reports failures as { error }, never by throwing: surface the provider's reason.
  if (error || !data) {
    throw new TRPCError({ code: error?.statusCode && error.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message: `to: the provider refused the test message: ${error?.message ?? 'empty response'}` });
  }
  return { id: data.id, subject };
}
