/** Renders a registered template for one lead: merges marketer copy over defaults, interpolates, adds tracking. */
import { render } from '@react-email/render';
import { createElement } from 'react';
import { emailCopyOverrideSchema, type EmailCopy } from '@/emails/copy/defaults';
import { env } from '@/lib/env';
import { interpolateCopy, lastActionPhrase, type TemplateVars } from './interpolate';
import { addTracking } from './links';
import { siteUrlFor } from './site-pages';
import { stripControl } from '@/lib/text/control';
import { displayName, type NameOrder } from '@/lib/people/names';
import { defaultCopyFor, getTemplate, isTemplateKey, UnknownTemplateError, type TemplateKey } from './templates';
import { otherLocale, type EmailLocale } from './locales';

/** The lead fields a template may use; a LeadSnapshot or a leads row both fit. */
export interface RenderLead {
  id?: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  /** family_first: a Vietnamese name, written family name first in lead_name. */
  nameOrder?: NameOrder | null;
  company?: string | null;
  jobTitle?: string | null;
  phone?: string | null;
  companySize?: number | null;
  score?: number;
  lastAction?: string | null;
  properties?: Record<string, unknown>;
}

/** Facts only sales notifications carry. */
export interface SalesContext {
  ownerName: string;
  reason: string;
  ackUrl: string;
  leadUrl?: string;
  slaMinutes?: number;
  minutesWaiting?: number;
}

export interface EmailVariant {
  id: string;
  subject?: string;
  /** A registered template key switches the layout too; any other key names copy only (an `email_templates` row). */
  template?: string;
}

export interface RenderOptions {
  lead: RenderLead;
  /** The language chosen for this send (the lead's, else the org default); default English. */
  locale?: EmailLocale;
  /** `email_templates.copy` for the copy key in `locale`; any subset of the copy fields. */
  copyOverride?: Record<string, unknown> | null;
  /** Stored copy per language, for keys whose copy may be missing in one (created templates, variant copy). */
  copies?: Partial<Record<EmailLocale, Record<string, unknown> | null>>;
  /** Created templates: key → the registered layout that renders them. */
  custom?: Readonly<Record<string, TemplateKey>>;
  variant?: EmailVariant | null;
  links: {
    /** Required for marketing mail. */
    unsubscribeUrl?: string;
    /** When set, links go through the click tracker and an open pixel is added (marketing mail only). */
    trackingBase?: { messageId: string; appUrl?: string; secret?: string };
  };
  sales?: SalesContext;
  productName?: string;
  scheduleLink?: string;
  appUrl?: string;
  /** The marketer's website; unset, SITE_URL or this app's sample pages. */
  siteUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  kind: 'marketing' | 'sales';
  /** The template whose layout was used (a variant may switch it). */
  template: TemplateKey;
  /** The language of the copy that was rendered: the chosen one, or the other when the chosen one had no copy. */
  locale: EmailLocale;
}

export class InvalidCopyError extends Error {
  constructor(key: string, detail: string) {
    super(`Stored copy for email template "${key}" is invalid: ${detail}`);
    this.name = 'InvalidCopyError';
  }
}

/** Which layout renders and which `email_templates` row holds the copy, once a variant is applied. */
export function resolveTemplateKeys(key: string, variant?: EmailVariant | null, custom: Readonly<Record<string, TemplateKey>> = {}): { layoutKey: TemplateKey; copyKey: string } {
  const layoutOf = (k: string): TemplateKey | undefined => (isTemplateKey(k) ? k : Object.hasOwn(custom, k) ? custom[k] : undefined);
  const base = layoutOf(key);
  if (!base) throw new UnknownTemplateError(key);
  const alt = variant?.template;
  if (!alt) return { layoutKey: base, copyKey: key };
  const altLayout = layoutOf(alt);
  return altLayout ? { layoutKey: altLayout, copyKey: alt } : { layoutKey: base, copyKey: alt };
}

/** True when stored copy has any words in it; an absent or blank row means "this language has no copy". */
export function hasCopy(stored: Record<string, unknown> | null | undefined): boolean {
  if (!stored) return false;
  const o = emailCopyOverrideSchema.safeParse(stored);
  if (!o.success) return true;
  const d = o.data;
  return [d.subject, d.preheader, d.heading, d.cta?.label, ...(d.paragraphs ?? [])].some((t) => typeof t === 'string' && t.trim() !== '');
}

/**
 * The copy one send renders and its language. A registered template always has its own copy in every language (its
 * defaults). Any other copy key (a created template, a variant's copy) falls back to the other language's copy when the
 * chosen one has none, and to the layout's defaults when neither has any.
 */
export function selectCopy(
  copyKey: string,
  layoutKey: TemplateKey,
  locale: EmailLocale,
  copies: Partial<Record<EmailLocale, Record<string, unknown> | null>>,
): { copy: EmailCopy; locale: EmailLocale } {
  const own = isTemplateKey(copyKey);
  const other = otherLocale(locale);
  const use = own || hasCopy(copies[locale]) || !hasCopy(copies[other]) ? locale : other;
  const base = defaultCopyFor(own ? copyKey : layoutKey, use);
  return { copy: mergeCopy(copyKey, base, hasCopy(copies[use]) ? copies[use] : null), locale: use };
}

