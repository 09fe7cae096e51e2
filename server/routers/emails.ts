/** Emails: the outbox, one message as its recipient saw it, template previews, editable copy with test sends, and the bounce rate. */
import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { leads, messages } from '@/db/schema';
import { loadCopies, loadCustomLayouts } from '@/db/email-copy';
import { EMAIL_LOCALES, isEmailLocale, type EmailLocale } from '@/lib/email/locales';
import { isTemplateKey } from '@/lib/email/templates';
import { env } from '@/lib/env';
import { renderEmail, type RenderLead } from '@/lib/email/render';
import { OPEN_PATH, unsubscribeUrl } from '@/lib/email/links';
import { bounceStats, scopeInput } from '@/server/routers/dashboard';
import { readCopy, renderCopy, resetCopy, saveCopy, sendTestCopy } from '@/server/services/email-copy';
import { notFound, protectedProcedure, router } from '@/server/trpc';
import { assertTeamAddress, UserError } from '@/server/services/users';
import { TRPCError } from '@trpc/server';
import { archiveTemplate, createTemplate, deleteTemplate, layoutOptions, listTemplates, unarchiveTemplate } from '@/server/services/email-templates';
import { asTrpc } from '@/server/services/input-error';

const localeInput = z.enum(EMAIL_LOCALES).default('en');

/** The lead a preview is rendered for when there is no real one. */
export const SAMPLE_LEAD: RenderLead = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'ada.lovelace@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Analytical Engines Ltd',
  jobTitle: 'Head of Growth',
  score: 52,
  lastAction: 'download_whitepaper',
};

const sampleSales = (appUrl: string, leadId: string) => ({
  ownerName: 'John Doe',
  reason: 'Score reached 60 (hot)',
  ackUrl: `${appUrl}/api/handoff/preview/ack?token=preview`,
  leadUrl: `${appUrl}/leads/${leadId}`,
  slaMinutes: 15,
  minutesWaiting: 16,
});

async function renderFor(db: Db, key: string, lead: RenderLead, variant: string | null, locale: EmailLocale) {
  const appUrl = env().APP_URL.replace(/\/+$/, '');
  return renderEmail(key, {
    lead,
    locale,
    copies: await loadCopies(db, key),
    custom: await loadCustomLayouts(db, [key]),
    variant: variant ? { id: variant } : null,
    links: { unsubscribeUrl: unsubscribeUrl(lead.id ?? SAMPLE_LEAD.id!) },
    sales: sampleSales(appUrl, lead.id ?? SAMPLE_LEAD.id!),
  });
}

/** Looking at a message in the outbox must not count as the recipient opening it (nor score the lead). */
export function withoutOpenPixel(html: string): string {
  const path = OPEN_PATH.replace(/[/.]/g, (c) => `\\${c}`);
  return html.replace(new RegExp(`<img\\b[^>]*\\bsrc="[^"]*${path}\\?[^"]*"[^>]*>`, 'gi'), '');
}

