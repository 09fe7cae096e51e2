/** Email C ("Demo Invite") for leads scoring 45–59: the booking link is the point, so it leads and closes. */
import { Link, Text } from '@react-email/components';
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LastActionBlock, Paragraphs } from './components/parts';
import { previewMarketing } from './components/preview';
import type { MarketingEmailProps } from './components/types';

export type EmailCDemoInviteProps = MarketingEmailProps;

export default function EmailCDemoInvite({ copy, lastAction, productName, unsubscribeUrl, locale }: EmailCDemoInviteProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} unsubscribeUrl={unsubscribeUrl} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <Cta cta={copy.cta} />
      <LastActionBlock blocks={copy.blocks} lastAction={lastAction} />
      {copy.cta ? (
        <Text style={{ fontSize: '14px', color: '#6b7280' }}>
          {chromeFor(locale).buttonNotWorking} <Link href={copy.cta.url}>{copy.cta.url}</Link>
        </Text>
      ) : null}
    </Layout>
  );
}

EmailCDemoInvite.PreviewProps = previewMarketing('email-c-demo-invite') satisfies EmailCDemoInviteProps;