export function mergeCopy(key: string, defaults: EmailCopy, override: Record<string, unknown> | null | undefined): EmailCopy {
  if (!override) return defaults;
  const parsed = emailCopyOverrideSchema.safeParse(override);
  if (!parsed.success) throw new InvalidCopyError(key, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const o = parsed.data;
  return {
    subject: o.subject ?? defaults.subject,
    preheader: o.preheader ?? defaults.preheader,
    heading: o.heading ?? defaults.heading,
    paragraphs: o.paragraphs ?? defaults.paragraphs,
    cta: o.cta ?? defaults.cta,
    blocks: o.blocks ? { ...defaults.blocks, ...o.blocks } : defaults.blocks,
  };
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every variable the copy may use: the four the brief names, every lead column, every lead property. */
export function templateVars(
  lead: RenderLead,
  ctx: { productName: string; scheduleLink: string; appUrl: string; siteUrl?: string; sales?: SalesContext; locale?: EmailLocale },
): TemplateVars {
  const vars: TemplateVars = {};
  for (const [k, v] of Object.entries(lead.properties ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  }
  for (const [k, v] of Object.entries(lead)) {
    if (typeof v === 'string' || typeof v === 'number') vars[snake(k)] = v;
  }
  // "Nguyễn Thị Lan", not "Lan Nguyễn Thị": the name as its owner writes it; greetings use first_name (the given name).
  const name = displayName({ firstName: lead.firstName ?? null, lastName: lead.lastName ?? null, nameOrder: lead.nameOrder });
  Object.assign(vars, {
    first_name: lead.firstName?.trim() || undefined,
    product_name: ctx.productName,
    schedule_link: ctx.scheduleLink,
    app_url: ctx.appUrl,
    site_url: siteUrlFor(ctx.appUrl, ctx.siteUrl),
    last_action: lastActionPhrase(lead.lastAction, ctx.locale),
    last_action_raw: lead.lastAction ?? undefined,
    lead_name: name || lead.email,
    score: lead.score ?? 0,
  });
  if (ctx.sales) {
    Object.assign(vars, {
      owner_name: ctx.sales.ownerName,
      reason: ctx.sales.reason,
      ack_url: ctx.sales.ackUrl,
      sla_minutes: ctx.sales.slaMinutes ?? 15,
      minutes_waiting: ctx.sales.minutesWaiting,
    });
  }
  return vars;
}

export async function renderEmail(key: string, opts: RenderOptions): Promise<RenderedEmail> {
  const { layoutKey, copyKey } = resolveTemplateKeys(key, opts.variant, opts.custom);
  const entry = getTemplate(layoutKey);
  const chosen = opts.locale ?? 'en';
  const copies = { ...opts.copies, ...(opts.copyOverride !== undefined && { [chosen]: opts.copyOverride }) };
  const { copy: merged, locale } = selectCopy(copyKey, layoutKey, chosen, copies);
  const e = opts.productName && opts.scheduleLink && opts.appUrl ? undefined : env();
  const appUrl = (opts.appUrl ?? e?.APP_URL ?? '').replace(/\/+$/, '');
  const siteUrl = opts.siteUrl ?? e?.SITE_URL;
  const ctx = { productName: opts.productName ?? e?.PRODUCT_NAME ?? 'Leadflow', scheduleLink: opts.scheduleLink ?? e?.SCHEDULE_LINK ?? '', appUrl, siteUrl, sales: opts.sales, locale };
  const vars = templateVars(opts.lead, ctx);
  const copy = interpolateCopy(opts.variant?.subject ? { ...merged, subject: opts.variant.subject } : merged, vars, locale);

  let element;
  if (entry.kind === 'marketing') {
    const unsubscribeUrl = opts.links.unsubscribeUrl;
    if (!unsubscribeUrl) throw new Error(`Marketing email "${layoutKey}" needs an unsubscribe link`);
    element = createElement(entry.component, { copy, lastAction: opts.lead.lastAction ?? null, productName: ctx.productName, unsubscribeUrl, locale });
  } else {
    if (!opts.sales) throw new Error(`Sales email "${layoutKey}" needs the sales context (owner, reason, ack link)`);
    const lead = opts.lead;
    element = createElement(entry.component, {
      copy,
      locale,
      productName: ctx.productName,
      ackUrl: opts.sales.ackUrl,
      leadUrl: opts.sales.leadUrl ?? `${appUrl}/leads/${lead.id ?? ''}`,
      lead: {
        name: String(vars.lead_name),
        email: lead.email,
        company: lead.company ?? null,
        jobTitle: lead.jobTitle ?? null,
        phone: lead.phone ?? null,
        score: lead.score ?? 0,
        lastAction: lead.lastAction ?? null,
      },
    });
  }

  const [rawHtml, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const tracking = opts.links.trackingBase;
  const html =
    tracking && entry.kind === 'marketing'
      ? addTracking(rawHtml, tracking.messageId, { appUrl: tracking.appUrl ?? (appUrl || undefined), secret: tracking.secret, skip: [opts.links.unsubscribeUrl ?? ''] })
      : rawHtml;
  // The subject becomes a mail header: CR/LF from a lead's name must not reach it.
  return { subject: stripControl(copy.subject).trim(), preheader: copy.preheader, html, text, kind: entry.kind, template: layoutKey, locale };
}