/** The mail sink keeps every message's exact HTML; a real provider does not, so callers fall back to re-rendering. */
async function fromSink(providerId: string): Promise<{ html: string | null; text: string | null } | null> {
  const base = env().RESEND_BASE_URL;
  if (!base) return null;
  try {
    const res = await fetch(`${base.replace(/\/+$/, '')}/_sink/messages/${encodeURIComponent(providerId)}`, { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) return null;
    const body = (await res.json()) as { html?: unknown; text?: unknown };
    return { html: typeof body.html === 'string' ? withoutOpenPixel(body.html) : null, text: typeof body.text === 'string' ? body.text : null };
  } catch {
    return null;
  }
}

export const emailsRouter = router({
  outbox: protectedProcedure
    .input(
      z.object({
        q: z.string().trim().max(200).default(''),
        status: z.string().trim().max(40).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const filters: SQL[] = [];
      if (input.q) filters.push(ilike(messages.toEmail, `%${input.q.replace(/[%_]/g, (m) => `\\${m}`)}%`));
      if (input.status) filters.push(eq(messages.status, input.status));
      const where = and(...filters);
      const [items, [total]] = await Promise.all([
        ctx.db
          .select({
            id: messages.id,
            leadId: messages.leadId,
            toEmail: messages.toEmail,
            template: messages.template,
            variant: messages.variant,
            subject: messages.subject,
            status: messages.status,
            error: messages.error,
            deferredUntil: messages.deferredUntil,
            sentAt: messages.sentAt,
            createdAt: messages.createdAt,
          })
          .from(messages)
          .where(where)
          .orderBy(desc(messages.createdAt), desc(messages.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db.select({ n: count() }).from(messages).where(where),
      ]);
      return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
    }),

  message: protectedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => {
    const [message] = await ctx.db.select().from(messages).where(eq(messages.id, input.id));
    if (!message) return notFound('message');
    // The sink has the real mail with a teammate's sign-in link; the Outbox shows only the stored copy without it.
    if (message.kind === 'account') return { message, body: { html: message.rendered?.html ?? null, text: message.rendered?.text ?? null, source: 'link-removed' as const } };
    const sink = message.providerId ? await fromSink(message.providerId) : null;
    if (sink?.html || sink?.text) return { message, body: { ...sink, source: 'sent' as const } };
    // Without the sent copy, show the template rendered for the same lead now, and say so.
    const [lead] = message.leadId ? await ctx.db.select().from(leads).where(eq(leads.id, message.leadId)) : [];
    try {
      const locale = isEmailLocale(message.locale) ? message.locale : 'en';
      const rendered = await renderFor(ctx.db, message.template, lead ?? { ...SAMPLE_LEAD, email: message.toEmail }, message.variant, locale);
      return { message, body: { html: rendered.html, text: rendered.text, source: 're-rendered' as const } };
    } catch {
      return { message, body: { html: null, text: null, source: 'unavailable' as const } };
    }
  }),

  /** The built-in templates and the created ones (archived too when asked), with the layouts a new one may use. */
  templates: protectedProcedure
    .input(z.object({ includeArchived: z.boolean().default(false) }).optional())
    .query(({ ctx, input }) => listTemplates(ctx.db, { includeArchived: input?.includeArchived ?? false })),

  layouts: protectedProcedure.query(() => layoutOptions()),

  createTemplate: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1, 'give the template a name').max(120), layout: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => asTrpc(() => createTemplate(ctx.db, input, ctx.user.id))),

  /** Refused (CONFLICT naming the journey) while a published journey sends it. */
  archiveTemplate: protectedProcedure.input(z.object({ key: z.string().min(1).max(100) })).mutation(({ ctx, input }) => asTrpc(() => archiveTemplate(ctx.db, input.key))),

  unarchiveTemplate: protectedProcedure.input(z.object({ key: z.string().min(1).max(100) })).mutation(({ ctx, input }) => asTrpc(() => unarchiveTemplate(ctx.db, input.key))),

  deleteTemplate: protectedProcedure.input(z.object({ key: z.string().min(1).max(100) })).mutation(({ ctx, input }) => asTrpc(() => deleteTemplate(ctx.db, input.key))),

  preview: protectedProcedure
    .input(
      z.object({
        key: z.string().refine(isTemplateKey, 'unknown template'),
        firstName: z.string().trim().max(80).optional(),
        company: z.string().trim().max(120).optional(),
        score: z.number().int().min(-1000).max(1000).optional(),
        locale: localeInput,
      }),
    )
    .query(async ({ ctx, input }) => {
      const lead: RenderLead = {
        ...SAMPLE_LEAD,
        ...(input.firstName !== undefined && { firstName: input.firstName }),
        ...(input.company !== undefined && { company: input.company }),
        ...(input.score !== undefined && { score: input.score }),
      };
      const r = await renderFor(ctx.db, input.key, lead, null, input.locale);
      return { subject: r.subject, preheader: r.preheader, html: r.html, text: r.text, kind: r.kind };
    }),

  /** The copy editor, one language at a time: defaults, what is stored, and what that language's leads receive. */
  copy: protectedProcedure.input(z.object({ key: z.string().min(1).max(100), locale: localeInput })).query(({ ctx, input }) => readCopy(ctx.db, input.key, input.locale)),

  /** Validated (BAD_REQUEST naming the field) and test-rendered before it is stored; the next send uses it. */
  saveCopy: protectedProcedure
    .input(z.object({ key: z.string().min(1).max(100), locale: localeInput, copy: z.unknown() }))
    .mutation(({ ctx, input }) => saveCopy(ctx.db, input.key, input.copy, SAMPLE_LEAD, input.locale)),

  resetCopy: protectedProcedure
    .input(z.object({ key: z.string().min(1).max(100), locale: localeInput }))
    .mutation(({ ctx, input }) => resetCopy(ctx.db, input.key, input.locale)),

  /** A mutation so unsaved copy travels in a POST body, not a URL; renders for a real lead or the sample one. */
  previewCopy: protectedProcedure
    .input(z.object({ key: z.string().min(1).max(100), locale: localeInput, copy: z.unknown().optional(), leadId: z.string().uuid().optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await renderCopy(ctx.db, input, SAMPLE_LEAD);
      return { subject: r.subject, preheader: r.preheader, html: r.html, text: r.text, kind: r.kind, leadEmail: r.lead.email };
    }),

  sendTest: protectedProcedure
    .input(z.object({ key: z.string().min(1).max(100), locale: localeInput, to: z.string().trim().email(), copy: z.unknown().optional(), leadId: z.string().uuid().optional() }))
    .mutation(async ({ ctx, input }) => {
      // Caller-written copy filled with a real lead's data must never leave the team.
      await assertTeamAddress(ctx.db, input.to).catch((err: unknown) => {
        throw err instanceof UserError ? new TRPCError({ code: 'BAD_REQUEST', message: `${err.field}: ${err.message}` }) : err;
      });
      return sendTestCopy(ctx.db, input, SAMPLE_LEAD);
    }),

  bounceRate: protectedProcedure
    .input(scopeInput.extend({ sinceDays: z.number().int().min(1).max(365).default(7) }).default({ sinceDays: 7 }))
    .query(({ ctx, input }) => bounceStats(ctx.db, input)),
});
