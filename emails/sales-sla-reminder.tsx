/** Reminder to the sales owner when a hot lead passes its hand-off SLA unacknowledged. */
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LeadCard, Paragraphs } from './components/parts';
import { previewSales } from './components/preview';
import type { SalesEmailProps } from './components/types';

export type SalesSlaReminderProps = SalesEmailProps;

export default function SalesSlaReminder({ copy, lead, productName, ackUrl, leadUrl, locale }: SalesSlaReminderProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} footerNote={`${chromeFor(locale).acknowledgeLink} ${ackUrl}`} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <Cta cta={copy.cta ?? { label: chromeFor(locale).acknowledge, url: ackUrl }} />
      <LeadCard lead={lead} leadUrl={leadUrl} locale={locale} />
    </Layout>
  );
}

SalesSlaReminder.PreviewProps = previewSales('sales-sla-reminder') satisfies SalesSlaReminderProps;
