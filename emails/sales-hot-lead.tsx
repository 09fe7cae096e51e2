/** Sales notification sent the moment a lead turns hot: who, why, and a one-click acknowledge. */
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LeadCard, Paragraphs } from './components/parts';
import { previewSales } from './components/preview';
import type { SalesEmailProps } from './components/types';

export type SalesHotLeadProps = SalesEmailProps;

export default function SalesHotLead({ copy, lead, productName, ackUrl, leadUrl, locale }: SalesHotLeadProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} footerNote={`${chromeFor(locale).acknowledgeLink} ${ackUrl}`} locale={locale}>
      <LeadCard lead={lead} leadUrl={leadUrl} locale={locale} />
      <Paragraphs items={copy.paragraphs} />
      <Cta cta={copy.cta ?? { label: chromeFor(locale).acknowledge, url: ackUrl }} />
    </Layout>
  );
}

SalesHotLead.PreviewProps = previewSales('sales-hot-lead') satisfies SalesHotLeadProps;
