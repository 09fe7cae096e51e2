/** Account mail to a teammate: a sign-in link, a password reset, an invitation, a follow-up reminder. */
import { Button, Text } from '@react-email/components';
import type { EmailLocale } from '@/lib/email/locales';
import { colors, Layout } from './components/layout';

export interface TeamAccessProps {
  productName: string;
  heading: string;
  paragraphs: string[];
  cta: { label: string; url: string };
  /** Why the reader got this, and what to do if they did not ask for it. */
  footerNote: string;
  /** The reader's language (the <html lang>); English when absent. */
  locale?: EmailLocale;
}

export default function TeamAccess({ productName, heading, paragraphs, cta, footerNote, locale }: TeamAccessProps) {
  return (
    <Layout preheader={heading} heading={heading} productName={productName} footerNote={footerNote} locale={locale}>
      {paragraphs.map((p) => (
        <Text key={p} style={{ fontSize: '16px', lineHeight: '24px' }}>
          {p}
        </Text>
      ))}
      <Button href={cta.url} style={{ backgroundColor: colors.brand, color: '#ffffff', padding: '12px 20px', borderRadius: '6px', fontWeight: 600 }}>
        {cta.label}
      </Button>
      <Text style={{ fontSize: '12px', color: colors.muted, wordBreak: 'break-all' }}>{cta.url}</Text>
    </Layout>
  );
}

TeamAccess.PreviewProps = {
  productName: 'Leadflow',
  heading: 'Sign in to Leadflow',
  paragraphs: ['Use the button below to sign in. The link works once and expires in 10 minutes.'],
  cta: { label: 'Sign in', url: 'http://localhost:3000/api/auth/magic-link/verify?token=preview' },
  footerNote: 'If you did not ask to sign in, ignore this email.',
} satisfies TeamAccessProps;
