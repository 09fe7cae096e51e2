/** Re-engagement email for leads cold for 7 days: one click keeps them, silence lets the journey archive them. */
import { Link, Text } from '@react-email/components';
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LastActionBlock, Paragraphs } from './components/parts';
import { previewMarketing } from './components/preview';
import type { MarketingEmailProps } from './components/types';

export type ReEngageProps = MarketingEmailProps;

export default function ReEngage({ copy, lastAction, productName, unsubscribeUrl, locale }: ReEngageProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} unsubscribeUrl={unsubscribeUrl} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <LastActionBlock blocks={copy.blocks} lastAction={lastAction} />
      <Cta cta={copy.cta} />
      <Text style={{ fontSize: '14px', color: '#6b7280' }}>
        {chromeFor(locale).notForYou} <Link href={unsubscribeUrl}>{chromeFor(locale).stopTheseEmails}</Link>.
      </Text>
    </Layout>
  );
}

ReEngage.PreviewProps = previewMarketing('re-engage', null) satisfies ReEngageProps;
