/** The frame every Leadflow email shares: preheader, brand header, body, footer with the unsubscribe link. */
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailLocale } from '@/lib/email/locales';
import { chromeFor } from './chrome';

export const colors = { brand: '#4f46e5', text: '#1f2937', muted: '#6b7280', panel: '#f3f4f6' } as const;

const body = { backgroundColor: '#ffffff', fontFamily: 'Helvetica, Arial, sans-serif', color: colors.text };
const container = { maxWidth: '560px', margin: '0 auto', padding: '24px' };
const footer = { fontSize: '12px', color: colors.muted, lineHeight: '18px' };

export interface LayoutProps {
  preheader: string;
  heading: string;
  productName: string;
  /** Absent for internal (sales) mail, which has no unsubscribe. */
  unsubscribeUrl?: string;
  footerNote?: string;
  locale?: EmailLocale;
  children: ReactNode;
}

export function Layout({ preheader, heading, productName, unsubscribeUrl, footerNote, locale, children }: LayoutProps) {
  const chrome = chromeFor(locale);
  return (
    <Html lang={chrome.htmlLang}>
      <Head />
      <Preview>{preheader}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={{ fontSize: '14px', fontWeight: 700, color: colors.brand, margin: '0 0 16px' }}>{productName}</Text>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', margin: '0 0 16px' }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: colors.panel, margin: '32px 0 16px' }} />
          {footerNote ? <Text style={footer}>{footerNote}</Text> : null}
          {unsubscribeUrl ? (
            <Text style={footer}>
              {chrome.whyYouGetThis(productName)}{' '}
              <Link href={unsubscribeUrl} style={{ color: colors.muted, textDecoration: 'underline' }}>
                {chrome.unsubscribe}
              </Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

