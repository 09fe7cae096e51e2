/** Reminder to the lead's owner when the next follow-up date they set comes. */
import { Layout } from './components/layout';
import { Cta, LeadCard, Paragraphs } from './components/parts';
import { previewSales } from './components/preview';
import type { SalesEmailProps } from './components/types';

export type SalesFollowUpProps = SalesEmailProps;

export default function SalesFollowUp({ copy, lead, productName, leadUrl }: SalesFollowUpProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName}>
      <Paragraphs items={copy.paragraphs} />
      <Cta cta={copy.cta ?? { label: 'Open the lead', url: leadUrl }} />
      <LeadCard lead={lead} leadUrl={leadUrl} />
    </Layout>
  );
}

SalesFollowUp.PreviewProps = previewSales('sales-follow-up') satisfies SalesFollowUpProps;
