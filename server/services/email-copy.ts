/** Marketer-edited email copy: read, validate and save `email_templates` rows, preview unsaved copy, and send a test. */
import { unknownPlaceholders } from '@/lib/email/placeholders';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { emailTemplates, leads } from '@/db/schema';
import { emailCopyOverrideSchema, type EmailCopy, type EmailCopyOverride } from '@/emails/copy/defaults';
import { env } from '@/lib/env';
import { unsubscribeUrl } from '@/lib/email/links';
import { mergeCopy, renderEmail, type RenderedEmail, type RenderLead } from '@/lib/email/render';
import { getResend, type ResendClient } from '@/lib/email/resend-client';
import { getTemplate, isTemplateKey, type TemplateKey } from '@/lib/email/templates';

export interface CopyView {
  key: TemplateKey;
  label: string;
  kind: 'marketing' | 'sales';
  defaults: EmailCopy;
  /** What is stored (a subset of the fields), or null when the template uses its defaults. */
  override: EmailCopyOverride | null;
  /** Defaults with the override applied: what the editor starts from. */
  effective: EmailCopy;
  updatedAt: Date | null;
}

const bad = (message: string): never => {
  throw new TRPCError({ code: 'BAD_REQUEST', message });
};

export function templateKey(key: string): TemplateKey {
  return isTemplateKey(key) ? key : bad(`key: unknown email template "${key}"`);
}

/** Validates an override; the first problem becomes a BAD_REQUEST that names its field (e.g. `copy.cta.label`). */
export function parseCopy(raw: unknown): EmailCopyOverride {
  const parsed = emailCopyOverrideSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  return bad(`copy.${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid copy'}`);
}

export async function readCopy(db: Db, key: string): Promise<CopyView> {
  const k = templateKey(key);
  const entry = getTemplate(k);
  const [row] = await db.select().from(emailTemplates).where(eq(emailTemplates.key, k));
  const stored = row ? emailCopyOverrideSchema.safeParse(row.copy) : null;
  // Broken stored copy (written before validation existed) shows as defaults so it can be fixed by saving.
  const override = stored?.success ? stored.data : null;
  return { key: k, label: entry.label, kind: entry.kind, defaults: entry.defaultCopy, override, effective: mergeCopy(k, entry.defaultCopy, override), updatedAt: row?.updatedAt ?? null };
}

async function leadFor(db: Db, leadId: string | undefined, sample: RenderLead): Promise<RenderLead> {
  if (!leadId) return sample;
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
  return lead ?? bad(`leadId: no lead with id ${leadId}`);
}

export interface RenderCopyInput {
  key: string;
  /** Unsaved copy from the editor; absent means what is stored. */
  copy?: unknown;
  leadId?: string;
}

/** Renders exactly as the sendEmail activity would (same renderEmail, same merge), without tracking. */
export async function renderCopy(db: Db, input: RenderCopyInput, sample: RenderLead): Promise<RenderedEmail & { lead: RenderLead }> {
  const k = templateKey(input.key);
  const override = input.copy === undefined ? (await readCopy(db, k)).override : parseCopy(input.copy);
  const lead = await leadFor(db, input.leadId, sample);
  const appUrl = env().APP_URL.replace(/\/+$/, '');
  try {
    const rendered = await renderEmail(k, {
      lead,
      copyOverride: override,
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

/** Saves only after the copy both validates and renders, so a journey can never pick up copy that breaks its send. */
export async function saveCopy(db: Db, key: string, raw: unknown, sample: RenderLead): Promise<CopyView> {
  const k = templateKey(key);
  const copy = parseCopy(raw);
  const unknown = copyTexts(copy)
    .map(([field, text]) => [field, unknownPlaceholders(text, { sales: getTemplate(k).kind === 'sales' })[0]] as const)
    .find(([, u]) => u !== undefined);
  // Refused before rendering: an unknown placeholder renders as nothing in every email sent.
  if (unknown) return bad(`copy.${unknown[0]}: ${unknown[1]!.message}`);
  await renderCopy(db, { key: k, copy }, sample);
  const now = new Date();
  await db.insert(emailTemplates).values({ key: k, copy, updatedAt: now }).onConflictDoUpdate({ target: emailTemplates.key, set: { copy, updatedAt: now } });
  return readCopy(db, k);
}

export async function resetCopy(db: Db, key: string): Promise<CopyView> {
  const k = templateKey(key);
  await db.delete(emailTemplates).where(eq(emailTemplates.key, k));
  return readCopy(db, k);
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
