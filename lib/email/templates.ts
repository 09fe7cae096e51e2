/** The template registry: every email Leadflow can send, its component, audience and default copy. */
import type { ComponentType } from 'react';
import type { MarketingEmailProps, SalesEmailProps } from '@/emails/components/types';
import { DEFAULT_COPY, type EmailCopy, type TemplateKey } from '@/emails/copy/defaults';
import { DEFAULT_COPY_VI } from '@/emails/copy/defaults-vi';
import type { EmailLocale } from './locales';
import EmailANurture from '@/emails/email-a-nurture';
import EmailBWelcomeValue from '@/emails/email-b-welcome-value';
import EmailCCaseStudy from '@/emails/email-c-case-study';
import EmailCDemoInvite from '@/emails/email-c-demo-invite';
import ReEngage from '@/emails/re-engage';
import SalesEscalation from '@/emails/sales-escalation';
import SalesFollowUp from '@/emails/sales-follow-up';
import SalesHotLead from '@/emails/sales-hot-lead';
import SalesSlaReminder from '@/emails/sales-sla-reminder';

export type { TemplateKey };

export type TemplateEntry =
  | { kind: 'marketing'; component: ComponentType<MarketingEmailProps>; label: string; defaultCopy: EmailCopy }
  | { kind: 'sales'; component: ComponentType<SalesEmailProps>; label: string; defaultCopy: EmailCopy };

export const TEMPLATES: Readonly<Record<TemplateKey, TemplateEntry>> = {
  'email-a-nurture': { kind: 'marketing', component: EmailANurture, label: 'Email A — Nurture (score < 20)', defaultCopy: DEFAULT_COPY['email-a-nurture'] },
  'email-b-welcome-value': {
    kind: 'marketing',
    component: EmailBWelcomeValue,
    label: 'Email B — Welcome + Value (score 20–44)',
    defaultCopy: DEFAULT_COPY['email-b-welcome-value'],
  },
  'email-c-case-study': {
    kind: 'marketing',
    component: EmailCCaseStudy,
    label: 'Email C — Case Study (score 45–59)',
    defaultCopy: DEFAULT_COPY['email-c-case-study'],
  },
  'email-c-demo-invite': {
    kind: 'marketing',
    component: EmailCDemoInvite,
    label: 'Email C — Demo Invite (score 45–59)',
    defaultCopy: DEFAULT_COPY['email-c-demo-invite'],
  },
  're-engage': { kind: 'marketing', component: ReEngage, label: 'Re-engage (cold 7 days)', defaultCopy: DEFAULT_COPY['re-engage'] },
  'sales-hot-lead': { kind: 'sales', component: SalesHotLead, label: 'Sales — Hot lead', defaultCopy: DEFAULT_COPY['sales-hot-lead'] },
  'sales-sla-reminder': {
    kind: 'sales',
    component: SalesSlaReminder,
    label: 'Sales — SLA reminder',
    defaultCopy: DEFAULT_COPY['sales-sla-reminder'],
  },
  'sales-escalation': { kind: 'sales', component: SalesEscalation, label: 'Sales — Escalation', defaultCopy: DEFAULT_COPY['sales-escalation'] },
  'sales-follow-up': { kind: 'sales', component: SalesFollowUp, label: 'Sales — Follow-up due', defaultCopy: DEFAULT_COPY['sales-follow-up'] },
};

export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

export function isTemplateKey(key: string): key is TemplateKey {
  return Object.hasOwn(TEMPLATES, key);
}

export class UnknownTemplateError extends Error {
  constructor(readonly key: string) {
    super(`Unknown email template "${key}"; known: ${TEMPLATE_KEYS.join(', ')}`);
    this.name = 'UnknownTemplateError';
  }
}

export function getTemplate(key: string): TemplateEntry {
  if (!isTemplateKey(key)) throw new UnknownTemplateError(key);
  return TEMPLATES[key];
}

const DEFAULTS_BY_LOCALE: Readonly<Record<EmailLocale, Readonly<Record<TemplateKey, EmailCopy>>>> = { en: DEFAULT_COPY, vi: DEFAULT_COPY_VI };

/** A registered template's own copy in one language. */
export function defaultCopyFor(key: TemplateKey, locale: EmailLocale): EmailCopy {
  return DEFAULTS_BY_LOCALE[locale][key];
}

/** What a new template may be laid out as: the marketing layouts, since journey sends are marketing mail (unsubscribe, tracking, cap). */
export const LAYOUTS = [
  { key: 'email-a-nurture', label: 'Simple: paragraphs, last-action block, button' },
  { key: 'email-b-welcome-value', label: 'Value points: an intro, then each paragraph as a highlighted point' },
  { key: 'email-c-case-study', label: 'Case study: paragraphs and the before/after results table' },
  { key: 'email-c-demo-invite', label: 'Invitation: the button leads, with a plain link under it' },
  { key: 're-engage', label: 'Re-engage: paragraphs, button and a "stop these emails" line' },
] as const satisfies readonly { key: TemplateKey; label: string }[];

export type LayoutKey = (typeof LAYOUTS)[number]['key'];
export const isLayoutKey = (k: string): k is LayoutKey => LAYOUTS.some((l) => l.key === k);
