/** Reminder to the lead's owner when the next follow-up date they set comes. */
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LeadCard, Paragraphs } from './components/parts';
import { previewSales } from './components/preview';
import type { SalesEmailProps } from './components/types';

export type SalesFollowUpProps = SalesEmailProps;

export default function SalesFollowUp({ copy, lead, productName, leadUrl, locale }: SalesFollowUpProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <Cta cta={copy.cta ?? { label: chromeFor(locale).openTheLead, url: leadUrl }} />
      <LeadCard lead={lead} leadUrl={leadUrl} locale={locale} />
    </Layout>
  );
}

SalesFollowUp.PreviewProps = previewSales('sales-follow-up') satisfies SalesFollowUpProps;
