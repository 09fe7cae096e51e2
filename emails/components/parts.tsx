/** Building blocks the templates compose: paragraphs, the call to action, the last-action block, the lead card. */
import { Button, Heading, Link, Section, Text } from '@react-email/components';
import type { ActionBlock, EmailCopy } from '@/emails/copy/defaults';
import type { EmailLocale } from '@/lib/email/locales';
import { chromeFor } from './chrome';
import { colors } from './layout';
import type { SalesLeadSummary } from './types';

const paragraph = { fontSize: '16px', lineHeight: '24px', margin: '0 0 14px' };

export function Paragraphs({ items }: { items: string[] }) {
  return (
    <>
      {items.map((text, i) => (
        <Text key={i} style={paragraph}>
          {text}
        </Text>
      ))}
    </>
  );
}

export function Cta({ cta }: { cta: EmailCopy['cta'] }) {
  if (!cta) return null;
  return (
    <Section style={{ margin: '24px 0' }}>
      <Button
        href={cta.url}
        style={{ backgroundColor: colors.brand, color: '#ffffff', borderRadius: '6px', padding: '12px 20px', fontSize: '16px', fontWeight: 600 }}
      >
        {cta.label}
      </Button>
    </Section>
  );
}

/** Rendered only when the lead's last action has a block in the copy (download_whitepaper, visit_pricing, ...). */
export function LastActionBlock({ blocks, lastAction }: { blocks: EmailCopy['blocks']; lastAction: string | null }) {
  const block: ActionBlock | undefined = lastAction ? blocks?.[lastAction] : undefined;
  if (!block) return null;
  return (
    <Section
      data-block={lastAction ?? undefined}
      style={{ backgroundColor: colors.panel, borderRadius: '8px', padding: '16px 20px', margin: '16px 0' }}
    >
      <Heading as="h2" style={{ fontSize: '18px', margin: '0 0 8px' }}>
        {block.heading}
      </Heading>
      <Paragraphs items={block.paragraphs} />
      {block.cta ? (
        <Link href={block.cta.url} style={{ color: colors.brand, fontWeight: 600 }}>
          {block.cta.label}
        </Link>
      ) : null}
    </Section>
  );
}

const row = { fontSize: '14px', lineHeight: '20px', margin: '0 0 4px' };

export function LeadCard({ lead, leadUrl, locale }: { lead: SalesLeadSummary; leadUrl: string; locale?: EmailLocale }) {
  const { card, openTimeline } = chromeFor(locale);
  const fields: [string, string | number | null][] = [
    [card.lead, lead.name],
    [card.email, lead.email],
    [card.company, lead.company],
    [card.jobTitle, lead.jobTitle],
    [card.phone, lead.phone],
    [card.score, lead.score],
    [card.lastAction, lead.lastAction],
  ];
  return (
    <Section style={{ border: `1px solid ${colors.panel}`, borderRadius: '8px', padding: '12px 16px', margin: '16px 0' }}>
      {fields
        .filter(([, value]) => value !== null && value !== '')
        .map(([label, value]) => (
          <Text key={label} style={row}>
            <strong>{label}:</strong> {String(value)}
          </Text>
        ))}
      <Link href={leadUrl} style={{ color: colors.brand, fontSize: '14px' }}>
        {openTimeline}
      </Link>
    </Section>
  );
}
