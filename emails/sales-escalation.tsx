/** Escalation to the sales manager when the owner has ignored both the hand-off and the reminder. */
import { Layout } from './components/layout';
import { Cta, LeadCard, Paragraphs } from './components/parts';
import { previewSales } from './components/preview';
import type { SalesEmailProps } from './components/types';

export type SalesEscalationProps = SalesEmailProps;

export default function SalesEscalation({ copy, lead, productName, ackUrl, leadUrl }: SalesEscalationProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} footerNote={`Acknowledge link: ${ackUrl}`}>
      <Paragraphs items={copy.paragraphs} />
      <LeadCard lead={lead} leadUrl={leadUrl} />
      <Cta cta={copy.cta ?? { label: 'Acknowledge', url: ackUrl }} />
    </Layout>
  );
}

SalesEscalation.PreviewProps = previewSales('sales-escalation') satisfies SalesEscalationProps;
