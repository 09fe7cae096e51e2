/** Email A: the gentle nurture email for leads scoring under 20. */
import { Layout } from './components/layout';
import { Cta, LastActionBlock, Paragraphs } from './components/parts';
import { previewMarketing } from './components/preview';
import type { MarketingEmailProps } from './components/types';

export type EmailANurtureProps = MarketingEmailProps;

export default function EmailANurture({ copy, lastAction, productName, unsubscribeUrl, locale }: EmailANurtureProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} unsubscribeUrl={unsubscribeUrl} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <LastActionBlock blocks={copy.blocks} lastAction={lastAction} />
      <Cta cta={copy.cta} />
    </Layout>
  );
}

EmailANurture.PreviewProps = previewMarketing('email-a-nurture', 'download_whitepaper') satisfies EmailANurtureProps;
