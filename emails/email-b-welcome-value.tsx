/** Email B ("Welcome + Value") for leads scoring 20–44: the first paragraph leads, the rest read as value points. */
import { Text } from '@react-email/components';
import { Layout } from './components/layout';
import { Cta, LastActionBlock, Paragraphs } from './components/parts';
import { previewMarketing } from './components/preview';
import type { MarketingEmailProps } from './components/types';

export type EmailBWelcomeValueProps = MarketingEmailProps;

export default function EmailBWelcomeValue({ copy, lastAction, productName, unsubscribeUrl, locale }: EmailBWelcomeValueProps) {
  const [intro, ...points] = copy.paragraphs;
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} unsubscribeUrl={unsubscribeUrl} locale={locale}>
      {intro ? <Paragraphs items={[intro]} /> : null}
      {points.map((point, i) => (
        <Text key={i} style={{ fontSize: '16px', lineHeight: '24px', margin: '0 0 10px', paddingLeft: '12px', borderLeft: '3px solid #4f46e5' }}>
          {point}
        </Text>
      ))}
      <LastActionBlock blocks={copy.blocks} lastAction={lastAction} />
      <Cta cta={copy.cta} />
    </Layout>
  );
}

EmailBWelcomeValue.PreviewProps = previewMarketing('email-b-welcome-value') satisfies EmailBWelcomeValueProps;
