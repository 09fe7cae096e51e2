/** Escalation to the sales manager when the owner has ignored both the hand-off and the reminder. */
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LeadCard, Paragraphs } from './components/parts';
import { previewSales } from './components/preview';
import type { SalesEmailProps } from './components/types';

export type SalesEscalationProps = SalesEmailProps;

export default function SalesEscalation({ copy, lead, productName, ackUrl, leadUrl, locale }: SalesEscalationProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} footerNote={`${chromeFor(locale).acknowledgeLink} ${ackUrl}`} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <LeadCard lead={lead} leadUrl={leadUrl} locale={locale} />
      <Cta cta={copy.cta ?? { label: chromeFor(locale).acknowledge, url: ackUrl }} />
    </Layout>
  );
}

SalesEscalation.PreviewProps = previewSales('sales-escalation') satisfies SalesEscalationProps;
