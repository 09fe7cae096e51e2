/** Email C ("Case Study") for leads scoring 45–59: the story plus the before/after numbers the seeds report. */
import { Column, Row, Section, Text } from '@react-email/components';
import { chromeFor } from './components/chrome';
import { Layout } from './components/layout';
import { Cta, LastActionBlock, Paragraphs } from './components/parts';
import { previewMarketing } from './components/preview';
import type { MarketingEmailProps } from './components/types';

export interface EmailCCaseStudyProps extends MarketingEmailProps {
  results?: { label: string; before: string; after: string }[];
}

export default function EmailCCaseStudy({ copy, lastAction, productName, unsubscribeUrl, locale, results = chromeFor(locale).results }: EmailCCaseStudyProps) {
  return (
    <Layout preheader={copy.preheader} heading={copy.heading} productName={productName} unsubscribeUrl={unsubscribeUrl} locale={locale}>
      <Paragraphs items={copy.paragraphs} />
      <Section style={{ margin: '8px 0 16px' }}>
        {results.map((r) => (
          <Row key={r.label}>
            <Column style={{ width: '50%' }}>
              <Text style={{ margin: '4px 0', fontSize: '15px' }}>{r.label}</Text>
            </Column>
            <Column>
              <Text style={{ margin: '4px 0', fontSize: '15px', fontWeight: 700 }}>
                {r.before} → {r.after}
              </Text>
            </Column>
          </Row>
        ))}
      </Section>
      <LastActionBlock blocks={copy.blocks} lastAction={lastAction} />
      <Cta cta={copy.cta} />
    </Layout>
  );
}

EmailCCaseStudy.PreviewProps = previewMarketing('email-c-case-study') satisfies EmailCCaseStudyProps;
