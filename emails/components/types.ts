/** Props every template receives: copy already interpolated, plus the links and facts the layout needs. */
import type { EmailCopy } from '@/emails/copy/defaults';
import type { EmailLocale } from '@/lib/email/locales';

export interface MarketingEmailProps {
  copy: EmailCopy;
  /** Raw event type (e.g. visit_pricing); picks the matching block from `copy.blocks`. */
  lastAction: string | null;
  productName: string;
  unsubscribeUrl: string;
  /** The language of the copy; the layout's own words (footer, labels) follow it. Absent means English. */
  locale?: EmailLocale;
}

export interface SalesLeadSummary {
  name: string;
  email: string;
  company: string | null;
  jobTitle: string | null;
  phone: string | null;
  score: number;
  lastAction: string | null;
}

export interface SalesEmailProps {
  copy: EmailCopy;
  lead: SalesLeadSummary;
  productName: string;
  /** One click acknowledges the hand-off; stops the SLA reminder and the escalation. */
  ackUrl: string;
  leadUrl: string;
  locale?: EmailLocale;
}
